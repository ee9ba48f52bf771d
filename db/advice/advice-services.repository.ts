import { sql } from 'kysely';
import type { AdviceService } from '../../domain/advice/conversation';
import { isVisibleToReferrer } from '../directory/commissioning';
import { londonDate } from '../directory/search';
import { referralRequestType } from '../directory/services.repository';
import type { Executor } from '../executor';

/**
 * A published service that gives advice (request type ADVICE), as a conversation holds it, if
 * the referrer's organisation may use it today (national, or commissioned for its area).
 */
export async function adviceServiceFor(
  db: Executor,
  serviceId: string,
  referrerOrgCode: string,
  now: Date,
): Promise<AdviceService | undefined> {
  const id = Number(serviceId);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await db
    .selectFrom('services')
    .select(['id', 'name', 'provider_org_code', 'specialty_code', 'request_types'])
    .where('id', '=', id)
    .where('status', '=', 'PUBLISHED')
    .executeTakeFirst();
  if (!row || !row.request_types.includes('ADVICE')) return undefined;
  if (!(await isVisibleToReferrer(db, referrerOrgCode, id, londonDate(now)))) return undefined;
  const referralType = referralRequestType(row.request_types);
  return {
    serviceId: String(row.id),
    name: row.name,
    providerOrgCode: row.provider_org_code,
    specialty: row.specialty_code,
    ...(referralType ? { referralType } : {}),
  };
}

/** The advice services a provider organisation runs, by name: where its response targets are set. */
export function adviceServicesOf(db: Executor, providerOrgCode: string) {
  return db
    .selectFrom('services as s')
    .leftJoin('advice_service_settings as a', (join) => join.on(sql<boolean>`a.service_id = s.id::text`))
    .select(['s.id', 's.name', 'a.response_working_days'])
    .where('s.provider_org_code', '=', providerOrgCode)
    .where(sql<boolean>`'ADVICE' = any(s.request_types)`)
    .orderBy('s.name')
    .execute();
}

/** One advice service (any status) with its provider and its own response-time target, if set. */
export function adviceServiceWithTarget(db: Executor, serviceId: number) {
  return db
    .selectFrom('services as s')
    .leftJoin('advice_service_settings as a', (join) => join.on(sql<boolean>`a.service_id = s.id::text`))
    .select(['s.id', 's.name', 's.provider_org_code', 'a.response_working_days'])
    .where('s.id', '=', serviceId)
    .where(sql<boolean>`'ADVICE' = any(s.request_types)`)
    .executeTakeFirst();
}
