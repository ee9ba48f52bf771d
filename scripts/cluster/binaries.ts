import { delimiter, join } from 'node:path';
import { PrerequisiteError } from '../../system/run-main';
import { carepathCacheDir, findGo, goInstall, isExecutable } from '../temporal-cli';

/**
 * Temporal Server at the release the CLI v1.5.1 embeds (its go.mod requires
 * go.temporal.io/server v1.29.1), so the cluster runs the same server the dev server does and
 * the same SQL schema versions.
 */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
/** The UI server the same CLI embeds (github.com/temporalio/ui-server/v2 v2.42.1). */
export const TEMPORAL_UI_SERVER_VERSION = '2.42.1';

type Env = Record<string, string | undefined>;
type Log = (line: string) => void;

export type ServerBinaries = { server: string; sqlTool: string };

export const serverCacheDir = (env: Env = process.env) =>
  join(carepathCacheDir(env), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
export const uiServerCacheDir = (env: Env = process.env) =>
  join(carepathCacheDir(env), `temporal-ui-server-${TEMPORAL_UI_SERVER_VERSION}`);

/** TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH, then `temporal-server` / `temporal-sql-tool` on PATH, then the cache. */
export function findServerBinaries(env: Env = process.env): Partial<ServerBinaries> {
  const onPath = (name: string) =>
    (env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name));
  const first = (...files: (string | undefined)[]) => files.find((f) => f !== undefined && isExecutable(f));
  return {
    server: first(env.TEMPORAL_SERVER_PATH, ...onPath('temporal-server'), join(serverCacheDir(env), 'server')),
    sqlTool: first(env.TEMPORAL_SQL_TOOL_PATH, ...onPath('temporal-sql-tool'), join(serverCacheDir(env), 'sql')),
  };
}

/** Finds Temporal Server and its SQL tool, or builds whichever is missing with `go install`. */
export async function ensureServerBinaries(options: { env?: Env; log?: Log } = {}): Promise<ServerBinaries> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.log(line));
  const found = findServerBinaries(env);
  if (found.server && found.sqlTool) return { server: found.server, sqlTool: found.sqlTool };
  const go = requireGo(env, 'Temporal Server');
  const target = serverCacheDir(env);
  log(
    `Building Temporal Server v${TEMPORAL_SERVER_VERSION} and its SQL tool with Go into ${target} (first run only)...`,
  );
  const server =
    found.server ??
    (await goInstall(go, `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`, target, 'server', env, log));
  const sqlTool =
    found.sqlTool ??
    (await goInstall(go, `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`, target, 'sql', env, log));
  log(`Temporal Server ready: ${server}`);
  return { server, sqlTool };
}

/** The Temporal UI server (optional: the cluster runs without it), found or built. */
export async function ensureUiServer(options: { env?: Env; log?: Log } = {}): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line) => console.log(line));
  const cached = join(uiServerCacheDir(env), 'server');
  const found = [env.TEMPORAL_UI_SERVER_PATH, cached].find((f) => f !== undefined && isExecutable(f));
  if (found) return found;
  const go = requireGo(env, 'the Temporal UI server');
  log(`Building the Temporal UI server v${TEMPORAL_UI_SERVER_VERSION} with Go into ${uiServerCacheDir(env)}...`);
  return goInstall(
    go,
    `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_SERVER_VERSION}`,
    uiServerCacheDir(env),
    'server',
    env,
    log,
  );
}

function requireGo(env: Env, what: string): string {
  const go = findGo(env);
  if (go) return go;
  throw new PrerequisiteError(
    `${what} was not found and Go is not installed to build it. Install Go 1.25 or newer (https://go.dev/dl/) ` +
      'and run again, or point TEMPORAL_SERVER_PATH, TEMPORAL_SQL_TOOL_PATH and TEMPORAL_UI_SERVER_PATH at binaries ' +
      `of Temporal Server v${TEMPORAL_SERVER_VERSION} and UI server v${TEMPORAL_UI_SERVER_VERSION}.`,
  );
}

if (process.argv[1]?.endsWith('binaries.ts')) {
  // `npx tsx scripts/cluster/binaries.ts`: build ahead of the first `npm run cluster`.
  (async () => {
    console.log(await ensureServerBinaries());
    console.log(await ensureUiServer());
  })().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
