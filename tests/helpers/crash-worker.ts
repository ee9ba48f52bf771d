/**
 * A referral worker in its own process, for the crash test: it announces each projection it
 * has committed and then, from DELAY_FROM_VERSION on, stalls, so the test can kill -9 it
 * mid-transition (after the database commit, before Temporal hears the activity finished).
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { openDatabase } from '../../db/connection';
import { dataConverter } from '../../temporal/connection';
import { installTemporalRuntime } from '../../temporal/runtime';
import { testSecrets } from './temporal';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

installTemporalRuntime();
const database = await openDatabase({ databaseUrl: env('DATABASE_URL'), dataDir: '/tmp' });
const delayFrom = Number(process.env.DELAY_FROM_VERSION ?? Infinity);
const activities = createActivities({ db: database.db });
const worker = await Worker.create({
  connection: await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') }),
  taskQueue: env('TASK_QUEUE'),
  workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
  dataConverter: dataConverter(testSecrets),
  activities: {
    ...activities,
    projectReferral: async (input: Parameters<typeof activities.projectReferral>[0]) => {
      await activities.projectReferral(input);
      console.log(`projected version ${input.referral.version}`);
      if (input.referral.version >= delayFrom) await new Promise((resolve) => setTimeout(resolve, 600_000));
    },
  },
});
console.log('worker ready');
await worker.run();
