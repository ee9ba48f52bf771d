import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { USER_ADMINISTRATION } from '../../domain/identity/permissions';
import { OPS_PERMISSIONS } from '../../domain/ops/permissions';
import { rolesFor } from '../../domain/permissions';
import type { RoleCode } from '../../domain/roles';
import { rolesOfSide } from './homes';
import { requireRole, requireSignedIn } from './middleware';

/** public: anyone; signed-in: both factors done, any role or none yet; a list: those roles only. */
export type Access = 'public' | 'signed-in' | readonly RoleCode[];

/**
 * Who may use each route of sign-in, role homes and administration: the one place to read
 * it, with administration's roles taken from its rules table. Services still check the
 * permission and the relationship to the record (e.g. a passkey is the user's own).
 */
export const ROUTE_ACCESS = {
  'GET /': 'public',
  'GET /auth/sign-in': 'public',
  'POST /auth/sign-in': 'public',
  'GET /auth/sign-in/code': 'public',
  'POST /auth/sign-in/code': 'public',
  'GET /auth/authenticator': 'public',
  'POST /auth/authenticator': 'public',
  // The handlers admit only a session at the new_password stage (a temporary password was used).
  'GET /auth/password/new': 'public',
  'POST /auth/password/new': 'public',
  'POST /auth/passkey/options': 'public',
  'POST /auth/passkey/sign-in': 'public',
  'GET /auth/signed-out': 'public',
  'POST /auth/sign-out': 'public',
  'GET /auth/organisation': 'signed-in',
  'POST /auth/organisation': 'signed-in',
  'GET /auth/role': 'signed-in',
  'POST /auth/role': 'signed-in',
  'GET /auth/security': 'signed-in',
  'GET /auth/password': 'signed-in',
  'POST /auth/password': 'signed-in',
  'GET /auth/confirm': 'signed-in',
  'POST /auth/confirm': 'signed-in',
  'POST /auth/confirm/passkey/options': 'signed-in',
  'POST /auth/confirm/passkey': 'signed-in',
  'GET /auth/recovery-codes': 'signed-in',
  'POST /auth/recovery-codes': 'signed-in',
  'POST /auth/passkeys/options': 'signed-in',
  'POST /auth/passkeys': 'signed-in',
  'POST /auth/passkeys/:id/remove': 'signed-in',
  'POST /auth/keep-alive': 'signed-in',
  'POST /auth/sign-out-everywhere': 'signed-in',
  'GET /referrer': rolesOfSide('referrer'),
  'GET /provider': rolesOfSide('provider'),
  'GET /service-definer': rolesOfSide('definer'),
  'GET /commissioner': rolesOfSide('commissioner'),
  'GET /analyst': rolesOfSide('analyst'),
  'GET /admin/users': rolesFor(USER_ADMINISTRATION, 'viewUsers'),
  'POST /admin/users': rolesFor(USER_ADMINISTRATION, 'createUser'),
  'GET /admin/users/:id': rolesFor(USER_ADMINISTRATION, 'viewUsers'),
  'POST /admin/users/:id/roles': rolesFor(USER_ADMINISTRATION, 'giveRole'),
  'POST /admin/users/:id/roles/remove': rolesFor(USER_ADMINISTRATION, 'removeRole'),
  'POST /admin/users/:id/unlock': rolesFor(USER_ADMINISTRATION, 'unlockAccount'),
  'POST /admin/users/:id/reset-authenticators': rolesFor(USER_ADMINISTRATION, 'resetAuthenticators'),
  // The codec endpoint (before the session middleware: web/ops/codec.routes.ts checks its origin
  // and content type instead of a CSRF token); a preflight carries no credentials by design.
  'OPTIONS /codec/decode': 'public',
  'OPTIONS /codec/encode': 'public',
  'POST /codec/decode': rolesFor(OPS_PERMISSIONS, 'decodePayloads'),
  'POST /codec/encode': rolesFor(OPS_PERMISSIONS, 'decodePayloads'),
  'GET /ops': rolesFor(OPS_PERMISSIONS, 'viewOps'),
  'GET /ops/workflow': rolesFor(OPS_PERMISSIONS, 'viewOps'),
  'GET /ops/codec-token': rolesFor(OPS_PERMISSIONS, 'decodePayloads'),
  'POST /ops/codec-token': rolesFor(OPS_PERMISSIONS, 'decodePayloads'),
  'POST /ops/codec-token/:id/revoke': rolesFor(OPS_PERMISSIONS, 'decodePayloads'),
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_ACCESS;

const passThrough: MiddlewareHandler = createMiddleware(async (_c, next) => {
  await next();
});

/** The middleware that enforces the table's entry for `key`; put it first on the route. */
export function access(key: RouteKey): MiddlewareHandler {
  const rule: Access = ROUTE_ACCESS[key];
  if (rule === 'public') return passThrough;
  if (rule === 'signed-in') return requireSignedIn;
  return requireRole(...rule);
}
