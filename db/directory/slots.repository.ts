import { sql } from 'kysely';
import { z } from 'zod';
import { ubrnSchema } from '../../domain/ids';
import { prioritySchema, type Priority } from '../../domain/priorities';
import { DEFAULT_BOOKING_WINDOWS } from '../../domain/directory/booking-windows';
import type { Executor } from '../executor';
import type { SlotStatus } from './directory.table';

const slotIdSchema = z.coerce.number().int().positive();
const reserveSchema = z.object({ slotId: slotIdSchema, ubrn: ubrnSchema });
const reserveForServiceSchema = reserveSchema.extend({
  serviceId: slotIdSchema,
  /** The booker's clock (the workflow's): slots that start before it are gone. */
  now: z.date(),
  /** Set when a referrer books: the slot must lie in this priority's booking window and be released to referrers. */
  referrerPriority: prioritySchema.optional(),
});

export type ReservedSlot = {
  slotId: string;
  serviceId: string;
  startAt: Date;
  endAt: Date;
  clinician: string;
  ubrn: string;
  bookedAt: Date;
};

/**
 * Books a free slot for a referral with ONE conditional UPDATE, so two concurrent callers
 * can never both win: the loser matches no row. The slot must belong to the service the
 * referral is being booked into and lie in the future; a referrer may only take slots
 * inside the booking window that are past the provider's reservation period. Returns
 * undefined when the slot is taken, cancelled, elsewhere, out of reach or does not exist.
 */
export async function reserveSlot(
  db: Executor,
  input: {
    slotId: string | number;
    ubrn: string;
    serviceId: string | number;
    now: Date;
    referrerPriority?: Priority;
  },
): Promise<ReservedSlot | undefined> {
  const { slotId, ubrn, serviceId, now, referrerPriority } = reserveForServiceSchema.parse(input);
  let update = db
    .updateTable('slots')
    .set({ status: 'booked', ubrn, booked_at: sql<Date>`now()` })
    .where('id', '=', slotId)
    .where('service_id', '=', serviceId)
    .where('status', '=', 'free')
    .where('start_at', '>', now);
  if (referrerPriority) {
    const { from, to } = await bookingWindowBounds(db, serviceId, referrerPriority, now);
    update = update.where('start_at', '>=', from).where('start_at', '<', to).where('released_at', '<=', now);
  }
  const row = await update
    .returning(['id', 'service_id', 'start_at', 'end_at', 'clinician', 'ubrn', 'booked_at'])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    slotId: String(row.id),
    serviceId: String(row.service_id),
    startAt: row.start_at,
    endAt: row.end_at,
    clinician: row.clinician,
    ubrn: row.ubrn!,
    bookedAt: row.booked_at!,
  };
}

/**
 * Frees a slot the referral holds (appointment cancelled or changed). Only the holder's
 * UBRN releases it; a cancelled clinic's slot stays cancelled. True when a slot was freed.
 */
export async function releaseSlot(db: Executor, input: { slotId: string | number; ubrn: string }): Promise<boolean> {
  const { slotId, ubrn } = reserveSchema.parse(input);
  const result = await db
    .updateTable('slots')
    .set({ status: 'free', ubrn: null, booked_at: null })
    .where('id', '=', slotId)
    .where('ubrn', '=', ubrn)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Free slots a referrer could book now at this priority: inside the service's booking
 * window (its own, else our default) and past the provider-only reservation period.
 * The referral workflow asks this before allowing a deferral to the provider.
 */
export async function countBookableSlots(
  db: Executor,
  input: { serviceId: string | number; priority: Priority; now: Date },
): Promise<number> {
  const serviceId = slotIdSchema.parse(input.serviceId);
  const priority = prioritySchema.parse(input.priority);
  const { from, to } = await bookingWindowBounds(db, serviceId, priority, input.now);
  const row = await db
    .selectFrom('slots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('service_id', '=', serviceId)
    .where('status', '=', 'free')
    .where('start_at', '>=', from)
    .where('start_at', '<', to)
    .where('released_at', '<=', input.now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many of a service's slots are free, booked and cancelled (statuses with none are left out). */
export async function slotCountsOf(db: Executor, serviceId: number): Promise<{ status: SlotStatus; count: number }[]> {
  const rows = await db
    .selectFrom('slots')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('service_id', '=', serviceId)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}

/** The instants a priority's booking window spans for a service, measured from `now`. */
export async function bookingWindowBounds(
  db: Executor,
  serviceId: number,
  priority: Priority,
  now: Date,
): Promise<{ from: Date; to: Date }> {
  const window = await db
    .selectFrom('booking_windows')
    .select(['from_days', 'to_days'])
    .where('service_id', '=', serviceId)
    .where('priority', '=', priority)
    .executeTakeFirst();
  const { fromDays, toDays } = window
    ? { fromDays: window.from_days, toDays: window.to_days }
    : DEFAULT_BOOKING_WINDOWS[priority];
  const day = 24 * 60 * 60 * 1000;
  return { from: new Date(now.getTime() + fromDays * day), to: new Date(now.getTime() + toDays * day) };
}
