import type { Client } from '@temporalio/client';
import { referralWorkflowId } from '../../../workflows/referral.messages';

/** Activity executions read from the referrals' histories: how many, how many were retries, which workers ran them. */
export type ActivityRuns = { runs: number; retries: number; workers: Set<string> };

/**
 * Reads each referral's history (no payloads are decoded) for the activities of the given
 * types: a start with attempt > 1 is a retry (a lost worker, an unreachable database), and the
 * identity says which worker process ran it.
 */
export async function activityRuns(
  client: Client,
  ubrns: string[],
  activityTypes: readonly string[],
): Promise<ActivityRuns> {
  const result: ActivityRuns = { runs: 0, retries: 0, workers: new Set() };
  for (let i = 0; i < ubrns.length; i += 10) {
    await Promise.all(
      ubrns.slice(i, i + 10).map(async (ubrn) => {
        const history = await client.workflow.getHandle(referralWorkflowId(ubrn)).fetchHistory();
        const scheduled = new Map<string, string>();
        for (const event of history.events ?? []) {
          const s = event.activityTaskScheduledEventAttributes;
          if (s) scheduled.set(String(event.eventId), s.activityType?.name ?? '');
          const started = event.activityTaskStartedEventAttributes;
          if (started && activityTypes.includes(scheduled.get(String(started.scheduledEventId)) ?? '')) {
            result.runs++;
            if ((started.attempt ?? 1) > 1) result.retries++;
            if (started.identity) result.workers.add(started.identity);
          }
        }
      }),
    );
  }
  return result;
}

/** Activities that reserve a slot: alone, or (one activity per booking) with the projection. */
export const SLOT_RESERVATIONS = ['reserveSlot', 'reserveSlotAndProject'] as const;
/** Activities that project a referral to its read row, timeline and audit. */
export const PROJECTIONS = ['projectReferral', 'reserveSlotAndProject'] as const;
