import { z } from 'zod';
import type { Service } from '../../domain/referral';
import type { Executor } from '../executor';
import type { ServiceRequestType, ServiceStatus } from './directory.table';

const serviceIdSchema = z.coerce.number().int().positive();

/** The request type a referral to this service takes; advice-only services take none. */
export function referralRequestType(types: readonly ServiceRequestType[]): Service['requestType'] | undefined {
  return types.find((t): t is Service['requestType'] => t !== 'ADVICE');
}

/**
 * A published service as a referral's shortlist holds it (domain `serviceSchema`).
 * Undefined when the service does not exist, is not published, or only gives advice.
 */
export async function getServiceSummary(db: Executor, serviceId: string | number): Promise<Service | undefined> {
  const parsed = serviceIdSchema.safeParse(serviceId);
  if (!parsed.success) return undefined;
  const row = await db
    .selectFrom('services')
    .select(['id', 'name', 'provider_org_code', 'request_types'])
    .where('id', '=', parsed.data)
    .where('status', '=', 'PUBLISHED')
    .executeTakeFirst();
  const requestType = row && referralRequestType(row.request_types);
  if (!row || !requestType) return undefined;
  return { serviceId: String(row.id), name: row.name, providerOrgCode: row.provider_org_code, requestType };
}

/** The specialties, in the order drop-downs show them. */
export function specialties(db: Executor): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute();
}

/** Every specialty's clinic types, by specialty then name. */
export function clinicTypes(db: Executor): Promise<{ specialtyCode: string; code: string; name: string }[]> {
  return db
    .selectFrom('clinic_types')
    .select(['specialty_code as specialtyCode', 'code', 'name'])
    .orderBy('specialty_code')
    .orderBy('name')
    .execute();
}

/** The services that pass every filter given, by name: for lists and drop-downs. */
export function listServices(
  db: Executor,
  filter: {
    providerOrgCode?: string;
    statuses?: readonly ServiceStatus[];
    national?: boolean;
    requestType?: ServiceRequestType;
  },
): Promise<{ id: number; name: string; status: ServiceStatus; version: number }[]> {
  let query = db.selectFrom('services').select(['id', 'name', 'status', 'version']).orderBy('name');
  if (filter.providerOrgCode !== undefined) query = query.where('provider_org_code', '=', filter.providerOrgCode);
  if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses);
  if (filter.national !== undefined) query = query.where('national', '=', filter.national);
  const { requestType } = filter;
  if (requestType !== undefined) query = query.where((eb) => eb(eb.val(requestType), '=', eb.fn.any('request_types')));
  return query.execute();
}
