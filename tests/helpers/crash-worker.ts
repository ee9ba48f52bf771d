/**
 * A referral worker in its own process, for the crash test: it announces each projection it
 * has committed and then, from DELAY_FROM_VERSION on, stalls, so the test can kill -9 it
 * mid-transition (after the database commit, before Temporal hears the activity finished).
 * With STALL_AFTER_RESERVE=1 it stalls likewise after committing a slot reservation.
 */
import { createActivities } from '../../activities';
import { loadConfig } from '../../config/env';
import { openSystem } from '../../system/system';
import { startWorker } from '../../system/worker';
import { installTemporalRuntime } from '../../temporal/runtime';
import { testSecrets } from './temporal';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

installTemporalRuntime();
const system = await openSystem({
  config: loadConfig({ DATABASE_URL: env('DATABASE_URL'), TEMPORAL_ADDRESS: env('TEMPORAL_ADDRESS') }),
  secrets: { sessionSecret: 'x'.repeat(32), ...testSecrets },
  taskQueue: env('TASK_QUEUE'),
});
const delayFrom = Number(process.env.DELAY_FROM_VERSION ?? Infinity);
const stallAfterReserve = process.env.STALL_AFTER_RESERVE === '1';
const stall = () => new Promise((resolve) => setTimeout(resolve, 600_000));
const activities = createActivities({ db: system.db, temporal: system.temporal });
const worker = await startWorker(system, {
  workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
  activities: {
    ...activities,
    projectReferral: async (input: Parameters<typeof activities.projectReferral>[0]) => {
      await activities.projectReferral(input);
      console.log(`projected version ${input.referral.version}`);
      if (input.referral.version >= delayFrom) await stall();
    },
    reserveSlot: async (input: Parameters<typeof activities.reserveSlot>[0]) => {
      const held = await activities.reserveSlot(input);
      console.log(`reserved slot ${input.slotId}: ${held ? 'held' : 'refused'}`);
      if (stallAfterReserve) await stall();
      return held;
    },
  },
});
console.log('worker ready');
await worker.running;
