import type { Kysely } from 'kysely';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import { addOrganisations } from '../../db/identity/organisations.repository';
import { assignRole, createUser } from '../../db/identity/users.repository';
import { hashPassword } from './passwords';
import { newTotpSecret } from './totp';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user with a password, a confirmed authenticator app, and the given roles; organisations made on demand. */
export async function createTestUser(
  db: Kysely<Database>,
  user: { username: string; roles: [string, RoleCode][]; totp?: boolean },
) {
  await addOrganisations(
    db,
    [...new Set(user.roles.map(([org]) => org))].map((org) => ({
      ods_code: org,
      name: `Organisation ${org}`,
      type: 'GP_PRACTICE' as const,
      postcode: null,
      commissioning_area: null,
    })),
  );
  const id = await createUser(db, {
    username: user.username,
    displayName: `Name of ${user.username}`,
    passwordHash: await hashPassword(TEST_PASSWORD),
  });
  for (const [org, role] of user.roles) await assignRole(db, id, org, role);
  const secret = newTotpSecret();
  if (user.totp !== false) {
    await db.insertInto('totp_secrets').values({ user_id: id, secret, confirmed_at: new Date() }).execute();
  }
  return { id, secret };
}
