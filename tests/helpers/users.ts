import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import { addWebauthnCredential } from '../../db/identity/credentials.repository';
import { addOrganisations } from '../../db/identity/organisations.repository';
import { assignRole, createUser } from '../../db/identity/users.repository';
import { identityService, type IdentityService } from '../../services/identity/identity.service';
import { hashPassword } from '../../services/identity/passwords';
import { sessionPolicy } from '../../services/identity/session-policy';
import type { SignInContext, SignedIn } from '../../services/identity/session.types';
import { currentTotpCode, newTotpSecret } from '../../services/identity/totp';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_PASSWORD = 'correct horse battery staple';

/** The timers the default configuration gives: 15 minutes idle, 8 hours in all. */
export const TEST_SESSION_POLICY = sessionPolicy({ SESSION_IDLE_MINUTES: 15, SESSION_ABSOLUTE_HOURS: 8 });

/**
 * A user who signs in the real way: a password, a confirmed authenticator app (unless
 * `totp: false`) whose `secret` gives codes, and the given roles; organisations made on demand.
 */
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

/** A security key on record for the user; its public key is a placeholder, so it never verifies. */
export async function addTestPasskey(db: Kysely<Database>, userId: string, credential: { id: string; name: string }) {
  await addWebauthnCredential(db, {
    ...credential,
    userId,
    publicKey: new Uint8Array([1]),
    counter: 0,
    transports: [],
  });
}

/** Signs a test user in through the identity service (password, then the app's code), as the sign-in pages do. */
export async function signInThroughService(
  identity: IdentityService,
  user: { username: string; secret: string },
  context: SignInContext,
): Promise<SignedIn> {
  const anonymous = await identity.startAnonymousSession(context.policy);
  const credentials = { username: user.username, password: TEST_PASSWORD };
  const { started } = await identity.signInWithPassword(anonymous.session, credentials, context);
  const code = await currentTotpCode(user.secret);
  return identity.signInWithSecondFactor(started.session, { kind: 'code', value: code }, context);
}

/**
 * For one suite of the identity service's tests: a fresh database with the service over it
 * (ready from the suite's first test), and the audit details recorded for an action.
 */
export function identityServiceSuite() {
  const suite = {
    database: undefined as TestDatabase | undefined,
    identity: undefined as IdentityService | undefined,
  };
  beforeAll(async () => {
    suite.database = await createTestDatabase();
    suite.identity = identityService({ db: suite.database.db });
  });
  afterAll(() => suite.database?.destroy());
  return {
    get db() {
      return suite.database!.db;
    },
    get identity() {
      return suite.identity!;
    },
    async auditDetails(action: string) {
      const rows = await suite
        .database!.db.selectFrom('audit_events')
        .select('detail')
        .where('action', '=', action)
        .execute();
      return rows.map((row) => row.detail);
    },
  };
}
