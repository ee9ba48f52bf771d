import { z } from 'zod';
import type { Service } from '../../domain/referral';
import type { Executor } from '../executor';
import type { ServiceRequestType } from './directory.table';

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

/** The specialty and clinic-type code lists, in the order the drop-downs show them. */
export async function codeLists(db: Executor) {
  return {
    specialties: await db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute(),
    clinicTypes: await db
      .selectFrom('clinic_types')
      .select(['specialty_code', 'code', 'name'])
      .orderBy('specialty_code')
      .orderBy('name')
      .execute(),
  };
}
