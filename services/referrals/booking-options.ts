import type { CommandType } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Priority } from '../../domain/priorities';
import type { Referral, Service } from '../../domain/referral';
import { isProviderRole } from '../../domain/roles';
import { earliestFreeSlots, providerServicesIn } from '../../db/referrals/booking.repository';
import type { Executor } from '../../db/executor';

/** A free slot as the booking forms offer it, with the service it belongs to. */
export type SlotChoice = { slotId: string; serviceId: string; serviceName: string; start: string; clinician: string };

const SLOTS_PER_SERVICE = 8;

/**
 * Services a provider may book into or redirect to: its own published services in the
 * referral's specialty, plus the referral's current service and shortlist.
 */
export async function providerTargets(db: Executor, referral: Referral, actor: Actor): Promise<Service[]> {
  const found = new Map<string, Service>();
  for (const s of [referral.service, ...referral.shortlist]) if (s) found.set(s.serviceId, s);
  for (const s of await providerServicesIn(db, actor.orgCode, referral.specialty)) found.set(s.serviceId, s);
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
export function slotChoicesFor(
  db: Executor,
  referral: Referral,
  actor: Actor,
  actions: readonly CommandType[],
  targets: Service[],
): Promise<SlotChoice[]> {
  const services = slotServices(referral, actor, actions, targets);
  return freeSlots(db, services, referral.priority, isProviderRole(actor.role));
}

/** The earliest free slots of these services, soonest first. */
export async function freeSlots(
  db: Executor,
  services: readonly Service[],
  priority: Priority,
  provider: boolean,
  now = new Date(),
): Promise<SlotChoice[]> {
  const lists = await Promise.all(
    services.map(async (service) => {
      const id = Number(service.serviceId);
      if (!Number.isSafeInteger(id)) return [];
      const slots = await earliestFreeSlots(db, id, { priority, referrer: !provider, now, limit: SLOTS_PER_SERVICE });
      return slots.map((slot) => ({ ...slot, serviceId: service.serviceId, serviceName: service.name }));
    }),
  );
  return lists.flat().sort((a, b) => a.start.localeCompare(b.start));
}
