import { type Kysely, sql } from 'kysely';
import type { DashboardPeriod, WeeklyActivity } from '../../domain/reports/dashboard';
import { DASHBOARD_EVENT_TYPES } from '../../domain/reports/dashboard';
import { addDays, londonDateOf } from '../../domain/reports/date-range';
import type { Database } from '../database';
import type { Executor } from '../executor';
import type { ReportTables } from './reports.table';
import { londonMidnight } from './scope';

/**
 * The dashboard reads daily counts of timeline events (`report_daily_activity`), not the
 * timeline: at a million referrals a year of weekly figures is a few thousand summed rows
 * instead of millions of joined ones (decision record 0012).
 *
 * Each refresh counts again the days from two days before the previous refresh onwards: a
 * transition's timeline row reaches the table moments after it happened (a projection retried
 * through a short outage, a little later), and a day already counted is replaced whole, so a
 * refresh is idempotent. Rows the reconciliation repairs further back are counted by a full
 * rebuild (`rebuildActivity`).
 */
const ACTIVITY = 'report_daily_activity';
// The advice entries' types (domain/advice/transition.ts) that the A&G figures count.
const FIRST_RESPONSES = ['RESPOND', 'REQUEST_INFO'];
const ADVICE_CONVERSIONS = ['CONVERT_BY_PROVIDER', 'CONVERT_BY_REFERRER'];
const ADVICE_CLOSES = ['CLOSE', 'CANCEL'];
export const RECOUNT_DAYS = 2;
// pg_try_advisory_xact_lock key: "report" in ASCII, so two web servers never refresh at once.
const REFRESH_LOCK = 0x7265706f7274;

/** When the counts were last brought up to date; undefined before the first refresh. */
export async function activityRefreshedAt(db: Executor): Promise<Date | undefined> {
  const row = await db
    .withTables<ReportTables>()
    .selectFrom('report_refreshes')
    .select('refreshed_at')
    .where('name', '=', ACTIVITY)
    .executeTakeFirst();
  return row?.refreshed_at;
}

/**
 * Brings the daily counts up to date, unless another process is doing it right now (then
 * false). `now` is when this refresh starts: anything projected after it is counted next time.
 */
export function refreshActivity(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  return recount(db, now, 'since-last');
}

/** Counts every day again, from the whole timeline. */
export function rebuildActivity(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  return recount(db, now, 'all');
}

async function recount(db: Kysely<Database>, now: Date, extent: 'since-last' | 'all'): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as locked`.execute(trx);
    if (!rows[0]?.locked) return false;
    const last = extent === 'all' ? undefined : await activityRefreshedAt(trx);
    const fromDay = last ? addDays(londonDateOf(last), -RECOUNT_DAYS) : undefined;
    await sql`delete from report_daily_activity where ${fromDay ? sql`day >= ${fromDay}::date` : sql`true`}`.execute(
      trx,
    );
    await sql`
      insert into report_daily_activity (scope_org, day, specialty, service_id, event, events, turnaround_seconds)
      select related.org, (t.at at time zone 'Europe/London')::date, r.specialty, coalesce(r.service_id, ''), t.type,
        count(*), coalesce(sum(extract(epoch from t.at - entered.at)), 0)
      from referral_timeline t
      join referrals r on r.ubrn = t.ubrn
      left join organisations o on o.ods_code = r.referrer_org_code
      -- A triage outcome's turnaround: since the referral entered the state the outcome took it out of.
      left join lateral (
        select max(p.at) as at from referral_timeline p
        where t.type = 'TRIAGE_OUTCOME' and p.ubrn = t.ubrn and p.version < t.version and p.to_state = t.from_state
      ) entered on true
      -- Counted for the referrer, the provider, the referrer's commissioner and whoever acted, once each.
      cross join lateral (
        select distinct v.org from (values (r.referrer_org_code), (r.provider_org_code), (o.commissioning_area), (t.actor_org)) v(org)
        where v.org is not null
      ) related
      where ${fromDay ? sql`t.at >= ${londonMidnight(fromDay)}` : sql`true`}
        and t.at < ${now}
      group by 1, 2, 3, 4, 5`.execute(trx);
    // Advice and Guidance, from the conversations' entries: requests, the provider's first
    // response (advice or a request for more) with the time since the request, and conversations
    // ended or converted. Counted for the same four organisations as a referral's events.
    await sql`
      insert into report_daily_activity (scope_org, day, specialty, service_id, event, events, turnaround_seconds)
      select related.org, (e.at at time zone 'Europe/London')::date, a.specialty, a.service_id, ev.event,
        count(*), coalesce(sum(ev.seconds), 0)
      from advice_entries e
      join advice_requests a on a.ubrn = e.ubrn
      left join organisations o on o.ods_code = a.referrer_org_code
      cross join lateral (
        select 'AG_REQUEST' as event, 0::float8 as seconds where e.type = 'ASK'
        union all
        select 'AG_FIRST_RESPONSE', extract(epoch from e.at - a.created_at)::float8
        where e.type in (${sql.join(FIRST_RESPONSES)}) and not exists (
          select 1 from advice_entries f where f.ubrn = e.ubrn and f.version < e.version and f.type in (${sql.join(FIRST_RESPONSES)}))
        union all
        select 'AG_ENDED', 0 where e.type in (${sql.join([...ADVICE_CONVERSIONS, ...ADVICE_CLOSES])})
        union all
        select 'AG_CONVERTED', 0 where e.type in (${sql.join(ADVICE_CONVERSIONS)})
      ) ev
      cross join lateral (
        select distinct v.org from (values (a.referrer_org_code), (a.provider_org_code), (o.commissioning_area), (e.actor_org)) v(org)
        where v.org is not null
      ) related
      where ${fromDay ? sql`e.at >= ${londonMidnight(fromDay)}` : sql`true`}
        and e.at < ${now}
      group by 1, 2, 3, 4, 5`.execute(trx);
    await trx
      .withTables<ReportTables>()
      .insertInto('report_refreshes')
      .values({ name: ACTIVITY, refreshed_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ refreshed_at: now }))
      .execute();
    return true;
  });
}

export type ActivityFilter = { orgCode: string; specialty?: string | undefined; serviceId?: string | undefined };

const filtered = (filter: ActivityFilter) => sql`scope_org = ${filter.orgCode}
  ${filter.specialty ? sql`and specialty = ${filter.specialty}` : sql``}
  ${filter.serviceId ? sql`and service_id = ${filter.serviceId}` : sql``}`;

/** The dashboard's events by specialty and week (0 = the week ending on the period's last day) over both periods. */
export async function weeklyActivity(
  db: Executor,
  filter: ActivityFilter,
  period: DashboardPeriod,
): Promise<WeeklyActivity[]> {
  const { rows } = await sql<WeeklyActivity>`
    select specialty, ((${period.to}::date - day) / 7)::int as week, event, sum(events)::int as events,
      sum(turnaround_seconds)::float8 as "turnaroundSeconds"
    from report_daily_activity
    where ${filtered(filter)} and day between ${period.previousFrom}::date and ${period.to}::date
      and event in (${sql.join(DASHBOARD_EVENT_TYPES)})
    group by specialty, week, event`.execute(db);
  return rows;
}

export type Hotspot = {
  serviceId: string;
  name: string | null;
  providerOrg: string | null;
  flagged: boolean;
  slotIssues: number;
};

/** The services with the most slot issues in the period (capacity hotspots), most first. */
export async function capacityHotspots(
  db: Executor,
  filter: ActivityFilter,
  period: DashboardPeriod,
  limit = 10,
): Promise<Hotspot[]> {
  const { rows } = await sql<Hotspot>`
    with top as (
      select service_id, sum(events)::int as slot_issues
      from report_daily_activity
      where ${filtered(filter)} and day between ${period.from}::date and ${period.to}::date
        and event = 'DEFER_TO_PROVIDER' and service_id <> ''
      group by service_id
      order by slot_issues desc, service_id
      limit ${limit}
    )
    select top.service_id as "serviceId", s.name, s.provider_org_code as "providerOrg",
      coalesce(s.capacity_flagged_at is not null, false) as flagged, top.slot_issues as "slotIssues"
    from top left join services s on s.id::text = top.service_id
    order by top.slot_issues desc, top.service_id`.execute(db);
  return rows;
}

/** The services the organisation's figures mention in either period, for the service filter. */
export async function servicesInActivity(db: Executor, orgCode: string, period: DashboardPeriod) {
  const { rows } = await sql<{ id: string; name: string | null }>`
    with ids as (
      select distinct service_id from report_daily_activity
      where scope_org = ${orgCode} and day between ${period.previousFrom}::date and ${period.to}::date and service_id <> ''
    )
    select ids.service_id as id, s.name from ids left join services s on s.id::text = ids.service_id
    order by s.name nulls last, ids.service_id`.execute(db);
  return rows;
}

/** Every specialty by code, for the specialty filter and the names in the tables. */
export function specialtyNames(db: Executor) {
  return db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute();
}
