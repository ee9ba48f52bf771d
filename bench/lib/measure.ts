import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database';

/** The machine's 1-minute load average, printed beside every wall-clock figure (the machine is shared). */
export const load = () => Number(loadavg()[0]!.toFixed(1));

/** The p-th percentile (nearest rank) of `values`, in their unit. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const TICKS = 100; // USER_HZ on Linux

/** User + system CPU seconds of a process or thread, from /proc; undefined once it has gone. */
function cpuSeconds(statPath: string): number | undefined {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "(comm) ": state is field 3, utime 14, stime 15 (1-based over the whole line).
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

function threadName(tid: string): string {
  try {
    return readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

function nodeThreads(): Map<string, number> {
  const byName = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const seconds = cpuSeconds(`/proc/self/task/${tid}/stat`);
    if (seconds === undefined) continue;
    const name = tid === String(process.pid) ? 'main (JS: client, web, activities)' : threadName(tid);
    byName.set(name, (byName.get(name) ?? 0) + seconds);
  }
  return byName;
}

export type CpuFigures = {
  /** CPU seconds over the measured span, per process. */
  node: number;
  temporal: number;
  postgres: number;
  /** The Node process by thread name (workflow threads, Temporal core's tokio threads, the main thread). */
  nodeThreads: Record<string, number>;
};

/**
 * CPU seconds spent by this Node process (worker, client and web app), the Temporal dev server
 * and the PostgreSQL backends serving `db`'s database, between `start` and `stop`. Unlike wall
 * clock, these do not grow with the machine's load, so they judge a change on a shared machine.
 */
export class CpuMeter {
  private nodeStart = 0;
  private temporalStart = 0;
  private threadsStart = new Map<string, number>();
  // PostgreSQL backends come and go with the pool: first and last reading of each.
  private backends = new Map<number, { first: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly temporalPid: number,
    private readonly db: Kysely<Database>,
  ) {}

  private async pollBackends(initial = false): Promise<void> {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()`.execute(this.db);
    for (const { pid } of rows) {
      const seconds = cpuSeconds(`/proc/${pid}/stat`);
      if (seconds === undefined) continue;
      const seen = this.backends.get(pid);
      if (seen) seen.last = seconds;
      // A backend that appeared during the span started from (nearly) nothing.
      else this.backends.set(pid, { first: initial ? seconds : 0, last: seconds });
    }
  }

  async start(): Promise<void> {
    this.backends.clear();
    await this.pollBackends(true);
    this.threadsStart = nodeThreads();
    this.temporalStart = cpuSeconds(`/proc/${this.temporalPid}/stat`) ?? 0;
    this.nodeStart = cpuSeconds(`/proc/self/stat`) ?? 0;
    this.timer = setInterval(() => void this.pollBackends().catch(() => {}), 500);
  }

  async stop(): Promise<CpuFigures> {
    const node = (cpuSeconds(`/proc/self/stat`) ?? 0) - this.nodeStart;
    const temporal = (cpuSeconds(`/proc/${this.temporalPid}/stat`) ?? 0) - this.temporalStart;
    clearInterval(this.timer);
    await this.pollBackends();
    const postgres = [...this.backends.values()].reduce((sum, b) => sum + (b.last - b.first), 0);
    const threads: Record<string, number> = {};
    for (const [name, seconds] of nodeThreads()) {
      const spent = seconds - (this.threadsStart.get(name) ?? 0);
      if (spent >= 0.01) threads[name] = round(spent);
    }
    return { node: round(node), temporal: round(temporal), postgres: round(postgres), nodeThreads: threads };
  }
}

export const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** CPU figures divided by a count (lifecycles): CPU seconds per lifecycle per process. */
export function perUnit(cpu: CpuFigures, count: number) {
  return {
    node: round(cpu.node / count, 4),
    temporal: round(cpu.temporal / count, 4),
    postgres: round(cpu.postgres / count, 4),
    total: round((cpu.node + cpu.temporal + cpu.postgres) / count, 4),
  };
}

/** Counts of history events by type over `histories`, divided by their number: tasks, activities, timers per lifecycle. */
export function eventsPerWorkflow(histories: { events?: { eventType?: unknown }[] | null }[]) {
  const counts: Record<string, number> = {};
  for (const history of histories) {
    for (const event of history.events ?? []) {
      const name = eventTypeName(event.eventType);
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  const per = (name: string) => round((counts[name] ?? 0) / Math.max(1, histories.length), 2);
  return {
    workflowTasks: per('WORKFLOW_TASK_COMPLETED'),
    activities: per('ACTIVITY_TASK_SCHEDULED'),
    localActivityMarkers: per('MARKER_RECORDED'),
    timersStarted: per('TIMER_STARTED'),
    timersCancelled: per('TIMER_CANCELED'),
    events: round(Object.values(counts).reduce((a, b) => a + b, 0) / Math.max(1, histories.length), 1),
  };
}

// temporal.api.enums.v1.EventType, the values used here.
const EVENT_TYPES: Record<number, string> = {
  7: 'WORKFLOW_TASK_COMPLETED',
  10: 'ACTIVITY_TASK_SCHEDULED',
  17: 'TIMER_STARTED',
  19: 'TIMER_CANCELED',
  25: 'MARKER_RECORDED',
};
function eventTypeName(type: unknown): string {
  if (typeof type === 'number') return EVENT_TYPES[type] ?? String(type);
  return String(type).replace(/^EVENT_TYPE_/, '');
}
