import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/actor';
import { ROLES, type RoleCode, type RoleSide } from '../../domain/roles';
import type { Database } from '../../db/database';
import { addOrganisations } from '../../db/identity/organisations.repository';
import type { OrganisationType } from '../../db/identity/organisations.table';
import { insertSession } from '../../db/identity/sessions.repository';
import { assignRole, createUser, findUserById } from '../../db/identity/users.repository';
import { newSessionId, SESSION_COOKIE } from '../../web/auth/session-cookie';

export type TestSession = {
  /** For a `Cookie` request header. */
  cookie: string;
  /** For the `_csrf` form field or the `X-CSRF-Token` header of any POST. */
  csrfToken: string;
  actor: Actor;
};

// Where a test user of each side works unless the test says otherwise.
const orgTypeOfSide: Partial<Record<RoleSide, OrganisationType>> = {
  provider: 'PROVIDER',
  definer: 'PROVIDER',
  commissioner: 'COMMISSIONER',
};
const orgTypeFor = (role: RoleCode): OrganisationType => orgTypeOfSide[ROLES[role].side] ?? 'GP_PRACTICE';

/**
 * A real server-side session acting as `role` in `orgCode`, as if the user had signed in
 * and chosen them. Creates the organisation, user and role assignment when missing, so
 * any feature's web tests can act as anyone:
 *
 *   const { cookie, csrfToken } = await signIn(db, { orgCode: 'A81001', role: 'B1101' });
 *   await app.request('/referrer', { headers: { cookie } });
 */
export async function signIn(
  db: Kysely<Database>,
  options: { userId?: string; orgCode: string; role: RoleCode; displayName?: string },
): Promise<TestSession> {
  const userId = options.userId ?? randomUUID();
  await addOrganisations(db, [
    {
      ods_code: options.orgCode,
      name: `Test organisation ${options.orgCode}`,
      type: orgTypeFor(options.role),
      postcode: null,
      commissioning_area: null,
    },
  ]);
  const existing = await findUserById(db, userId);
  const displayName = existing?.display_name ?? options.displayName ?? `Test user ${userId.slice(0, 8)}`;
  if (!existing) await createUser(db, { id: userId, username: `test-${userId}`, displayName, passwordHash: null });
  await assignRole(db, userId, options.orgCode, options.role);

  const { token, idHash } = newSessionId();
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await insertSession(db, {
    id_hash: idHash,
    user_id: userId,
    stage: 'signed_in',
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + 8 * 3600_000),
    org_code: options.orgCode,
    role: options.role,
    csrf_secret: csrfToken,
    auth_method: 'password+totp',
  });
  return {
    cookie: `${SESSION_COOKIE}=${token}`,
    csrfToken,
    actor: { userId, displayName, role: options.role, orgCode: options.orgCode },
  };
}
