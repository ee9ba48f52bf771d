import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { RoleAssignment, SignInContext, SignedIn, StartedSession } from '../../services/identity/session.types';
import type { AppDeps } from '../deps';
import { clientAddress, trustedProxies } from './client-address';
import { homePath } from './homes';
import { writeSessionCookie } from './session-cookie';

/** What the sign-in routes use: the services, and the configured origin for cookies and WebAuthn. */
export type AuthDeps = Pick<AppDeps, 'services' | 'config'>;

/** Hands a session the identity service started to the browser (its cookie) and to the rest of this request. */
export function adoptSession(c: Context, deps: AuthDeps, started: StartedSession) {
  writeSessionCookie(c, started.token, deps.config.APP_ORIGIN);
  c.set('session', started.session);
}

/** The sign-in page's forms need a CSRF token before anyone has signed in. */
export async function ensureSession(c: Context, deps: AuthDeps) {
  if (c.get('session')) return;
  adoptSession(c, deps, await deps.services.identity.startAnonymousSession(c.get('sessionPolicy')));
}

/**
 * Where a finished sign-in goes: choosing a password in place of a temporary one, else the home
 * of the role already chosen, else the choice of organisation or role.
 */
export function landingPath(signedIn: SignedIn): string {
  if (signedIn.session.stage === 'new_password') return '/auth/password/new';
  return signedIn.session.role ? homePath(signedIn.session.role) : choiceUrl(signedIn.roles);
}

/** Organisation page for several organisations, straight to the role page for one. */
function choiceUrl(roles: RoleAssignment[]): string {
  const orgs = [...new Set(roles.map((r) => r.orgCode))];
  return orgs.length === 1 ? `/auth/role?org=${encodeURIComponent(orgs[0]!)}` : '/auth/organisation';
}

/** The socket's peer: a direct client, or a reverse proxy. */
function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * What the identity service's sign-in steps need to know of the request: the client's address
 * (X-Forwarded-For is believed only from TRUSTED_PROXIES) and the session timers.
 */
export function signInContext(c: Context, deps: AuthDeps): SignInContext {
  const trusted = trustedProxies(deps.config.TRUSTED_PROXIES);
  const address = clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trusted);
  return { address, policy: c.get('sessionPolicy') };
}
