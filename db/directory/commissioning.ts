import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../executor';

/** Makes a service visible to a commissioning area's referrers from `startsOn`. Returns the rule id. */
export async function insertCommissioningRule(
  db: Executor,
  rule: { serviceId: number; area: string; startsOn: string; endsOn?: string | undefined; createdBy: string },
): Promise<number> {
  const row = await db
    .insertInto('commissioning_rules')
    .values({
      service_id: rule.serviceId,
      commissioning_area: rule.area,
      starts_on: rule.startsOn,
      ends_on: rule.endsOn ?? null,
      created_by: rule.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Ends a rule of the area on a date (the service disappears the day after). False when the
 * area has no such rule starting on or before that date.
 */
export async function endCommissioningRule(
  db: Executor,
  area: string,
  ruleId: number,
  endsOn: string,
): Promise<boolean> {
  const result = await db
    .updateTable('commissioning_rules')
    .set({ ends_on: endsOn })
    .where('id', '=', ruleId)
    .where('commissioning_area', '=', area)
    .where(sql`starts_on`, '<=', sql<string>`${endsOn}::date`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export type CommissioningRule = {
  id: number;
  serviceId: number;
  serviceName: string;
  providerOrgCode: string;
  startsOn: string;
  endsOn: string | null;
};

export function commissioningRulesOfArea(db: Executor, area: string): Promise<CommissioningRule[]> {
  return (
    db
      .selectFrom('commissioning_rules as r')
      .innerJoin('services as s', 's.id', 'r.service_id')
      .select(['r.id', 'r.service_id as serviceId', 's.name as serviceName', 's.provider_org_code as providerOrgCode'])
      // As ISO dates: a JavaScript Date would shift a calendar date by the server's time zone.
      .select(sql<string>`to_char(r.starts_on, 'YYYY-MM-DD')`.as('startsOn'))
      .select(sql<string | null>`to_char(r.ends_on, 'YYYY-MM-DD')`.as('endsOn'))
      .where('r.commissioning_area', '=', area)
      .orderBy('s.name')
      .orderBy('r.starts_on')
      .execute()
  );
}

/**
 * SQL predicate on a `services` row aliased `s`: national services are on everyone's menu;
 * a local one needs a rule for the referrer organisation's area, active on `onDate`.
 */
export function visibleToReferrer(referrerOrgCode: string, onDate: string): RawBuilder<SqlBool> {
  // IN (not a correlated EXISTS) so the planner hashes the area's services once: with EXISTS it
  // costs a probe per service, the estimate passes the JIT threshold and JIT alone adds ~20 ms.
  return sql<SqlBool>`(s.national or s.id in (
    select r.service_id from commissioning_rules r
    join organisations o on o.commissioning_area = r.commissioning_area
    where o.ods_code = ${referrerOrgCode}
      and r.starts_on <= ${onDate}::date and (r.ends_on is null or r.ends_on >= ${onDate}::date)))`;
}

/** Whether the referrer's organisation may see, and refer to, the service on `onDate`. */
export async function isVisibleToReferrer(
  db: Executor,
  referrerOrgCode: string,
  serviceId: number,
  onDate: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('services as s')
    .select('s.id')
    .where('s.id', '=', serviceId)
    .where(visibleToReferrer(referrerOrgCode, onDate))
    .executeTakeFirst();
  return row !== undefined;
}
