import type { Priority } from '../../domain/priorities';
import type { Service } from '../../domain/referral';
import { bookingWindowBounds } from '../directory/slots.repository';
import { referralRequestType } from '../directory/services.repository';
import type { Executor } from '../executor';

/** A free slot as a booking form offers it. */
export type FreeSlot = { slotId: string; start: string; clinician: string };

/** A slot's service and times, as a booking command carries them; undefined for no such slot. */
export async function slotTimes(
  db: Executor,
  slotId: string,
): Promise<{ serviceId: string; start: string; end: string } | undefined> {
  if (!/^\d{1,18}$/.test(slotId)) return undefined;
  const slot = await db
    .selectFrom('slots')
    .select(['service_id', 'start_at', 'end_at'])
    .where('id', '=', Number(slotId))
    .executeTakeFirst();
  return (
    slot && { serviceId: String(slot.service_id), start: slot.start_at.toISOString(), end: slot.end_at.toISOString() }
  );
}

/** A provider's published services in one specialty, as a referral names them (advice-only services aside). */
export async function providerServicesIn(db: Executor, orgCode: string, specialty: string): Promise<Service[]> {
  const rows = await db
    .selectFrom('services')
    .select(['id', 'name', 'provider_org_code', 'request_types'])
    .where('provider_org_code', '=', orgCode)
    .where('specialty_code', '=', specialty)
    .where('status', '=', 'PUBLISHED')
    .orderBy('name')
    .limit(50)
    .execute();
  return rows.flatMap((row) => {
    const requestType = referralRequestType(row.request_types);
    return requestType
      ? [{ serviceId: String(row.id), name: row.name, providerOrgCode: row.provider_org_code, requestType }]
      : [];
  });
}

/**
 * The earliest free slots of a service. A referrer sees only the booking window for the
 * referral's priority and slots past the provider-only reservation; a provider sees them all.
 */
export async function earliestFreeSlots(
  db: Executor,
  serviceId: number,
  options: { priority: Priority; referrer: boolean; now: Date; limit: number },
): Promise<FreeSlot[]> {
  const { now } = options;
  let query = db
    .selectFrom('slots')
    .select(['id', 'start_at', 'clinician'])
    .where('service_id', '=', serviceId)
    .where('status', '=', 'free')
    .where('start_at', '>', now);
  if (options.referrer) {
    const window = await bookingWindowBounds(db, serviceId, options.priority, now);
    query = query
      .where('start_at', '>=', window.from)
      .where('start_at', '<', window.to)
      .where('released_at', '<=', now);
  }
  const rows = await query.orderBy('start_at').limit(options.limit).execute();
  return rows.map((r) => ({ slotId: String(r.id), start: r.start_at.toISOString(), clinician: r.clinician }));
}
