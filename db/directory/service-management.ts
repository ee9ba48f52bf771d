import { sql } from 'kysely';
import type { Actor } from '../../domain/actor';
import type { ServiceDefinition, ServiceInput, ServiceStatus } from '../../domain/directory/service.schema';
import type { Priority } from '../../domain/priorities';
import { appendAudit } from '../audit/audit.repository';
import type { Executor } from '../executor';
import type { ServiceRow } from './directory.table';

function toColumns(input: ServiceInput) {
  return {
    name: input.name,
    request_types: input.requestTypes,
    specialty_code: input.specialtyCode,
    clinic_type_code: input.clinicTypeCode ?? null,
    location: input.location,
    address: input.address ?? null,
    telephone: input.telephone ?? null,
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

/** The inverse of `toColumns`, with whose the service is and where it stands. */
function toDefinition(row: ServiceRow): ServiceDefinition {
  return {
    id: row.id,
    providerOrgCode: row.provider_org_code,
    status: row.status,
    version: row.version,
    name: row.name,
    requestTypes: row.request_types,
    specialtyCode: row.specialty_code,
    clinicTypeCode: row.clinic_type_code ?? undefined,
    location: row.location,
    ...(row.address ? { address: row.address } : {}),
    ...(row.telephone ? { telephone: row.telephone } : {}),
    outcode: row.outcode,
    ageMin: row.age_min,
    ageMax: row.age_max,
    sexTreated: row.sex_treated,
    conditionsTreated: row.conditions_treated,
    exclusions: row.exclusions,
    letterRequired: row.letter_required,
    indicativeWaitDays: row.indicative_wait_days,
    clinicians: row.clinicians,
    instructions: row.instructions,
    national: row.national,
    pollingRangeDays: row.polling_range_days,
    reservationHours: row.reservation_hours,
  };
}

/** A service's definition; `lock` holds the row until the transaction ends, for a change that depends on it. */
export async function findService(
  db: Executor,
  serviceId: number,
  options: { lock?: boolean } = {},
): Promise<ServiceDefinition | undefined> {
  let query = db.selectFrom('services').selectAll().where('id', '=', serviceId);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toDefinition(row);
}

/** The name of a specialty on the code list, if it is on it. */
export async function specialtyName(db: Executor, specialtyCode: string): Promise<string | undefined> {
  const row = await db.selectFrom('specialties').select('name').where('code', '=', specialtyCode).executeTakeFirst();
  return row?.name;
}

export async function isClinicTypeOf(db: Executor, specialtyCode: string, clinicTypeCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('clinic_types')
    .select('code')
    .where('specialty_code', '=', specialtyCode)
    .where('code', '=', clinicTypeCode)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether another service has this name, whatever its case: names are unique in the directory. */
export async function isServiceNameTaken(db: Executor, name: string, exceptServiceId?: number): Promise<boolean> {
  let query = db
    .selectFrom('services')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptServiceId !== undefined) query = query.where('id', '!=', exceptServiceId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Inserts a draft service of the provider. Returns its id. */
export async function insertService(db: Executor, providerOrgCode: string, input: ServiceInput): Promise<number> {
  const row = await db
    .insertInto('services')
    .values({ ...toColumns(input), provider_org_code: providerOrgCode })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateServiceDefinition(db: Executor, serviceId: number, input: ServiceInput): Promise<void> {
  await db
    .updateTable('services')
    .set({ ...toColumns(input), updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
}

export async function setServiceStatus(db: Executor, serviceId: number, status: ServiceStatus): Promise<void> {
  await db
    .updateTable('services')
    .set({ status, updated_at: sql`now()` })
    .where('id', '=', serviceId)
    .execute();
}

/** Publishes the service's current definition as its next version, kept in `service_versions`. */
export async function publishVersion(db: Executor, actor: Actor, serviceId: number): Promise<void> {
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
  await recordServiceAudit(db, actor, 'service.published', serviceId, { version: row.version });
}

/** Sets the days from today in which referrers may book the service at one priority. */
export async function upsertBookingWindow(
  db: Executor,
  serviceId: number,
  priority: Priority,
  window: { fromDays: number; toDays: number },
): Promise<void> {
  const days = { from_days: window.fromDays, to_days: window.toDays };
  await db
    .insertInto('booking_windows')
    .values({ service_id: serviceId, priority, ...days })
    .onConflict((oc) => oc.columns(['service_id', 'priority']).doUpdateSet(days))
    .execute();
}

export async function bookingWindowsOf(db: Executor, serviceId: number) {
  const rows = await db
    .selectFrom('booking_windows')
    .select(['priority', 'from_days', 'to_days'])
    .where('service_id', '=', serviceId)
    .execute();
  return rows.map((w) => ({ priority: w.priority, fromDays: w.from_days, toDays: w.to_days }));
}

/** Appends an action on a service to the audit trail, for every directory write to share. */
export async function recordServiceAudit(
  db: Executor,
  actor: Actor,
  action: string,
  serviceId: number,
  detail?: Record<string, unknown>,
): Promise<void> {
  await appendAudit(db, {
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    action,
    subject_type: 'service',
    subject_id: String(serviceId),
    detail,
  });
}
