import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { countUsers } from '../db/identity/users.repository';
import { currentTotpCode } from '../services/identity/totp';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { repoRoot } from '../tests/helpers/processes';
import { demoUsers } from './demo/users';
import { demoWanted, seedIfEmpty } from './seed';
import { readDemoSecrets, seedIdentity } from './seed-identity';

const storedSecrets = async (database: TestDatabase) =>
  Object.fromEntries(
    (
      await database.db
        .selectFrom('totp_secrets as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['u.username', 't.secret'])
        .execute()
    ).map((row) => [row.username, row.secret]),
  );

describe('demo data at `npm start`', () => {
  const databases: TestDatabase[] = [];
  const newDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'carepath-seed-'));
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await Promise.all(databases.map((database) => database.destroy()));
  });

  it('is wanted by default only for the embedded database; CAREPATH_DEMO says otherwise either way', () => {
    expect(demoWanted(loadConfig({}))).toBe(true);
    expect(demoWanted(loadConfig({ CAREPATH_DEMO: '0' }))).toBe(false);
    expect(demoWanted(loadConfig({ DATABASE_URL: 'postgres://db/carepath' }))).toBe(false);
    expect(demoWanted(loadConfig({ DATABASE_URL: 'postgres://db/carepath', CAREPATH_DEMO: '1' }))).toBe(true);
  });

  it('seeds no user into an empty PostgreSQL named by DATABASE_URL, and says how to create the first administrator', async () => {
    const database = await newDatabase();
    const lines = await seedIfEmpty(
      database.db,
      loadConfig({ DATABASE_URL: database.url, CAREPATH_DATA_DIR: dataDir }),
    );
    expect(await countUsers(database.db)).toBe(0);
    expect(lines.join('\n')).toContain('npm run create-admin');
    expect(readDemoSecrets(dataDir)).toEqual({});
  });

  it('seeds the demo with CAREPATH_DEMO=1, each user with a random secret printed once and kept for `npm run totp`, and never twice', async () => {
    const database = await newDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, CAREPATH_DEMO: '1', CAREPATH_DATA_DIR: dataDir });
    const lines = await seedIfEmpty(database.db, config);
    expect(await countUsers(database.db)).toBe(demoUsers.length);
    const secrets = readDemoSecrets(dataDir);
    expect(secrets).toEqual(await storedSecrets(database));
    expect(Object.keys(secrets).sort()).toEqual(demoUsers.map((user) => user.username).sort());
    expect(lines.join('\n')).toContain(secrets['ra.admin']);
    expect(statSync(join(dataDir, 'demo-authenticator-secrets.json')).mode & 0o077).toBe(0);

    expect(await seedIfEmpty(database.db, config)).toEqual([]);
    expect(await countUsers(database.db)).toBe(demoUsers.length);

    // Another seed draws other secrets: nothing in the source gives them away.
    const other = await newDatabase();
    const again = (await seedIdentity(other.db)).secrets;
    for (const user of demoUsers) expect(again[user.username]).not.toBe(secrets[user.username]);
  });

  it('`npm run totp` gives a demo user’s current code from the secrets the seed kept', async () => {
    const secret = readDemoSecrets(dataDir)['gp.clinician']!;
    const run = (username: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/totp.ts', username], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CAREPATH_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const before = Date.now();
    const printed = run('GP.Clinician').stdout.slice(0, 6);
    const possible = await Promise.all([before, Date.now()].map((at) => currentTotpCode(secret, at)));
    expect(possible).toContain(printed);
    const unknown = run('nobody.real');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('nobody.real is not a demo user');
  });
});
