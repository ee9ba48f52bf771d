import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run cluster` starts every process in a process group of its own (so that a terminal's
 * Ctrl-C reaches the cluster script alone, which stops everything in order). A second Ctrl-C
 * once ended the script by Node's default handler, which skips the exit hooks, and left the
 * groups running. The fixture stops its processes as the cluster script does.
 */
const fixture = fileURLToPath(new URL('./fixtures/signalled-topology.ts', import.meta.url));

type Started = { script: ChildProcess; pids: number[]; exited: Promise<number | null> };
const started: Started[] = [];

async function startFixture(...args: string[]): Promise<Started> {
  const script = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => script.on('exit', (code) => resolve(code)));
  let output = '';
  const pids = await new Promise<number[]>((resolve, reject) => {
    script.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /PIDS (\[[^\]]*\])/.exec(output);
      if (found) resolve(JSON.parse(found[1]!) as number[]);
    });
    script.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`The fixture exited before starting its processes:\n${output}`)));
  });
  const run = { script, pids, exited };
  started.push(run);
  return run;
}

/** Whether a live (not zombie) process is left in the process group `pgid`, from /proc. */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    } catch {
      // gone while reading
    }
  }
  return false;
}

/** The groups still alive once a SIGKILL has had up to 3 s to take effect. */
async function left(pgids: number[]): Promise<number[]> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const alive = pgids.filter(groupAlive);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref())]);

afterEach(() => {
  for (const { script, pids } of started.splice(0)) {
    script.kill('SIGKILL');
    for (const pid of pids) if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
  }
});

describe('stopping the cluster on signals', () => {
  it('a second Ctrl-C kills every process group at once, leaving nothing running', async () => {
    // Processes that ignore SIGTERM: the graceful stop would wait 60 s for them.
    const { script, pids, exited } = await startFixture('--stubborn');
    expect(pids).toHaveLength(3);
    expect(pids.every(groupAlive)).toBe(true);
    script.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pids.every(groupAlive)).toBe(true); // still draining: the first Ctrl-C waits
    script.kill('SIGINT');
    expect(await within(15_000, exited)).toBe(130);
    expect(await left(pids)).toEqual([]);
  });

  it('one Ctrl-C stops everything gracefully and exits', async () => {
    const { script, pids, exited } = await startFixture();
    script.kill('SIGINT');
    expect(await within(15_000, exited)).toBe(130);
    expect(await left(pids)).toEqual([]);
  });

  it('a closed terminal (SIGHUP) then SIGTERM leaves nothing running either', async () => {
    const { script, pids, exited } = await startFixture('--stubborn');
    script.kill('SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 500));
    script.kill('SIGTERM');
    expect(await within(15_000, exited)).toBe(130);
    expect(await left(pids)).toEqual([]);
  });
});
