import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { PrerequisiteError } from '../system/run-main';

/** The newest CLI tag that `go install` can build; it carries the dev server and the Web UI. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const MODULE = `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`;

type Env = Record<string, string | undefined>;

/** Outside the repo, so that every clone and CI run on the machine shares one build. */
export function carepathCacheDir(env: Env = process.env): string {
  return env.CAREPATH_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'carepath');
}

export function temporalCacheDir(env: Env = process.env): string {
  return join(carepathCacheDir(env), `temporal-${TEMPORAL_CLI_VERSION}`);
}

/** TEMPORAL_CLI_PATH, then `temporal` on PATH, then the cache. */
export function findTemporalCli(env: Env = process.env): string | undefined {
  const candidates = [
    env.TEMPORAL_CLI_PATH,
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'temporal')),
    join(temporalCacheDir(env), 'temporal'),
  ];
  return candidates.find((file) => file !== undefined && isExecutable(file));
}

/** Finds the CLI or builds it with `go install`, printing progress through `log`. */
export async function ensureTemporalCli(options: { env?: Env; log?: (line: string) => void } = {}): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.log(line));
  const found = findTemporalCli(env);
  if (found) return found;

  const go = findGo(env);
  if (!go) {
    throw new PrerequisiteError(
      'The Temporal CLI was not found and Go is not installed to build it. Either install Go 1.24 or newer ' +
        `(https://go.dev/dl/) and run again, or download the Temporal CLI (https://temporal.io/setup/install-temporal-cli), ` +
        'put `temporal` on PATH or set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to use a Temporal server you already run.',
    );
  }
  const target = temporalCacheDir(env);
  // Several processes (test runs, `npm start`) can ask at once on a fresh machine: one builds,
  // the others wait for its binary instead of each compiling the CLI again on the same cores.
  const release = await buildLock(target, () => findTemporalCli(env), log);
  if (typeof release === 'string') return release;
  try {
    log(`Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${target} (first run only; a few minutes)...`);
    const built = await goInstall(go, MODULE, target, 'temporal', env, log);
    log(`Temporal CLI ready: ${built}`);
    return built;
  } finally {
    release();
  }
}

/**
 * Takes the build lock beside `target` (a directory made atomically, holding the builder's pid),
 * or waits while another live process holds it. Returns the release function, or what `found`
 * returned once the other builder finished. A lock whose process has died is taken over.
 */
async function buildLock(
  target: string,
  found: () => string | undefined,
  log: (line: string) => void,
): Promise<(() => void) | string> {
  const lock = `${target}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      const release = () => rmSync(lock, { recursive: true, force: true });
      // The builder we waited for may have just finished and let go of the lock.
      const built = found();
      if (built) {
        release();
        return built;
      }
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const built = found();
    if (built) return built;
    if (!holderAlive(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!told) log(`Another process is building the Temporal CLI (${lock}); waiting for it...`);
    told = true;
    await sleep(1_000);
  }
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // Made a moment ago and the pid not written yet, or left by a process that died in between.
    return Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs < 30_000;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `go install module@version` into `target` (as GOBIN); returns the path of the `binary` it built. */
export async function goInstall(
  go: string,
  module: string,
  target: string,
  binary: string,
  env: Env,
  log: (line: string) => void,
): Promise<string> {
  mkdirSync(target, { recursive: true });
  await run(go, ['install', module], { ...env, GOBIN: target }, log);
  const built = join(target, binary);
  if (!isExecutable(built)) throw new PrerequisiteError(`go install finished but ${built} is missing`);
  return built;
}

export function findGo(env: Env): string | undefined {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  if (env.GOROOT) dirs.unshift(join(env.GOROOT, 'bin'));
  return dirs.map((dir) => join(dir, 'go')).find(isExecutable);
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], env: Env, log: (line: string) => void): Promise<void> {
  const module = args.at(-1);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (line.startsWith('go: downloading')) log(`  ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new PrerequisiteError(`\`go install ${module}\` failed (exit ${code}):\n${tail.join('\n')}`)),
    );
  });
}

if (process.argv[1]?.endsWith('temporal-cli.ts')) {
  ensureTemporalCli()
    .then((path) => console.log(path))
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
