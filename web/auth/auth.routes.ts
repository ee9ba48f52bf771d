import { Hono } from 'hono';
import { roleHomeRoutes } from '../home/role-homes';
import { chooseRoutes } from './choose.routes';
import { sessionRoutes } from './session.routes';
import { signInRoutes } from './sign-in.routes';
import type { SessionDeps } from './sessions';

/** Everything the sign-in feature serves: sign-in steps, role choice, sessions, role home pages. */
export function authRoutes(deps: SessionDeps) {
  return new Hono()
    .route('/', signInRoutes(deps))
    .route('/', chooseRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', roleHomeRoutes);
}
