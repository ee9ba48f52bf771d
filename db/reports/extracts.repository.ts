import { sql } from 'kysely';
import type { DateRange } from '../../domain/reports/date-range';
import type { ReportScope } from '../../domain/reports/scope';
import { END_STATES } from '../../domain/states';
import type { Executor } from '../executor';
import { addDays } from '../../domain/reports/date-range';
import { londonMidnight, referralInScope, serviceInScope } from './scope';

/** One extract row, keyed by its CSV column names. */
export type ExtractRow = Record<string, unknown>;

/** Rows per query. Large enough that round trips and planning cost little, small enough that a batch is a few MB. */
export const EXTRACT_BATCH = 5_000;

/**
 * Keyset paging: each batch is one query that starts after the last row of the one before, so
 * the server holds one batch at a time and every query is an index range scan. Works the same
 * on PostgreSQL and on embedded PGlite (which has no cursors through Kysely), and no query or
 * transaction stays open while the client is slow to read.
 */
async function* inBatches<Row extends ExtractRow, Key>(
  fetch: (after: Key | undefined, limit: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  batch: number,
): AsyncGenerator<Row[]> {
  let after: Key | undefined;
  for (;;) {
    const rows = await fetch(after, batch);
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

type ActionRow = ExtractRow & { cursor_at: string; ubrn: string; version: number };

/**
 * Every timeline row, in `range`, of every referral the scope relates to, oldest first. A
 * provider also keeps the referrals it acted on before a redirect took them to another provider.
 */
export function actionRows(db: Executor, scope: ReportScope, range: DateRange, batch = EXTRACT_BATCH) {
  const from = londonMidnight(range.from);
  const to = londonMidnight(addDays(range.to, 1));
  const related =
    scope.side === 'provider'
      ? sql`(${referralInScope(scope)} or exists (select 1 from referral_timeline a where a.ubrn = t.ubrn and a.actor_org = ${scope.orgCode}))`
      : referralInScope(scope);
  return inBatches<ActionRow, ActionRow>(
    async (after, limit) => {
      // The cursor is the timestamp as PostgreSQL prints it: a JavaScript Date would drop microseconds.
      const keyset = after
        ? sql`and (t.at, t.ubrn, t.version) > (${after.cursor_at}::timestamptz, ${after.ubrn}, ${after.version})`
        : sql``;
      const { rows } = await sql<ActionRow>`
        select t.at::text as cursor_at, t.ubrn, t.version, t.type as action, t.at, t.actor_name, t.actor_role,
          t.actor_org, t.from_state, t.to_state, t.reason_code, t.outcome, t.summary, r.priority, r.specialty,
          r.referrer_org_code as referrer_org, r.provider_org_code as provider_org, r.service_id, r.service_name
        from referral_timeline t
        join referrals r on r.ubrn = t.ubrn
        where t.at >= ${from} and t.at < ${to} ${keyset} and ${related}
        order by t.at, t.ubrn, t.version
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => row,
    batch,
  );
}

const OPEN = sql.join([...END_STATES].map((state) => sql`${state}`));

/** The scope's referrals that are neither cancelled nor expired, by UBRN. */
export function activeReferralRows(db: Executor, scope: ReportScope, batch = EXTRACT_BATCH) {
  return inBatches<ExtractRow & { ubrn: string }, string>(
    async (after, limit) => {
      const { rows } = await sql<ExtractRow & { ubrn: string }>`
        select r.ubrn, r.state, r.priority, r.specialty, r.clinic_type, r.referrer_org_code as referrer_org,
          r.provider_org_code as provider_org, r.service_id, r.service_name, r.created_at, r.updated_at,
          to_char(r.contact_by, 'YYYY-MM-DD') as contact_by, r.breached as contact_target_breached,
          r.appointment_start, r.letter_status
        from referrals r
        where ${referralInScope(scope)} and r.state not in (${OPEN}) ${after ? sql`and r.ubrn > ${after}` : sql``}
        order by r.ubrn
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => row.ubrn,
    batch,
  );
}

/** The scope's referrals deferred to the provider now, with when they were deferred. */
export function slotIssueRows(db: Executor, scope: ReportScope, batch = EXTRACT_BATCH) {
  return inBatches<ExtractRow & { ubrn: string }, string>(
    async (after, limit) => {
      const { rows } = await sql<ExtractRow & { ubrn: string }>`
        select r.ubrn, r.priority, r.specialty, r.service_id, r.service_name, r.provider_org_code as provider_org,
          r.referrer_org_code as referrer_org,
          -- When it last entered the state: a breach or a letter added while deferred leaves it there.
          (select max(d.at) from referral_timeline d
            where d.ubrn = r.ubrn and d.to_state = 'DEFERRED_TO_PROVIDER'
              and d.from_state is distinct from 'DEFERRED_TO_PROVIDER') as deferred_at,
          to_char(r.contact_by, 'YYYY-MM-DD') as contact_by, r.breached as contact_target_breached
        from referrals r
        where ${referralInScope(scope)} and r.state = 'DEFERRED_TO_PROVIDER' ${after ? sql`and r.ubrn > ${after}` : sql``}
        order by r.ubrn
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => row.ubrn,
    batch,
  );
}

/** Services per batch for the slots extract: each gives a row per day of the range that has slots. */
const SERVICES_PER_BATCH = 50;

/** Slots per service in scope and day (Europe/London) of the range: published, free, booked and cancelled. */
export async function* slotCapacityRows(
  db: Executor,
  scope: ReportScope,
  range: DateRange,
): AsyncGenerator<ExtractRow[]> {
  const from = londonMidnight(range.from);
  const to = londonMidnight(addDays(range.to, 1));
  const services = inBatches<ExtractRow & { id: number }, number>(
    async (after, limit) => {
      const { rows } = await sql<ExtractRow & { id: number }>`
        select s.id from services s
        where ${serviceInScope(scope)} ${after === undefined ? sql`` : sql`and s.id > ${after}`}
        order by s.id
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => row.id,
    SERVICES_PER_BATCH,
  );
  for await (const batch of services) {
    const ids = batch.map((s) => s.id);
    const { rows } = await sql<ExtractRow>`
      select s.id::text as service_id, s.name as service_name, s.provider_org_code as provider_org,
        s.specialty_code as specialty, to_char(sl.start_at at time zone 'Europe/London', 'YYYY-MM-DD') as day,
        count(*)::int as slots,
        count(*) filter (where sl.status = 'free')::int as free,
        count(*) filter (where sl.status = 'booked')::int as booked,
        count(*) filter (where sl.status = 'cancelled')::int as cancelled,
        round(100.0 * count(*) filter (where sl.status = 'booked') / nullif(count(*) filter (where sl.status <> 'cancelled'), 0), 1)::float8 as booked_percent
      from slots sl
      join services s on s.id = sl.service_id
      where sl.service_id in (${sql.join(ids)}) and sl.start_at >= ${from} and sl.start_at < ${to}
      group by s.id, s.name, s.provider_org_code, s.specialty_code, 5
      order by s.id, day`.execute(db);
    if (rows.length > 0) yield rows;
  }
}

/** Who holds which role in the organisation. */
export function userRoleRows(db: Executor, orgCode: string, batch = EXTRACT_BATCH) {
  type Row = ExtractRow & { username: string; role: string };
  return inBatches<Row, Row>(
    async (after, limit) => {
      const { rows } = await sql<Row>`
        select u.username, u.display_name, ra.role, u.created_at as account_created_at,
          (u.locked_at is not null and (u.locked_until is null or u.locked_until > now())) as locked
        from role_assignments ra
        join users u on u.id = ra.user_id
        where ra.org_code = ${orgCode} ${after ? sql`and (u.username, ra.role) > (${after.username}, ${after.role})` : sql``}
        order by u.username, ra.role
        limit ${limit}`.execute(db);
      return rows;
    },
    (row) => row,
    batch,
  );
}
