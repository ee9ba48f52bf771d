import { sql, type Kysely } from 'kysely';

/**
 * One partial index per worklist, ordered the way the list is read (most urgent first, oldest
 * first, UBRN to break ties for keyset paging), so a page of any worklist is an index range
 * scan that stops after one page, however many referrals the read table holds.
 *
 * A snapshot of the worklist definitions as they stood (`domain/worklists.ts` holds them now,
 * and `db/worklists/` generates its queries from there): the planner only uses a partial index
 * when the query's condition matches its predicate, and `worklist-indexes.test.ts` fails when the
 * two part. Changing a worklist therefore means a new migration with new indexes, never an edit here.
 */
const WORKLIST_INDEXES: Record<string, { owner: string; where: string }> = {
  worklist_provider_review: {
    owner: 'provider_org_code',
    where: `(state = 'AWAITING_TRIAGE' or (state = 'BOOKED' and (snapshot->>'acceptedAt') is null))`,
  },
  worklist_provider_slot_issues: { owner: 'provider_org_code', where: `(state = 'DEFERRED_TO_PROVIDER')` },
  worklist_provider_for_booking: {
    owner: 'provider_org_code',
    where: `(state in ('TRIAGED_PROVIDER_TO_ACTION', 'APPT_CANCELLED_BY_PROVIDER') or (state = 'DID_NOT_ATTEND' and (snapshot->'lastReason'->>'code') = 'REBOOK') or (state = 'BOOKED' and appointment_start is null))`,
  },
  worklist_referrer_awaiting_booking: {
    owner: 'referrer_org_code',
    where: `(state in ('NOT_BOOKED', 'APPT_CANCELLED_BY_PATIENT'))`,
  },
  worklist_referrer_rejected_triage: {
    owner: 'referrer_org_code',
    where: `(state in ('REJECTED', 'TRIAGE_RESPONSE'))`,
  },
  worklist_referrer_returned: {
    owner: 'referrer_org_code',
    where: `(state = 'CANCELLED_REFERRAL' or (state = 'DID_NOT_ATTEND' and (snapshot->'lastReason'->>'code') = 'RETURN_TO_REFERRER'))`,
  },
  worklist_referrer_letters: {
    owner: 'referrer_org_code',
    where: `(letter_status = 'TO_FOLLOW' and state not in ('CANCELLED_REFERRAL', 'EXPIRED'))`,
  },
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, { owner, where }] of Object.entries(WORKLIST_INDEXES)) {
    await sql`create index ${sql.id(name)} on referrals (${sql.id(owner)}, priority_rank, created_at, ubrn) where ${sql.raw(where)}`.execute(
      db,
    );
  }
  // The notifications tab: an organisation's notices, newest first.
  await sql`create index notifications_recipient_org on notifications (recipient_org_code, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index notifications_recipient_org`.execute(db);
  for (const name of Object.keys(WORKLIST_INDEXES)) await sql`drop index ${sql.id(name)}`.execute(db);
}
