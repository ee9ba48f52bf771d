import { parseArgs } from 'node:util';
import { runMain } from '../system/run-main';
import type { WorkerTuning } from '../system/worker';
import { runFloor, runPostgresFloor, startFloorWorker } from './floor';
import { type LifecycleFigures, runLifecycle } from './lifecycle';
import { type DriveFigures, stepSummary } from './lib/drive';
import { CpuMeter, type CpuFigures, eventsPerWorkflow, load, percentile, perUnit, round } from './lib/measure';
import { type Row, atLeast, atMost, row, table, writeResults } from './lib/results';
import { type BenchStack, startBenchStack } from './lib/stack';
import { runRoundTrips } from './round-trips';

/**
 * `npm run bench:perf -- [--quick] [--total N] [--concurrency C] [--no-eager] [--tuning JSON] [--label L]`
 *
 * Issue 18's figures in one process, on one Temporal dev server and one throwaway PostgreSQL
 * database: referral lifecycles (create, send for triage, accept and book later, book) at
 * concurrency C and one at a time; the same calls on a trivial workflow (the floor: no
 * activity, one activity, one local activity per update) and as plain PostgreSQL transactions;
 * the CPU seconds per lifecycle of this process (worker, client, web), the Temporal server and
 * PostgreSQL; workflow tasks, activities and timers per lifecycle from the histories; and the
 * action round trips through the web app. Prints one table and writes bench/results/perf-*.json.
 */
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    total: { type: 'string' },
    sequential: { type: 'string' },
    concurrency: { type: 'string', default: '20' },
    'no-eager': { type: 'boolean', default: false },
    tuning: { type: 'string' },
    /** A prebuilt workflow bundle instead of today's workflow code (to measure a step on its own). */
    bundle: { type: 'string' },
    label: { type: 'string', default: 'perf' },
    'skip-web': { type: 'boolean', default: false },
    /** Only Carepath's lifecycles (no floor, no web): for comparing levers quickly. */
    'lifecycle-only': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const total = Number(args.total ?? (args.quick ? 80 : 200));
const sequential = Number(args.sequential ?? (args.quick ? 20 : 50));
const concurrency = Number(args.concurrency);

type Measured = { figures: DriveFigures; cpu: CpuFigures };

async function measured(stack: BenchStack, work: () => Promise<DriveFigures>): Promise<Measured> {
  const meter = new CpuMeter(stack.temporalPid, stack.db);
  await meter.start();
  const figures = await work();
  return { figures, cpu: await meter.stop() };
}

runMain(async () => {
  const tuning = args.tuning ? (JSON.parse(args.tuning) as WorkerTuning) : undefined;
  const stack = await startBenchStack({ eagerActivities: !args['no-eager'], tuning, workflowBundle: args.bundle });
  const floorWorker = args['lifecycle-only'] ? { taskQueue: '', stop: async () => {} } : await startFloorWorker(stack);
  const target = { ...stack, taskQueue: stack.target.taskQueue };
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`);
  try {
    const only = args['lifecycle-only'];
    log('warming up');
    await runLifecycle(target, 10, 5);
    if (!only) {
      for (const variant of ['none', 'activity', 'local'] as const) {
        await runFloor(stack, floorWorker.taskQueue, variant, 10, 5);
      }
      await runPostgresFloor(stack, 10, 5);
    }

    // What the processes burn doing nothing (pollers, the server's own timers): printed, so a
    // slow run's CPU per lifecycle can be read net of it.
    const idle = await measured(stack, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return { total: 1, concurrency: 1, seconds: 5, perSecond: 0, timings: {}, load: load() };
    });
    const idlePerSecond = perUnit(idle.cpu, 5);
    log(`idle CPU-s per second: ${JSON.stringify(idlePerSecond)}`);
    log(`sequential: ${sequential} of each`);
    const skipped: Measured = {
      figures: { total: 1, concurrency: 1, seconds: 0, perSecond: Number.NaN, timings: {}, load: load() },
      cpu: { node: 0, temporal: 0, postgres: 0, nodeThreads: {} },
    };
    const floorRun = async (work: () => Promise<DriveFigures>) => (only ? skipped : measured(stack, work));
    const seq = {
      carepath: await measured(stack, () => runLifecycle(target, sequential, 1)),
      none: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'none', sequential, 1)),
      activity: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'activity', sequential, 1)),
      local: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'local', sequential, 1)),
      postgres: await floorRun(() => runPostgresFloor(stack, sequential, 1)),
    };
    log(`concurrent: ${total} of each, ${concurrency} at a time`);
    const conc = {
      carepath: await measured(stack, () => runLifecycle(target, total, concurrency)),
      none: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'none', total, concurrency)),
      activity: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'activity', total, concurrency)),
      local: await floorRun(() => runFloor(stack, floorWorker.taskQueue, 'local', total, concurrency)),
      postgres: await floorRun(() => runPostgresFloor(stack, total * 5, concurrency)),
    };

    log('reading histories');
    const histories = [];
    for await (const wf of stack.temporal.workflow.list({ query: `WorkflowType = 'referral'`, pageSize: 10 })) {
      histories.push(await stack.temporal.workflow.getHandle(wf.workflowId).fetchHistory());
      if (histories.length >= 5) break;
    }
    const perLifecycle = eventsPerWorkflow(histories);

    const web = args['skip-web'] || only ? undefined : await runRoundTrips(stack, { sequential, concurrency, log });

    const c = conc.carepath;
    const cpu = perUnit(c.cpu, c.figures.total);
    const floorCpu = perUnit(conc.activity.cpu, conc.activity.figures.total);
    const rows: Row[] = [
      row(`Carepath lifecycles/s at c=${concurrency}`, c.figures.perSecond, 'lifecycles/s', atLeast(20)),
      row('  CPU-s per lifecycle, all processes', cpu.total, 'CPU-s', atMost(0.1)),
      row('  CPU-s per lifecycle, Node (worker + client)', cpu.node, 'CPU-s'),
      row('  CPU-s per lifecycle, Temporal dev server', cpu.temporal, 'CPU-s'),
      row('  CPU-s per lifecycle, PostgreSQL backends', cpu.postgres, 'CPU-s'),
      row(
        '  CPU-s per lifecycle, all, net of idle',
        round(cpu.total - (idlePerSecond.total * c.figures.seconds) / c.figures.total, 4),
        'CPU-s',
      ),
      row('  workflow tasks per lifecycle', perLifecycle.workflowTasks, 'tasks'),
      row('  activities per lifecycle', perLifecycle.activities, 'activities'),
      row('  timers started per lifecycle', perLifecycle.timersStarted, 'timers'),
      row('  history events per lifecycle', perLifecycle.events, 'events'),
      row(
        `Floor, one activity per update, lifecycles/s at c=${concurrency}`,
        conc.activity.figures.perSecond,
        'lifecycles/s',
      ),
      row('  its CPU-s per lifecycle, all processes', floorCpu.total, 'CPU-s'),
      row(
        'Carepath as a fraction of the floor (one activity), c=20',
        round(c.figures.perSecond / conc.activity.figures.perSecond, 2),
        'fraction',
        atLeast(0.8),
      ),
      row(`Floor, no activity, lifecycles/s at c=${concurrency}`, conc.none.figures.perSecond, 'lifecycles/s'),
      row(`Floor, one local activity, lifecycles/s at c=${concurrency}`, conc.local.figures.perSecond, 'lifecycles/s'),
      row(
        `No Temporal: PostgreSQL transactions, lifecycles/s c=${concurrency}`,
        conc.postgres.figures.perSecond,
        'lifecycles/s',
      ),
      row('Carepath sequential lifecycles/s', seq.carepath.figures.perSecond, 'lifecycles/s'),
      row('  CPU-s per lifecycle, sequential', perUnit(seq.carepath.cpu, sequential).total, 'CPU-s'),
      ...(['create', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'BOOK'] as const).map((step) =>
        row(
          `  service call ${step} p95, sequential`,
          round(percentile(seq.carepath.figures.timings[step]!, 95), 1),
          'ms',
        ),
      ),
      row('Floor (one activity) update p50, sequential', p50(seq.activity.figures, 'update'), 'ms'),
      row('Floor (no activity) update p50, sequential', p50(seq.none.figures, 'update'), 'ms'),
      row('Floor (one local activity) update p50, sequential', p50(seq.local.figures, 'update'), 'ms'),
      row('No Temporal: one transition p50, sequential', p50(seq.postgres.figures, 'update'), 'ms'),
      ...(web?.rows ?? []),
    ];
    console.log(`\n${table(rows)}`);
    const details = {
      args,
      load: load(),
      idlePerSecond,
      perLifecycle,
      sequential: summarise(seq),
      concurrent: summarise(conc),
      web: web?.details,
    };
    console.log(`\nwritten ${writeResults(args.label, rows, details)}`);
  } finally {
    await floorWorker.stop();
    await stack.stop();
  }
});

const p50 = (figures: DriveFigures, step: string) => round(percentile(figures.timings[step] ?? [], 50), 1);

function summarise(runs: Record<string, Measured>) {
  return Object.fromEntries(
    Object.entries(runs).map(([name, { figures, cpu }]) => [
      name,
      {
        perSecond: figures.perSecond,
        seconds: figures.seconds,
        total: figures.total,
        concurrency: figures.concurrency,
        load: figures.load,
        failed: figures.failed,
        steps: stepSummary(figures.timings),
        cpu,
        cpuPerLifecycle: perUnit(cpu, figures.total),
      },
    ]),
  );
}

export type { LifecycleFigures };
