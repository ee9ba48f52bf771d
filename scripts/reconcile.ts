import { loadConfig } from '../config/env';
import { resolveSecrets } from '../config/secrets';
import { displayUbrn } from '../domain/ids';
import { runReconciliation } from '../services/ops/reconcile';
import { runMain } from '../system/run-main';
import { connectClient, temporalTarget } from '../temporal/connection';

const USAGE = 'Usage: npm run reconcile [-- --repair]';

/**
 * `npm run reconcile`: compares every open referral's workflow with its read row and timeline
 * and prints what differs (UBRNs and kinds of drift, nothing personal); `-- --repair` also
 * mends it. Runs on Carepath's worker, so Carepath must be running; exits 1 while drift remains.
 */
runMain(async () => {
  const flags = process.argv.slice(2);
  const unknown = flags.filter((flag) => flag !== '--repair');
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(' ')}. ${USAGE}`);
  const repair = flags.includes('--repair');
  const config = loadConfig();
  // Without TEMPORAL_ADDRESS, the dev server `npm start` runs.
  const target = temporalTarget(config, `127.0.0.1:${config.TEMPORAL_PORT}`);
  const { connection, client } = await connectClient(target, resolveSecrets(config));
  try {
    const result = await runReconciliation(client, { taskQueue: target.taskQueue, repair });
    console.log(`Checked ${result.checked} open referrals: ${result.drifted.length} out of step with their workflow.`);
    for (const { ubrn, kinds } of result.drifted) console.log(`  ${displayUbrn(ubrn)}  ${kinds.join(', ')}`);
    if (repair) console.log(`Repaired ${result.repaired}.`);
    else if (result.drifted.length > 0) console.log('Run `npm run reconcile -- --repair` to repair them.');
    if (result.drifted.length > result.repaired) process.exitCode = 1;
  } finally {
    await connection.close();
  }
});
