import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { isPortFree } from '../system/ports';
import { PrerequisiteError } from '../system/run-main';

export type DevServerOptions = {
  cliPath: string;
  port: number;
  /** Omit for a headless server (tests). */
  uiPort?: number;
  /** Where the UI asks to decode payloads (Carepath's `/codec`); only with `uiPort`. */
  uiCodecEndpoint?: string;
  /** SQLite file, so that workflows survive a restart. Omit for an in-memory server (tests). */
  dbFile?: string;
  namespace: string;
  log?: (line: string) => void;
  /**
   * Eager activity execution (default on): an activity the workflow schedules goes back to the
   * worker in the reply to its workflow task, without a trip through the task queue's matching.
   * The SDK asks for it on every activity; the dev server only grants it with this dynamic config.
   * Off only to measure what it saves (decision record 0022).
   */
  eagerActivities?: boolean;
};

export type DevServer = {
  address: string;
  uiUrl?: string;
  /** The server's process id (benchmarks read its CPU time from /proc). */
  pid?: number;
  stop(): Promise<void>;
};

/** Starts `temporal server start-dev` on loopback and resolves once its frontend answers. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const ip = '127.0.0.1';
  for (const [what, port] of [
    ['Temporal', options.port],
    ['Temporal UI', options.uiPort],
  ] as const) {
    if (port !== undefined && !(await isPortFree(ip, port))) {
      throw new PrerequisiteError(
        `Port ${port} (${what}) is already in use. Stop whatever holds it, choose other ports with ` +
          'TEMPORAL_PORT / TEMPORAL_UI_PORT, or set TEMPORAL_ADDRESS to use a Temporal server that is already running.',
      );
    }
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    '--dynamic-config-value',
    `system.enableActivityEagerExecution=${options.eagerActivities !== false}`,
  ];
  if (options.uiPort === undefined) args.push('--headless');
  else {
    args.push('--ui-ip', ip, '--ui-port', String(options.uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  }
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }

  // Its own process group: a terminal's Ctrl-C must reach us first, so that the worker
  // drains while Temporal is still up; we stop the server last.
  const child = spawn(options.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 30));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );

  const address = `${ip}:${options.port}`;
  try {
    await Promise.race([
      waitForFrontend(address, options.namespace),
      exited.then((code) => {
        throw new PrerequisiteError(
          `The Temporal dev server stopped at start-up (exit ${code}):\n${output.join('\n')}`,
        );
      }),
    ]);
  } catch (error) {
    await stopProcess(child, exited);
    throw error;
  }
  return {
    address,
    // localhost, like the app's address: the UI's codec calls then go to the same site as the
    // page, so the browser sends the app's SameSite=Lax session cookie with them.
    uiUrl: options.uiPort === undefined ? undefined : `http://localhost:${options.uiPort}`,
    pid: child.pid,
    stop: () => stopProcess(child, exited),
  };
}

async function waitForFrontend(address: string, namespace: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new PrerequisiteError(
    `The Temporal dev server did not answer at ${address} within ${timeoutMs / 1000}s: ${String(lastError)}`,
  );
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
