import { displayUbrn } from '../domain/ids';
import { defaultPolicy } from '../domain/policy';
import { getTimeline } from '../db/referrals/referrals.repository';
import { PATHS, type PathName, drivePath } from '../fixtures/referral-paths';
import { runMain } from '../system/run-main';
import { startReferralStack } from './referral-stack';

/**
 * `npm run referral:demo -- <path>`: drives a test referral (a 999-range test patient) down a
 * lifecycle path on a private stack and prints its timeline as the read tables hold it.
 */
runMain(async () => {
  const path = process.argv[2] as PathName | undefined;
  if (!path || !(path in PATHS)) {
    throw new Error(`Usage: npm run referral:demo -- <path>, where path is one of: ${Object.keys(PATHS).join(', ')}`);
  }
  const stack = await startReferralStack();
  try {
    const { ubrn } = await drivePath(
      { client: stack.temporal, db: stack.db, taskQueue: stack.target.taskQueue, policy: defaultPolicy },
      path,
    );
    console.log(`\nReferral ${displayUbrn(ubrn)} (${path}), on ${stack.database}:\n`);
    for (const row of await getTimeline(stack.db, ubrn)) {
      const who = row.actor_role ? `${row.actor_role} ${row.actor_org}` : 'system';
      console.log(
        `  v${row.version}  ${new Date(row.at).toISOString()}  ${(row.from_state ?? '-').padEnd(26)} -> ${row.to_state.padEnd(26)} ${who.padEnd(13)} ${row.summary}`,
      );
    }
  } finally {
    await stack.stop();
  }
});
