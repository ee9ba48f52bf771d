import { sql, type Kysely } from 'kysely';

/**
 * Decision record 0015: two referrer worklists move to e-RS's definitions (A008).
 * - Awaiting Booking also lists referrals awaiting triage, deferred to the provider, or whose
 *   booking the provider cancelled.
 * - Assessment Returned / Cancelled / DNA lists a cancelled referral only when someone outside
 *   the referring organisation cancelled it: the read row's snapshot now says who
 *   (`cancelledByOrgCode`), and rows cancelled before are filled in from their timeline.
 *
 * A snapshot, like 20261123_1600_worklists: `worklist-indexes.test.ts` compares these
 * predicates with what `domain/worklists.ts` describes.
 */
const BEFORE = {
  worklist_referrer_awaiting_booking: `(state in ('NOT_BOOKED', 'APPT_CANCELLED_BY_PATIENT'))`,
  worklist_referrer_returned: `(state = 'CANCELLED_REFERRAL' or (state = 'DID_NOT_ATTEND' and (snapshot->'lastReason'->>'code') = 'RETURN_TO_REFERRER'))`,
};
const AFTER = {
  worklist_referrer_awaiting_booking: `(state in ('NOT_BOOKED', 'AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER', 'APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER'))`,
  worklist_referrer_returned: `((state = 'CANCELLED_REFERRAL' and (snapshot->>'cancelledByOrgCode') <> referrer_org_code) or (state = 'DID_NOT_ATTEND' and (snapshot->'lastReason'->>'code') = 'RETURN_TO_REFERRER'))`,
};

async function rebuild(db: Kysely<any>, indexes: Record<string, string>): Promise<void> {
  for (const [name, where] of Object.entries(indexes)) {
    await sql`drop index ${sql.id(name)}`.execute(db);
    await sql`create index ${sql.id(name)} on referrals (referrer_org_code, priority_rank, created_at, ubrn) where ${sql.raw(where)}`.execute(
      db,
    );
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // Who cancelled: the organisation of the timeline's CANCEL_REFERRAL entry. The projection
  // writes the field from now on; a later, newer version of the row carries it from the workflow.
  await sql`update referrals r set snapshot = jsonb_set(r.snapshot, '{cancelledByOrgCode}', to_jsonb(t.actor_org))
    from referral_timeline t
    where r.state = 'CANCELLED_REFERRAL' and t.ubrn = r.ubrn and t.type = 'CANCEL_REFERRAL'
      and t.actor_org is not null and r.snapshot->>'cancelledByOrgCode' is null`.execute(db);
  await rebuild(db, AFTER);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rebuild(db, BEFORE);
}
