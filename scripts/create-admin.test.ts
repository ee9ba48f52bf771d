import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdministrator } from '../services/identity/first-administrator';
import { identityService } from '../services/identity/identity.service';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { repoRoot } from '../tests/helpers/processes';
import { TEST_SESSION_POLICY } from '../tests/helpers/users';

const administrators = (database: TestDatabase) =>
  database.db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.username', 'r.org_code', 'u.password_temporary'])
    .where('r.role', '=', 'CP0001')
    .execute();

describe('creating the first registration authority administrator', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.destroy());

  it('names what is missing or wrong, and creates nothing', async () => {
    await expect(
      createFirstAdministrator(database.db, { username: 'X', display_name: '', org_code: 'NEW01' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { username: expect.any(String), display_name: 'Enter their full name' },
    });
    await expect(
      createFirstAdministrator(database.db, { username: 'first.admin', display_name: 'Ada Admin', org_code: 'NEW01' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { org_name: expect.any(String), org_type: expect.any(String) },
    });
    expect(await administrators(database)).toEqual([]);
  });

  it('from the command line, with answers piped in: exactly one, whose temporary password signs in; refused a second time', async () => {
    const run = (answers: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts'], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: database.url },
        input: answers.map((answer) => `${answer}\n`).join(''),
        encoding: 'utf8',
        timeout: 60_000,
      });
    const first = run(['first.admin', 'Ada Admin', 'x26', 'NHS England', 'commissioner']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(await administrators(database)).toEqual([
      { username: 'first.admin', org_code: 'X26', password_temporary: true },
    ]);
    const password = /Temporary password \(shown once\): (\S+)/.exec(first.stdout)?.[1];
    const identity = identityService({ db: database.db });
    const anonymous = await identity.startAnonymousSession(TEST_SESSION_POLICY);
    const signedIn = await identity.signInWithPassword(
      anonymous.session,
      { username: 'first.admin', password: password! },
      { address: '192.0.2.40', policy: TEST_SESSION_POLICY },
    );
    // First sign-in: setting up the authenticator app.
    expect(signedIn.next).toBe('authenticator');

    const second = run(['second.admin', 'Bo Admin', 'X26']);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(
      'No administrator created: Carepath has a registration authority administrator already',
    );
    await expect(
      createFirstAdministrator(database.db, { username: 'third.admin', display_name: 'Cy Admin', org_code: 'X26' }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST_STATE' });
    expect(await administrators(database)).toHaveLength(1);
  });
});
