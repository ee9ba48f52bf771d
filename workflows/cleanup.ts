import { proxyActivities } from '@temporalio/workflow';
import type { CleanUpActivities, CleanUpPolicy, CleanedUp } from '../activities/cleanup/clean-up';

// A few quick retries, then the run fails: the schedule starts a fresh one within the hour.
const { cleanUpStaleRows } = proxyActivities<CleanUpActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumAttempts: 3 },
});

/**
 * Removes expired sessions, abandoned drafts and letters nothing refers to. Started every hour
 * by the clean-up schedule (temporal/clean-up-schedule.ts), with the policy it carries.
 */
export async function cleanUp(policy: CleanUpPolicy): Promise<CleanedUp> {
  return cleanUpStaleRows(policy);
}
