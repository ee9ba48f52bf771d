import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions as SdkWorkerOptions } from '@temporalio/worker';
import { type Activities, createActivities } from '../activities';
import { cleanUpPolicy } from '../activities/cleanup/clean-up';
import { ensureCleanUpSchedule } from '../temporal/clean-up-schedule';
import { ensureNightlySchedules } from '../temporal/nightly-schedule';
import { ensureReportsSchedule } from '../temporal/reports-schedule';
import { connectWorkerConnection, dataConverter } from '../temporal/connection';
import { ensureSearchAttributes } from '../temporal/search-attributes';
import type { System } from './system';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export type WorkerOptions = {
  /** A prebuilt workflow bundle (tests build it once); otherwise the worker bundles at start. */
  workflowBundle?: { codePath: string };
  /** Other activities than the system's own (the crash test slows one down). */
  activities?: Activities;
  /** Cache, V8 context and concurrency settings other than Carepath's (benchmarks compare them). */
  tuning?: WorkerTuning;
};

export type WorkerTuning = Partial<
  Pick<
    SdkWorkerOptions,
    | 'maxCachedWorkflows'
    | 'reuseV8Context'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentLocalActivityExecutions'
    | 'workflowThreadPoolSize'
  >
>;

/** Carepath's worker settings (decision record 0022 measures each). */
export const WORKER_TUNING: WorkerTuning = {};

export type RunningWorker = {
  worker: Worker;
  /** Settles when the worker has stopped: after `stop`, or after SIGINT/SIGTERM drained it. */
  running: Promise<void>;
  /** Drains the worker and closes its connection. */
  stop(): Promise<void>;
};

/**
 * The worker for the system's task queue, with every workflow and activity Carepath has:
 * connects, registers the search attributes the workflows set, creates or updates the hourly
 * clean-up schedule and the nightly slot roll-forward and reconciliation, and runs until stopped.
 */
export async function startWorker(
  system: Pick<System, 'config' | 'db' | 'secrets' | 'target' | 'temporal'>,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const connection = await connectWorkerConnection(system.target);
  try {
    await ensureSearchAttributes(connection, system.target.namespace);
    await ensureCleanUpSchedule(system.temporal, system.target.taskQueue, cleanUpPolicy(system.config));
    await ensureNightlySchedules(system.temporal, system.target.taskQueue);
    await ensureReportsSchedule(system.temporal, system.target.taskQueue);
    const worker = await Worker.create({
      connection,
      namespace: system.target.namespace,
      taskQueue: system.target.taskQueue,
      ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
      activities: options.activities ?? createActivities({ db: system.db, temporal: system.temporal }),
      dataConverter: dataConverter(system.secrets),
      // On SIGTERM, running activities get this long to finish before they are cancelled.
      shutdownGraceTime: '10s',
      ...WORKER_TUNING,
      ...options.tuning,
    });
    const running = worker.run();
    return {
      worker,
      running,
      stop: async () => {
        // The SDK's runtime shuts workers down on SIGINT/SIGTERM itself; then this only waits.
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
