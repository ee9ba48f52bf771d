import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { appendAudit } from '../audit/audit.repository';
import { CarepathError } from '../../domain/errors';
import type { Executor } from '../executor';

export const commissioningRuleInputSchema = z
  .object({
    serviceId: z.coerce.number({ error: 'Choose a service' }).int().positive('Choose a service'),
    startsOn: z.iso.date({ error: 'Enter a real start date' }),
    endsOn: z
      .union([z.literal(''), z.iso.date({ error: 'Enter a real end date, or leave it empty' })])
      .transform((v) => v || undefined)
      .optional(),
  })
  .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, {
    path: ['endsOn'],
    message: 'The end date must be on or after the start date',
  });

/**
 * A commissioner makes a local service visible to the referrers of their own area (their
 * organisation's ODS code is the commissioning area). Returns the rule id.
 */
export async function addCommissioningRule(db: Executor, actor: Actor, raw: unknown): Promise<number> {
  if (actor.role !== 'B1106') throw new CarepathError('NOT_PERMITTED', 'Only a commissioner can commission services');
  const parsed = commissioningRuleInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw CarepathError.fromIssues('Check the commissioning rule', parsed.error.issues);
  }
  const rule = parsed.data;
  const service = await db.selectFrom('services').select('status').where('id', '=', rule.serviceId).executeTakeFirst();
  if (!service || service.status === 'RETIRED') {
    throw new CarepathError('VALIDATION', 'Check the commissioning rule', { serviceId: 'Choose a published service' });
  }
  const row = await db
    .insertInto('commissioning_rules')
    .values({
      service_id: rule.serviceId,
      commissioning_area: actor.orgCode,
      starts_on: rule.startsOn,
      ends_on: rule.endsOn ?? null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    action: 'commissioning.rule_added',
    subject_type: 'service',
    subject_id: String(rule.serviceId),
    detail: { ruleId: row.id },
  });
  return row.id;
}

/** Ends a rule of the commissioner's own area on a date (the service disappears the day after). */
export async function endCommissioningRule(db: Executor, actor: Actor, ruleId: number, endsOn: string): Promise<void> {
  if (actor.role !== 'B1106') throw new CarepathError('NOT_PERMITTED', 'Only a commissioner can change commissioning');
  const date = z.iso.date({ error: 'Enter a real end date' }).parse(endsOn);
  const result = await db
    .updateTable('commissioning_rules')
    .set({ ends_on: date })
    .where('id', '=', ruleId)
    .where('commissioning_area', '=', actor.orgCode)
    .where(sql`starts_on`, '<=', sql<string>`${date}::date`)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new CarepathError('NOT_FOUND', 'There is no such rule in your area starting on or before that date');
}

export function commissioningRulesOfArea(db: Executor, area: string) {
  return (
    db
      .selectFrom('commissioning_rules as r')
      .innerJoin('services as s', 's.id', 'r.service_id')
      .select(['r.id', 'r.service_id', 's.name as service_name', 's.provider_org_code'])
      // As ISO dates: a JavaScript Date would shift a calendar date by the server's time zone.
      .select(sql<string>`to_char(r.starts_on, 'YYYY-MM-DD')`.as('starts_on'))
      .select(sql<string | null>`to_char(r.ends_on, 'YYYY-MM-DD')`.as('ends_on'))
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
