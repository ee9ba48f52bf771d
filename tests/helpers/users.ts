import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import { addWebauthnCredential } from '../../db/identity/credentials.repository';
import { insertConfirmedTotpSecret } from '../../db/identity/totp-secrets.repository';
import { addOrganisations } from '../../fixtures/directory';
import { addUser } from '../../fixtures/identity';
import { identityService, type IdentityService } from '../../services/identity/identity.service';
import { sessionPolicy } from '../../services/identity/session-policy';
import type { SignInContext, SignedIn } from '../../services/identity/session.types';
import { currentTotpCode, newTotpSecret } from '../../services/identity/totp';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_PASSWORD = 'correct horse battery staple';

/** The timers the default configuration gives: 15 minutes idle, 8 hours in all, locks of 30 minutes. */
export const TEST_SESSION_POLICY = sessionPolicy({
  SESSION_IDLE_MINUTES: 15,
  SESSION_ABSOLUTE_HOURS: 8,
  SIGN_IN_LOCK_MINUTES: 30,
});

/**
 * A user who signs in the real way: a password, a confirmed authenticator app (unless
 * `totp: false`) whose `secret` gives codes, and the given roles (at least one); organisations
 * made on demand, as GP practices named "Organisation <code>".
 */
export async function createTestUser(
  db: Kysely<Database>,
  user: { username: string; roles: [string, RoleCode][]; totp?: boolean },
) {
  if (user.roles.length === 0) throw new Error(`createTestUser: give ${user.username} at least one role`);
  const orgCodes = [...new Set(user.roles.map(([org]) => org))];
  await addOrganisations(
    db,
    orgCodes.map((org) => ({ ods_code: org, name: `Organisation ${org}`, type: 'GP_PRACTICE' })),
  );
  const id = randomUUID();
  const person = { id, username: user.username, displayName: `Name of ${user.username}`, password: TEST_PASSWORD };
  for (const [orgCode, role] of user.roles) await addUser(db, { ...person, orgCode, role });
  const secret = newTotpSecret();
  if (user.totp !== false) await insertConfirmedTotpSecret(db, id, secret);
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
 * (ready from the suite's first test), the sign-in context of a browser at `address`, a way to
 * sign a new test user in, and the audit details recorded for an action.
 */
export function identityServiceSuite(options: { address?: string } = {}) {
  const suite = {
    database: undefined as TestDatabase | undefined,
    identity: undefined as IdentityService | undefined,
  };
  beforeAll(async () => {
    suite.database = await createTestDatabase();
    suite.identity = identityService({ db: suite.database.db });
  });
  afterAll(() => suite.database?.destroy());
  const policy = TEST_SESSION_POLICY;
  const context: SignInContext = { address: options.address ?? '192.0.2.1', policy };
  return {
    get db() {
      return suite.database!.db;
    },
    get identity() {
      return suite.identity!;
    },
    policy,
    context,
    /** A new test user (by default a referring clinician at A81001), signed in with password and code. */
    async signedIn(username: string, roles: [string, RoleCode][] = [['A81001', 'B1101']]) {
      const user = await createTestUser(suite.database!.db, { username, roles });
      return { user, ...(await signInThroughService(suite.identity!, { username, secret: user.secret }, context)) };
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
