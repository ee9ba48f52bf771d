import { type RawBuilder, sql } from 'kysely';
import type { ReportScope } from '../../domain/reports/scope';
import type { Executor } from '../executor';
import { reportScopeOf } from '../../domain/reports/scope';

/** The report scope of an organisation, from its type; undefined when the organisation is unknown. */
export async function scopeOfOrganisation(db: Executor, orgCode: string): Promise<ReportScope | undefined> {
  const org = await db.selectFrom('organisations').select('type').where('ods_code', '=', orgCode).executeTakeFirst();
  return org && reportScopeOf(orgCode, org.type);
}

/**
 * The condition that a referral row (under `alias`) is in the scope: the one place report
 * queries decide which organisation's rows an analyst sees.
 */
export function referralInScope(scope: ReportScope, alias = 'r'): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.side) {
    case 'referrer':
      return sql<boolean>`${column('referrer_org_code')} = ${scope.orgCode}`;
    case 'provider':
      return sql<boolean>`${column('provider_org_code')} = ${scope.orgCode}`;
    case 'commissioner':
      return sql<boolean>`${column('referrer_org_code')} in (select ods_code from organisations where commissioning_area = ${scope.orgCode})`;
  }
}

/**
 * The condition that a service (under `alias`) is in the scope: a provider's own services, the
 * services commissioned for a commissioner's area, or the services a practice's referrals are with.
 */
export function serviceInScope(scope: ReportScope, alias = 's'): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  switch (scope.side) {
    case 'provider':
      return sql<boolean>`${column('provider_org_code')} = ${scope.orgCode}`;
    case 'commissioner':
      return sql<boolean>`exists (select 1 from commissioning_rules cr where cr.service_id = ${column('id')} and cr.commissioning_area = ${scope.orgCode})`;
    case 'referrer':
      return sql<boolean>`exists (select 1 from referrals rs where rs.service_id = ${column('id')}::text and rs.referrer_org_code = ${scope.orgCode})`;
  }
}

/** Midnight in Europe/London at the start of an ISO date, as an instant: index-friendly bounds for timestamptz columns. */
export function londonMidnight(isoDate: string): RawBuilder<Date> {
  return sql<Date>`(${isoDate}::date)::timestamp at time zone 'Europe/London'`;
}
