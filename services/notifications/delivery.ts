import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { lockPendingAdvice } from '../../db/advice/notifications.repository';
import { lockPending, markAttemptFailed, markSent } from '../../db/referrals/notifications.repository';
import type { Notifier } from './notifier';

const MAX_ATTEMPTS = 5;

/**
 * Sends up to `limit` queued notifications. Each batch is locked (SKIP LOCKED) for the length of
 * its delivery, so several workers can poll at once without sending anything twice.
 */
export async function deliverPending(
  db: Kysely<Database>,
  notifier: Notifier,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  return db.transaction().execute(async (trx) => {
    let sent = 0;
    let failed = 0;
    const referrals = await lockPending(trx, limit);
    // Advice conversations' notifications share the outbox (subject 'advice') and the batch.
    const batch = [...referrals, ...(await lockPendingAdvice(trx, limit - referrals.length))];
    for (const notification of batch) {
      try {
        await markSent(trx, notification.id, await notifier.send(notification));
        sent++;
      } catch (error) {
        // The error's name and message only: a delivery service may echo the recipient back.
        const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'unknown error';
        await markAttemptFailed(trx, notification.id, reason, MAX_ATTEMPTS);
        failed++;
      }
    }
    return { sent, failed };
  });
}

/** Polls the outbox until stopped; `stop` waits for the batch in hand. */
export function startNotificationDelivery(db: Kysely<Database>, notifier: Notifier, intervalMs = 5_000) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      const { sent } = await deliverPending(db, notifier).catch((error: Error) => {
        // The type and code only: a database or Notify message can quote a recipient's details.
        const code = (error as { code?: unknown }).code;
        console.error(`Notification delivery failed: ${error.name}${typeof code === 'string' ? ` (${code})` : ''}`);
        return { sent: 0 };
      });
      if (sent === 0 && !stopped)
        await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, intervalMs)));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
