import type { CommandType } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Priority } from '../../domain/priorities';
import type { Referral, Service } from '../../domain/referral';
import { isProviderRole } from '../../domain/roles';
import { CarepathError } from '../../domain/errors';
import { availableActions } from '../../domain/guard';
import { earliestFreeSlots, providerServicesIn } from '../../db/referrals/booking.repository';
import type { Executor } from '../../db/executor';
import { loadReferral } from './load-referral';

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

/** A directly bookable service with free slots now, and its earliest. */
export type BookableService = { service: Service; earliest: string };
/** One page of the days a service has free slots, earliest first. */
export type DatePage = { dates: { date: string; count: number }[]; page: number; more: boolean };

/** Days shown per page of the booking's date step ("more dates" shows the next). */
export const DATES_PER_PAGE = 5;
// Enough for weeks of clinics; a date step never needs more.
const SLOTS_LOOKED_AT = 500;

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
/** The calendar day (Europe/London) of an instant, as an ISO date. */
export const londonDateOf = (instant: string) => londonDay.format(new Date(instant));

async function upcomingSlots(db: Executor, service: Service, priority: Priority, provider: boolean) {
  const id = Number(service.serviceId);
  if (service.requestType !== 'DBS' || !Number.isSafeInteger(id)) return [];
  const slots = await earliestFreeSlots(db, id, {
    priority,
    referrer: !provider,
    now: new Date(),
    limit: SLOTS_LOOKED_AT,
  });
  return slots.map((slot) => ({ ...slot, serviceId: service.serviceId, serviceName: service.name }));
}

/** Of these services, the directly bookable ones with a free slot now, earliest first. */
export async function bookableServices(
  db: Executor,
  services: readonly Service[],
  priority: Priority,
  provider: boolean,
): Promise<BookableService[]> {
  const found = await freeSlots(db, services, priority, provider);
  const earliest = new Map<string, string>();
  for (const slot of found) if (!earliest.has(slot.serviceId)) earliest.set(slot.serviceId, slot.start);
  return services
    .filter((s) => earliest.has(s.serviceId))
    .map((service) => ({ service, earliest: earliest.get(service.serviceId)! }))
    .sort((a, b) => a.earliest.localeCompare(b.earliest));
}

/** Page `page` (from 1) of the days with free slots at a service, earliest first, with how many each. */
export async function slotDates(
  db: Executor,
  service: Service,
  priority: Priority,
  provider: boolean,
  page: number,
): Promise<DatePage> {
  const counts = new Map<string, number>();
  for (const slot of await upcomingSlots(db, service, priority, provider)) {
    const day = londonDateOf(slot.start);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const all = [...counts].map(([date, count]) => ({ date, count }));
  const first = (page - 1) * DATES_PER_PAGE;
  return { dates: all.slice(first, first + DATES_PER_PAGE), page, more: all.length > first + DATES_PER_PAGE };
}

/** The free slots at a service on one day (Europe/London), in time order. */
export async function slotsOn(
  db: Executor,
  service: Service,
  priority: Priority,
  provider: boolean,
  date: string,
): Promise<SlotChoice[]> {
  return (await upcomingSlots(db, service, priority, provider)).filter((s) => londonDateOf(s.start) === date);
}

/** The services an actor may book this referral into now (BOOK allowed), by the referral page's rule. */
export async function bookingServicesFor(db: Executor, referral: Referral, actor: Actor): Promise<Service[]> {
  const targets = isProviderRole(actor.role) ? await providerTargets(db, referral, actor) : [];
  return slotServices(referral, actor, ['BOOK'], targets);
}

/** The referral's booking, for an actor who may BOOK it now; INVALID_REQUEST_STATE otherwise. */
async function bookableReferral(db: Executor, actor: Actor, ubrn: string) {
  const referral = await loadReferral(db, actor, ubrn);
  if (!availableActions(referral, actor, new Date().toISOString()).includes('BOOK')) {
    throw new CarepathError('INVALID_REQUEST_STATE', "This referral can't be booked now.");
  }
  return { referral, services: await bookingServicesFor(db, referral, actor) };
}

/** The booking's service step on the referral page: the services with free slots now. */
export async function referralBookingServices(db: Executor, actor: Actor, ubrn: string) {
  const { referral, services } = await bookableReferral(db, actor, ubrn);
  const bookable = await bookableServices(db, services, referral.priority, isProviderRole(actor.role));
  return { referral, bookable };
}

function bookingService(services: Service[], serviceId: string): Service {
  const service = services.find((s) => s.serviceId === serviceId);
  if (!service) throw CarepathError.forField('VALIDATION', 'Choose a service from the list', 'service');
  return service;
}

/** The booking's date step on the referral page. */
export async function referralBookingDates(db: Executor, actor: Actor, ubrn: string, serviceId: string, page: number) {
  const { referral, services } = await bookableReferral(db, actor, ubrn);
  const service = bookingService(services, serviceId);
  const dates = await slotDates(db, service, referral.priority, isProviderRole(actor.role), page);
  return { referral, service, dates };
}

/** The booking's time step on the referral page. */
export async function referralBookingTimes(db: Executor, actor: Actor, ubrn: string, serviceId: string, date: string) {
  const { referral, services } = await bookableReferral(db, actor, ubrn);
  const service = bookingService(services, serviceId);
  const slots = await slotsOn(db, service, referral.priority, isProviderRole(actor.role), date);
  return { referral, service, slots };
}
