import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/roles';
import { ROLE_CODES, TRAINER_ROLE } from '../../domain/roles';
import { currentTotpCode } from '../../services/identity/totp';
import { createTestApp } from '../../tests/helpers/app';
import { createTestUser, TEST_PASSWORD } from '../../tests/helpers/users';
import { webClient } from '../../tests/helpers/web-client';

/**
 * Most web tests insert a session straight into the database (fixtures/identity.ts signIn).
 * Here one user of every role signs in for real, through the web app: password, then the
 * authenticator code, landing on their role's home, which then serves them.
 */

// Each role's home, from ../shared/domain.md's roles and Carepath's own two (roles.ts).
const HOME: Record<RoleCode, string> = {
  B1101: '/referrer',
  B1102: '/referrer',
  B1103: '/referrer',
  B1110: '/provider',
  B1115: '/provider',
  B1120: '/provider',
  B1107: '/service-definer',
  B1106: '/commissioner',
  B1130: '/analyst',
  CP0001: '/admin/users',
  CP0002: '/ops',
  CP0003: '/training',
};
// The Trainer exists only in a training space (tests/e2e/training.test.ts signs one in there).
const LIVE_ROLES = ROLE_CODES.filter((role) => role !== TRAINER_ROLE);

describe('signing in for real, in every role', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.stop());

  it('names a home for every role', () => {
    expect(Object.keys(HOME).sort()).toEqual([...ROLE_CODES].sort());
  });

  it.each(LIVE_ROLES)('%s: password, then code, then the home page', async (role) => {
    const username = `real.${role.toLowerCase()}`;
    const { secret } = await createTestUser(t.db, { username, roles: [['A81001', role]] });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    expect((await client.post('/auth/sign-in', { username, password: TEST_PASSWORD })).location).toBe(
      '/auth/sign-in/code',
    );
    await client.get('/auth/sign-in/code');
    const signedIn = await client.post('/auth/sign-in/code', { code: await currentTotpCode(secret) });
    // One role in one organisation: straight to its home.
    expect(signedIn.location).toBe(HOME[role]);
    const home = await client.get(HOME[role]);
    expect(home.status).toBe(200);
    expect(home.body).toContain(`Name of ${username}`);
    // The session the web app made is the real one: it signs out, and is refused afterwards.
    expect((await client.post('/auth/sign-out')).status).toBe(303);
    expect((await client.get(HOME[role])).status).toBe(401);
  });

  it('refuses the Trainer role outside a training space, after an honest sign-in', async () => {
    const username = 'real.trainer';
    const { secret } = await createTestUser(t.db, { username, roles: [['A81001', TRAINER_ROLE]] });
    const client = webClient(t.app);
    await client.get('/auth/sign-in');
    await client.post('/auth/sign-in', { username, password: TEST_PASSWORD });
    await client.get('/auth/sign-in/code');
    const signedIn = await client.post('/auth/sign-in/code', { code: await currentTotpCode(secret) });
    expect(signedIn.location).toBe('/training');
    const home = await client.get('/training');
    expect(home.status).toBe(403);
    expect(home.body).toContain('exists only in a training space');
  });
});
