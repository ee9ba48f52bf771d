import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { postgresPool } from '../../db/connection';
import { PrerequisiteError } from '../../system/run-main';

const exec = promisify(execFile);

/** A PostgreSQL server the topology keeps its databases on (trust or password in the URL). */
export type PostgresServer = { host: string; port: number; user: string; password?: string };

export function postgresServer(adminUrl: string): PostgresServer {
  const url = new URL(adminUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

export function databaseUrl(server: PostgresServer, database: string): string {
  const auth = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user);
  return `postgres://${auth}@${server.host}:${server.port}/${database}`;
}

async function withAdmin<T>(server: PostgresServer, work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: postgresPool(databaseUrl(server, 'postgres'), 1) }),
  });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

export async function databaseExists(server: PostgresServer, name: string): Promise<boolean> {
  return withAdmin(server, async (admin) => {
    const { rows } = await sql<{ n: number }>`select 1 as n from pg_database where datname = ${name}`.execute(admin);
    return rows.length > 0;
  });
}

/** Creates the database when missing; returns whether it did. */
export async function ensureDatabase(server: PostgresServer, name: string): Promise<boolean> {
  if (await databaseExists(server, name)) return false;
  await withAdmin(server, (admin) => sql`create database ${sql.id(name)}`.execute(admin));
  return true;
}

export async function dropDatabase(server: PostgresServer, name: string): Promise<void> {
  await withAdmin(server, (admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin));
}

/**
 * Temporal's two databases, their schemas set up by Temporal's own SQL tool from the schemas it
 * embeds (`postgresql/v12/temporal`, `postgresql/v12/visibility`) and upgraded to the release:
 * run at every start, it applies only versions not yet applied, as an upgrade would.
 */
export async function ensureTemporalSchemas(
  sqlTool: string,
  server: PostgresServer,
  databases: { persistence: string; visibility: string },
  log: (line: string) => void,
): Promise<void> {
  for (const [database, schema] of [
    [databases.persistence, 'postgresql/v12/temporal'],
    [databases.visibility, 'postgresql/v12/visibility'],
  ] as const) {
    const created = await ensureDatabase(server, database);
    const tool = (...args: string[]) =>
      exec(
        sqlTool,
        [
          ...['--plugin', 'postgres12', '--endpoint', server.host, '--port', String(server.port)],
          ...['--user', server.user, '--password', server.password ?? '', '--database', database],
          ...args,
        ],
        { maxBuffer: 10 * 1024 * 1024 },
      ).catch((error: { stderr?: string; message: string }) => {
        throw new PrerequisiteError(
          `temporal-sql-tool ${args[0]} on ${database} failed: ${error.stderr || error.message}`,
        );
      });
    if (created) {
      log(`  created ${database}; setting up Temporal's ${schema} schema`);
      await tool('setup-schema', '--version', '0.0');
    }
    await tool('update-schema', '--schema-name', schema);
  }
}

/**
 * A PostgreSQL server of the drill's own (initdb in a temporary directory, on a loopback port):
 * the database drill restarts it under load, which must never touch the PostgreSQL that
 * everyone else's tests use.
 */
export type OwnedPostgres = PostgresServer & {
  dir: string;
  restart(options?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
};

export async function startOwnedPostgres(port: number): Promise<OwnedPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'carepath-drill-pg-'));
  const data = join(dir, 'data');
  // initdb and postgres refuse to run as root: as root, run them as the postgres user.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, ...postgresIds());
  const run = (command: string, args: string[]) =>
    asRoot ? exec('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : exec(join(bin, command), args);
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const pgCtl = (...args: string[]) =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      ...args,
    ]);
  await pgCtl('start');
  const server: PostgresServer = { host: '127.0.0.1', port, user: 'postgres' };
  let running = true;
  // A drill stopped by Ctrl-C or a crash must not leave its PostgreSQL running.
  const stopOnExit = () => {
    if (!running) return;
    const args = ['-D', data, '-m', 'immediate', 'stop'];
    try {
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args], { stdio: 'ignore' });
      else execFileSync(join(bin, 'pg_ctl'), args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  return {
    ...server,
    dir,
    async restart({ downMs = 0 } = {}) {
      await pgCtl('-m', 'fast', 'stop');
      running = false;
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await pgCtl('start');
      running = true;
    },
    async stop() {
      if (running) await pgCtl('-m', 'immediate', 'stop');
      running = false;
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      running = false;
      process.off('exit', stopOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new PrerequisiteError(
      'The database drill runs a PostgreSQL server of its own and needs initdb and pg_ctl (Debian: apt-get install postgresql).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

function postgresIds(): [number, number] {
  // `id -u postgres` without a child process: /etc/passwd has it.
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line)
    throw new PrerequisiteError('Running as root, the database drill needs the postgres user to run PostgreSQL.');
  const [, , uid, gid] = line.split(':');
  return [Number(uid), Number(gid)];
}
