import type { Kysely } from 'kysely';
import type { CommandType } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Priority } from '../../domain/priorities';
import type { Referral, Service } from '../../domain/referral';
import { isProviderRole } from '../../domain/roles';
import type { Database } from '../../db/database';
import { referralRequestType } from '../../db/directory/services.repository';
import { bookingWindowBounds } from '../../db/directory/slots.repository';
import type { SlotChoice } from './action-forms';

const SLOTS_PER_SERVICE = 8;

/**
 * Services a provider may book into or redirect to: its own published services in the
 * referral's specialty, plus the referral's current service and shortlist.
 */
export async function providerTargets(db: Kysely<Database>, referral: Referral, actor: Actor): Promise<Service[]> {
  const own = await db
    .selectFrom('services')
    .select(['id', 'name', 'provider_org_code', 'request_types'])
    .where('provider_org_code', '=', actor.orgCode)
    .where('specialty_code', '=', referral.specialty)
    .where('status', '=', 'PUBLISHED')
    .orderBy('name')
    .limit(50)
    .execute();
  const found = new Map<string, Service>();
  for (const s of [referral.service, ...referral.shortlist]) if (s) found.set(s.serviceId, s);
  for (const row of own) {
    const requestType = referralRequestType(row.request_types);
    if (requestType) {
      found.set(String(row.id), {
        serviceId: String(row.id),
        name: row.name,
        providerOrgCode: row.provider_org_code,
        requestType,
      });
    }
  }
  return [...found.values()];
}

/** Which services' slots to offer, by the actions drawn: referrers book from the shortlist only. */
function slotServices(referral: Referral, actor: Actor, actions: readonly CommandType[], targets: Service[]) {
  const dbs = (list: readonly (Service | undefined)[]) => list.filter((s): s is Service => s?.requestType === 'DBS');
  if (actions.includes('CHANGE_APPOINTMENT')) return dbs([referral.service]);
  if (!actions.includes('BOOK') && !actions.includes('TRIAGE_OUTCOME')) return [];
  if (!isProviderRole(actor.role)) return dbs(referral.shortlist);
  if (
    actions.includes('BOOK') &&
    referral.service?.requestType === 'DBS' &&
    referral.state !== 'TRIAGED_PROVIDER_TO_ACTION'
  ) {
    return [referral.service];
  }
  return dbs(targets.filter((s) => s.providerOrgCode === actor.orgCode || s.serviceId === referral.service?.serviceId));
}

/**
 * The earliest free slots of each service the forms offer. Referrers see the booking window
 * for the referral's priority and only released slots; providers also see their reserved ones.
 */
export async function slotChoicesFor(
  db: Kysely<Database>,
  referral: Referral,
  actor: Actor,
  actions: readonly CommandType[],
  targets: Service[],
  now = new Date(),
): Promise<SlotChoice[]> {
  const services = slotServices(referral, actor, actions, targets);
  return freeSlots(db, services, referral.priority, isProviderRole(actor.role), now);
}

export async function freeSlots(
  db: Kysely<Database>,
  services: readonly Service[],
  priority: Priority,
  provider: boolean,
  now = new Date(),
): Promise<SlotChoice[]> {
  const lists = await Promise.all(
    services.map(async (service) => {
      const id = Number(service.serviceId);
      if (!Number.isSafeInteger(id)) return [];
      let query = db
        .selectFrom('slots')
        .select(['id', 'start_at', 'clinician'])
        .where('service_id', '=', id)
        .where('status', '=', 'free')
        .where('start_at', '>', now);
      if (!provider) {
        const window = await bookingWindowBounds(db, id, priority, now);
        query = query
          .where('start_at', '>=', window.from)
          .where('start_at', '<', window.to)
          .where('released_at', '<=', now);
      }
      const rows = await query.orderBy('start_at').limit(SLOTS_PER_SERVICE).execute();
      return rows.map((r) => ({
        slotId: String(r.id),
        serviceId: service.serviceId,
        serviceName: service.name,
        start: r.start_at.toISOString(),
        clinician: r.clinician,
      }));
    }),
  );
  return lists.flat().sort((a, b) => a.start.localeCompare(b.start));
}
