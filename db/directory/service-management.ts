import { sql } from 'kysely';
import type { Actor } from '../../domain/actor';
import type { Priority } from '../../domain/priorities';
import { appendAudit } from '../audit/audit.repository';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../executor';
import { bookingWindowInputSchema, serviceInputSchema, type ServiceInput } from './service.schema';

function toColumns(input: ServiceInput) {
  return {
    name: input.name,
    request_types: input.requestTypes,
    specialty_code: input.specialtyCode,
    clinic_type_code: input.clinicTypeCode ?? null,
    location: input.location,
    outcode: input.outcode,
    age_min: input.ageMin,
    age_max: input.ageMax,
    sex_treated: input.sexTreated,
    conditions_treated: input.conditionsTreated,
    exclusions: input.exclusions,
    letter_required: input.letterRequired,
    indicative_wait_days: input.indicativeWaitDays,
    clinicians: input.clinicians,
    instructions: input.instructions,
    national: input.national,
    polling_range_days: input.pollingRangeDays,
    reservation_hours: input.reservationHours,
  };
}

/** Only a service definer of the owning provider may change a service. */
async function ownedService(db: Executor, actor: Actor, serviceId: number) {
  if (actor.role !== 'B1107') throw new CarepathError('NOT_PERMITTED', 'Only a service definer can change services');
  const service = await db
    .selectFrom('services')
    .selectAll()
    .where('id', '=', serviceId)
    .forUpdate()
    .executeTakeFirst();
  if (!service) throw new CarepathError('NOT_FOUND', 'There is no such service');
  if (service.provider_org_code !== actor.orgCode) {
    throw new CarepathError('NOT_PERMITTED', 'You can only change services of your own organisation');
  }
  return service;
}

/** Validates the definition, and that the specialty, clinic type and name are acceptable. */
async function validate(db: Executor, raw: unknown, serviceId?: number): Promise<ServiceInput> {
  const parsed = serviceInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw CarepathError.fromIssues('Check the service details', parsed.error.issues);
  }
  const input = parsed.data;
  const specialty = await db
    .selectFrom('specialties')
    .select('name')
    .where('code', '=', input.specialtyCode)
    .executeTakeFirst();
  if (!specialty)
    throw new CarepathError('VALIDATION', 'Check the service details', {
      specialtyCode: 'Choose a specialty from the list',
    });
  if (input.clinicTypeCode) {
    const clinic = await db
      .selectFrom('clinic_types')
      .select('code')
      .where('specialty_code', '=', input.specialtyCode)
      .where('code', '=', input.clinicTypeCode)
      .executeTakeFirst();
    if (!clinic) {
      throw new CarepathError('VALIDATION', 'Check the service details', {
        // A form without JavaScript lists every specialty's clinic types, so say which ones fit.
        clinicTypeCode: `Clinic type must be one of the ${specialty.name} clinic types, or leave it empty`,
      });
    }
  }
  let sameName = db
    .selectFrom('services')
    .select('id')
    .where(sql`lower(name)`, '=', input.name.toLowerCase());
  if (serviceId !== undefined) sameName = sameName.where('id', '!=', serviceId);
  if (await sameName.executeTakeFirst()) {
    throw new CarepathError('VALIDATION', 'Check the service details', {
      name: 'A service with this name already exists',
    });
  }
  return input;
}

/** Creates a draft service owned by the definer's organisation. Returns its id. */
export async function createService(db: Executor, actor: Actor, raw: unknown): Promise<number> {
  if (actor.role !== 'B1107') throw new CarepathError('NOT_PERMITTED', 'Only a service definer can create services');
  const input = await validate(db, raw);
  const row = await db
    .insertInto('services')
    .values({ ...toColumns(input), provider_org_code: actor.orgCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, auditOf(actor, 'service.created', row.id));
  return row.id;
}

/**
 * Saves a new definition. A draft stays a draft; a published service publishes the change
 * as a new version at once, so referrers never see an unpublished edit and history is kept.
 */
export async function updateService(db: Executor, actor: Actor, serviceId: number, raw: unknown): Promise<void> {
  const service = await ownedService(db, actor, serviceId);
  if (service.status === 'RETIRED')
    throw new CarepathError('INVALID_REQUEST_STATE', 'A retired service cannot be changed');
  const input = await validate(db, raw, serviceId);
  await db
    .updateTable('services')
    .set({ ...toColumns(input), updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
  if (service.status === 'PUBLISHED') await snapshot(db, actor, serviceId);
  await appendAudit(db, auditOf(actor, 'service.updated', serviceId));
}

/** Publishes a draft as version 1: referrers can find it from now on. */
export async function publishService(db: Executor, actor: Actor, serviceId: number): Promise<void> {
  const service = await ownedService(db, actor, serviceId);
  if (service.status !== 'DRAFT')
    throw new CarepathError('INVALID_REQUEST_STATE', 'Only a draft service can be published');
  await db.updateTable('services').set({ status: 'PUBLISHED' }).where('id', '=', serviceId).execute();
  await snapshot(db, actor, serviceId);
}

/** Retires a service: it leaves search; its history and booked slots stay. */
export async function retireService(db: Executor, actor: Actor, serviceId: number): Promise<void> {
  const service = await ownedService(db, actor, serviceId);
  if (service.status === 'RETIRED') throw new CarepathError('INVALID_REQUEST_STATE', 'The service is already retired');
  await db
    .updateTable('services')
    .set({ status: 'RETIRED', updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
  await appendAudit(db, auditOf(actor, 'service.retired', serviceId));
}

/** Sets the days from today in which referrers may book at one priority. */
export async function setBookingWindow(
  db: Executor,
  actor: Actor,
  serviceId: number,
  priority: Priority,
  raw: unknown,
): Promise<void> {
  await ownedService(db, actor, serviceId);
  const parsed = bookingWindowInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CarepathError('VALIDATION', 'Check the booking window', { [priority]: parsed.error.issues[0]!.message });
  }
  const values = { service_id: serviceId, priority, from_days: parsed.data.fromDays, to_days: parsed.data.toDays };
  await db
    .insertInto('booking_windows')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['service_id', 'priority']).doUpdateSet({ from_days: values.from_days, to_days: values.to_days }),
    )
    .execute();
}

async function snapshot(db: Executor, actor: Actor, serviceId: number): Promise<void> {
  const row = await db
    .updateTable('services')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', serviceId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const { capacity_flagged_at: _flag, capacity_note: _note, ...definition } = row;
  await db
    .insertInto('service_versions')
    .values({
      service_id: serviceId,
      version: row.version,
      definition: JSON.stringify(definition),
      published_by: actor.userId,
    })
    .execute();
  await appendAudit(db, { ...auditOf(actor, 'service.published', serviceId), detail: { version: row.version } });
}

/** The audit row of an action on a service, for every directory write to share. */
export function auditOf(actor: Actor, action: string, serviceId: number) {
  return {
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    action,
    subject_type: 'service',
    subject_id: String(serviceId),
  };
}
