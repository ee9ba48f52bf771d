import type { Priority } from '../../domain/priorities';
import type { Executor } from '../../db/executor';
import { countBookableSlots, releaseSlot, reserveSlot } from '../../db/directory/slots.repository';

/** The appointment times as the slot table has them: the workflow books these, not what a form said. */
export type HeldSlot = { slotId: string; start: string; end: string };

// DOS slot ids are positive integers; anything else names no slot, so it is simply not free.
const isSlotId = (slotId: string) => /^[1-9]\d{0,17}$/.test(slotId);

/**
 * Reserves a slot for a referral. Undefined when another referral has it (or it does not
 * exist). Idempotent: a retry after a crash finds the slot already held by this UBRN.
 */
export async function reserveReferralSlot(
  db: Executor,
  input: { slotId: string; ubrn: string; serviceId: string; now: string; referrerPriority?: Priority },
): Promise<HeldSlot | undefined> {
  if (!isSlotId(input.slotId) || !isSlotId(input.serviceId)) return undefined;
  const reserved = await reserveSlot(db, { ...input, now: new Date(input.now) });
  if (reserved)
    return { slotId: input.slotId, start: reserved.startAt.toISOString(), end: reserved.endAt.toISOString() };
  const held = await db
    .selectFrom('slots')
    .select(['start_at', 'end_at'])
    .where('id', '=', Number(input.slotId))
    .where('service_id', '=', Number(input.serviceId))
    .where('ubrn', '=', input.ubrn)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return held
    ? { slotId: input.slotId, start: held.start_at.toISOString(), end: held.end_at.toISOString() }
    : undefined;
}

/** Frees the slot a referral held; a no-op when it holds it no longer (so retries are harmless). */
export async function releaseReferralSlot(db: Executor, input: { slotId: string; ubrn: string }): Promise<void> {
  if (isSlotId(input.slotId)) await releaseSlot(db, input);
}

/** Whether a referrer could book this service now: deferring to the provider is refused if so. */
export async function bookableSlotsExist(
  db: Executor,
  input: { serviceId: string; priority: Priority; now: string },
): Promise<boolean> {
  if (!isSlotId(input.serviceId)) return false;
  const count = await countBookableSlots(db, { ...input, now: new Date(input.now) });
  return count > 0;
}
