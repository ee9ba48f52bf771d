import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname } from 'node:path';

/**
 * One long-running process of the topology (a Temporal service, a Carepath worker or web
 * server, the proxy): started in its own process group so that a terminal's Ctrl-C reaches the
 * cluster script alone, which then stops everything in order. Output goes to a log file.
 */
export type ManagedProcess = {
  readonly name: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Spawns the process and waits until `ready` says it serves; a second start while running is refused. */
  start(): Promise<void>;
  /** SIGTERM (the process drains), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, no drain: what a crash or an OOM kill does. */
  kill(): Promise<void>;
};

export type ProcessSpec = {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  logFile: string;
  /** Resolves once the process serves; gets the output so far, for a line to wait for. */
  ready: (output: () => string) => Promise<void>;
  readyTimeoutMs?: number;
};

/** Every managed process still running, by its process group: what an exit must not leave behind. */
const liveGroups = new Set<number>();

/** SIGKILLs every managed process's whole group at once, synchronously (safe in an exit handler). */
export function killEveryProcessNow(): number {
  let killed = 0;
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
      killed++;
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
  return killed;
}

// However this process ends through Node (process.exit, an uncaught error, the end of the event
// loop), no managed process outlives it. Only SIGKILL of this process itself gets past this.
process.on('exit', killEveryProcessNow);

/**
 * Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP): the first runs `stopGracefully`
 * (everything drains in order) and exits; a second, while that is under way, stops waiting and
 * SIGKILLs every managed process group at once before exiting. Listeners stay installed, so a
 * second signal never meets Node's default handler, which would end this process without its
 * exit hooks and leave the process groups running.
 */
export function stopOnSignals(stopGracefully: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      const killed = killEveryProcessNow();
      log(`\n${signal} again: killed ${killed} process group${killed === 1 ? '' : 's'} without waiting.`);
      process.exit(130);
    }
    stopping = true;
    log(
      `\n${signal}: stopping (${signal === 'SIGINT' ? 'Ctrl-C again' : 'a second signal'} kills everything at once)...`,
    );
    stopGracefully().then(
      () => process.exit(signal === 'SIGINT' ? 130 : 143),
      (error: Error) => {
        log(`Stopping failed (${error.message}); killing what is left.`);
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
}

export function managedProcess(spec: ProcessSpec): ManagedProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  async function signal(sig: NodeJS.Signals, graceMs: number) {
    if (!alive()) return;
    const pid = child!.pid!;
    const send = (s: NodeJS.Signals) => {
      try {
        process.kill(-pid, s);
      } catch {
        // already gone
      }
    };
    send(sig);
    const timer = setTimeout(() => send('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  return {
    name: spec.name,
    get pid() {
      return child?.pid;
    },
    get running() {
      return alive();
    },
    async start() {
      if (alive()) throw new Error(`${spec.name} is already running`);
      mkdirSync(dirname(spec.logFile), { recursive: true });
      const log = createWriteStream(spec.logFile, { flags: 'a' });
      log.write(`\n--- ${new Date().toISOString()} start ${spec.name}\n`);
      const proc = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: Object.fromEntries(Object.entries(spec.env).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child = proc;
      const pgid = proc.pid;
      if (pgid !== undefined) liveGroups.add(pgid);
      let output = '';
      const onData = (chunk: Buffer) => {
        log.write(chunk);
        // Enough to find a ready line or explain a failed start; the log file has the rest.
        output = (output + chunk.toString()).slice(-20_000);
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      exited = new Promise<void>((resolve) =>
        proc.on('exit', () => {
          // The leader has gone; whatever it started in its group goes with it.
          if (pgid !== undefined) {
            try {
              process.kill(-pgid, 'SIGKILL');
            } catch {
              // the group is empty
            }
            liveGroups.delete(pgid);
          }
          log.end();
          resolve();
        }),
      );
      const timeoutMs = spec.readyTimeoutMs ?? 120_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          spec.ready(() => output),
          exited.then(() => {
            throw new Error(`${spec.name} stopped while starting (see ${spec.logFile}):\n${output.slice(-3000)}`);
          }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`${spec.name} was not ready within ${timeoutMs / 1000}s (see ${spec.logFile})`)),
              timeoutMs,
            );
          }),
        ]);
      } catch (error) {
        await signal('SIGKILL', 0);
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    stop: (graceMs = 20_000) => signal('SIGTERM', graceMs),
    kill: () => signal('SIGKILL', 0),
  };
}

/** Polls `check` until it resolves true. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when something accepts TCP connections at host:port. */
export function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits for a line in the output. */
export const outputContains = (text: string) => (output: () => string) =>
  waitUntil(`"${text}"`, async () => output().includes(text), 600_000);

/** Waits for an HTTP 200 at `url`. */
export const answers = (url: string) => () =>
  waitUntil(url, async () => (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status === 200, 600_000);
