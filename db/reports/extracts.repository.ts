import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../database';
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

/** Rows per FETCH from a server-side cursor: a few MB of rows in hand, and few round trips. */
export const CURSOR_BATCH = 10_000;

let cursors = 0;

/**
 * One query read through a server-side cursor (`DECLARE ... CURSOR` then `FETCH`), in its own
 * read-only transaction on one connection, which it holds until the last row is read or the
 * reader stops (the generator's `finally` ends the transaction, which closes the cursor). Plain
 * SQL, so it works the same on PostgreSQL and embedded PGlite. PostgreSQL plans the query once
 * for all its rows (`cursor_tuple_fraction = 1`): for a large extract that is a hash join and
 * one sort rather than a nested loop per batch (decision record 0012, "Extract speed").
 */
export async function* cursorBatches<Row extends ExtractRow>(
  db: Executor,
  query: RawBuilder<Row>,
  batch = CURSOR_BATCH,
): AsyncGenerator<Row[]> {
  const name = sql.id(`report_extract_${++cursors}`);
  const owned = db.isTransaction ? undefined : await (db as Kysely<Database>).startTransaction().execute();
  const trx: Executor = owned ?? db;
  let ended = false;
  try {
    if (owned) {
      await sql`set transaction read only`.execute(trx);
      await sql`set local cursor_tuple_fraction = 1`.execute(trx);
      // The one sort of a large extract: in fewer, larger runs (a per-operation limit, one extract at a time).
      await sql`set local work_mem = '64MB'`.execute(trx);
    }
    await sql`declare ${name} no scroll cursor for ${query}`.execute(trx);
    for (;;) {
      const { rows } = await sql<Row>`fetch forward ${sql.raw(String(batch))} from ${name}`.execute(trx);
      if (rows.length > 0) yield rows;
      if (rows.length < batch) break;
    }
    ended = true;
  } finally {
    if (owned) await (ended ? owned.commit() : owned.rollback()).execute();
    else await sql`close ${name}`.execute(trx);
  }
}

/**
 * Every timeline row, in `range`, of every referral the scope relates to, oldest first. A
 * provider also keeps the referrals it acted on before a redirect took them to another provider.
 * One query through a cursor; `at` comes as ISO 8601 text in UTC (what a Date would print), so no
 * row needs a Date made and printed again.
 */
export function actionRows(db: Executor, scope: ReportScope, range: DateRange, batch = CURSOR_BATCH) {
  const from = londonMidnight(range.from);
  const to = londonMidnight(addDays(range.to, 1));
  const related =
    scope.side === 'provider'
      ? sql`(${referralInScope(scope)} or exists (select 1 from referral_timeline a where a.ubrn = t.ubrn and a.actor_org = ${scope.orgCode}))`
      : referralInScope(scope);
  return cursorBatches(
    db,
    sql<ExtractRow>`
      select t.ubrn, t.version, t.type as action,
        to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, t.actor_name, t.actor_role,
        t.actor_org, t.from_state, t.to_state, t.reason_code, t.outcome, t.summary, r.priority, r.specialty,
        r.referrer_org_code as referrer_org, r.provider_org_code as provider_org, r.service_id, r.service_name
      from referral_timeline t
      join referrals r on r.ubrn = t.ubrn
      where t.at >= ${from} and t.at < ${to} and ${related}
      order by t.at, t.ubrn, t.version`,
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

/**
 * The Advice and Guidance requests the scope relates to, made in `range`, as they stand now:
 * codes, states and dates only (no messages, no patient), oldest first.
 */
export function adviceRequestRows(db: Executor, scope: ReportScope, range: DateRange, batch = CURSOR_BATCH) {
  const from = londonMidnight(range.from);
  const to = londonMidnight(addDays(range.to, 1));
  return cursorBatches(
    db,
    sql<ExtractRow>`
      select a.ubrn, a.state, a.specialty, a.service_id, a.service_name, a.provider_org_code as provider_org,
        a.referrer_org_code as referrer_org, a.created_at as requested_at,
        to_char(a.response_due, 'YYYY-MM-DD') as response_due,
        (select min(e.at) from advice_entries e
          where e.ubrn = a.ubrn and e.type in ('RESPOND', 'REQUEST_INFO')) as first_response_at,
        a.outcome, a.state = 'CONVERTED' as converted, a.updated_at
      from advice_requests a
      where ${referralInScope(scope, 'a')} and a.created_at >= ${from} and a.created_at < ${to}
      order by a.created_at, a.ubrn`,
    batch,
  );
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
