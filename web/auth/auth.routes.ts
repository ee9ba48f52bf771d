import { Hono } from 'hono';
import { adminRoutes } from '../admin/admin.routes';
import type { AppDeps } from '../deps';
import { roleHomeRoutes } from '../home/role-homes';
import { chooseRoutes } from './choose.routes';
import { confirmRoutes } from './confirm.routes';
import { enrolRoutes } from './enrol.routes';
import { passkeyRoutes } from './passkeys.routes';
import { passwordRoutes } from './password.routes';
import { securityRoutes } from './security.routes';
import { sessionRoutes } from './session.routes';
import { signInRoutes } from './sign-in.routes';

/** Everything the sign-in feature serves: sign-in steps, role choice, sessions, role home pages, user administration. */
export function authRoutes(deps: AppDeps) {
  return new Hono()
    .route('/', signInRoutes(deps))
    .route('/', enrolRoutes(deps))
    .route('/', passwordRoutes(deps))
    .route('/', confirmRoutes(deps))
    .route('/', chooseRoutes(deps))
    .route('/', passkeyRoutes(deps))
    .route('/', securityRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', roleHomeRoutes(deps))
    .route('/', adminRoutes(deps));
}
