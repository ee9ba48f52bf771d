import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
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
  log(`Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${target} (first run only; a few minutes)...`);
  const built = await goInstall(go, MODULE, target, 'temporal', env, log);
  log(`Temporal CLI ready: ${built}`);
  return built;
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
