import type { Context } from 'hono';
import type { SessionTable } from '../../db/identity/identity.table';
import { roleAssignmentsOf, type RoleAssignment } from '../../db/identity/users.repository';
import { auditAuth } from './auth-audit';
import { homePath } from './homes';
import { recordSuccess } from './lockout';
import { startSession, type SessionDeps } from './sessions';

/**
 * Both factors are proven: a new signed-in session, then where to go next. A user with a
 * single role in a single organisation goes straight to its home page, as in e-RS.
 */
export async function completeSignIn(
  c: Context,
  deps: SessionDeps,
  userId: string,
  method: NonNullable<SessionTable['auth_method']>,
): Promise<string> {
  await recordSuccess(deps.db, userId);
  const roles = await roleAssignmentsOf(deps.db, userId);
  const only = roles.length === 1 ? roles[0] : undefined;
  await startSession(c, deps, {
    stage: 'signed_in',
    userId,
    authMethod: method,
    orgCode: only?.orgCode,
    role: only?.role,
  });
  await auditAuth(deps.db, c, 'auth.signed_in', { userId, detail: { method } });
  if (only) {
    await auditAuth(deps.db, c, 'auth.role_chosen', { userId, detail: { switched: false } });
    return homePath(only.role);
  }
  return choiceUrl(roles);
}

/** Organisation page for several organisations, straight to the role page for one. */
export function choiceUrl(roles: RoleAssignment[]): string {
  const orgs = [...new Set(roles.map((r) => r.orgCode))];
  return orgs.length === 1 ? `/auth/role?org=${encodeURIComponent(orgs[0]!)}` : '/auth/organisation';
}
