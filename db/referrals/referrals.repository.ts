import type { Executor } from '../executor';
import { sql, type Kysely } from 'kysely';
import { ubrnOfSequence } from '../../domain/ids';
import { priorityRank } from '../../domain/priorities';
import type { Referral } from '../../domain/referral';
import type { TimelineEvent } from '../../domain/timeline';
import type { Database } from '../database';
import type { NewReferralRow, ReferralRow, TimelineRow } from './referrals.table';

/**
 * The next UBRN: the sequence's next number, permuted so that UBRNs issued one after another
 * are not neighbours (guessing one from another finds nothing). Never reused, even when the
 * referral is never created.
 */
export async function nextUbrn(db: Executor): Promise<string> {
  const { rows } = await sql<{ n: string | number }>`select nextval('ubrn_seq') as n`.execute(db);
  return ubrnOfSequence(BigInt(rows[0]!.n));
}

/**
 * The UBRN for one create request: the first call with an idempotency key allocates it, later
 * calls with the same key (a resubmitted form, a retry) get the same one back.
 */
export async function ubrnForRequest(db: Kysely<Database>, idempotencyKey: string): Promise<string> {
  const existing = await findRequest(db, idempotencyKey);
  if (existing) return existing;
  const ubrn = await nextUbrn(db);
  await db
    .insertInto('referral_requests')
    .values({ idempotency_key: idempotencyKey, ubrn })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  // A concurrent submit with the same key may have won: its UBRN is the one, ours is spent.
  return (await findRequest(db, idempotencyKey))!;
}

async function findRequest(db: Executor, idempotencyKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('referral_requests')
    .select('ubrn')
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row?.ubrn;
}

/** The read row for a referral, as the worklists see it. */
export function readRow(referral: Referral): NewReferralRow {
  return {
    ubrn: referral.ubrn,
    version: referral.version,
    state: referral.state,
    priority: referral.priority,
    priority_rank: priorityRank(referral.priority),
    service_id: referral.service?.serviceId ?? null,
    service_name: referral.service?.name ?? null,
    provider_org_code: referral.service?.providerOrgCode ?? null,
    referrer_org_code: referral.referrer.orgCode,
    referring_clinician_id: referral.referrer.clinicianUserId,
    specialty: referral.specialty,
    clinic_type: referral.clinicType ?? null,
    contact_by: referral.contactBy ?? null,
    breached: referral.breached,
    letter_status: referral.letter.status,
    appointment_start: referral.appointment?.start ?? null,
    expired: referral.state === 'EXPIRED',
    nhs_number: referral.patient.nhsNumber,
    given_name: referral.patient.givenName,
    family_name: referral.patient.familyName,
    date_of_birth: referral.patient.dateOfBirth,
    created_at: referral.createdAt,
    updated_at: referral.updatedAt,
    snapshot: JSON.stringify(referral) as never,
  };
}

/**
 * Writes the read row unless a newer (or the same) version is already there: retries and
 * out-of-order deliveries cannot move a referral backwards.
 */
export async function upsertReferralRow(db: Executor, referral: Referral): Promise<void> {
  const row = readRow(referral);
  const { ubrn: _key, ...changes } = row;
  await db
    .insertInto('referrals')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('ubrn')
        .doUpdateSet(changes)
        .where('referrals.version', '<', (eb) => eb.ref('excluded.version')),
    )
    .execute();
}

/** Appends a timeline row; false when that (ubrn, version) was already there (a retry). */
export async function appendTimeline(db: Executor, ubrn: string, event: TimelineEvent): Promise<boolean> {
  const inserted = await db
    .insertInto('referral_timeline')
    .values({
      ubrn,
      version: event.version,
      type: event.type,
      at: event.at,
      actor_user_id: event.actor?.userId ?? null,
      actor_name: event.actor?.displayName ?? null,
      actor_role: event.actor?.role ?? null,
      actor_org: event.actor?.orgCode ?? null,
      from_state: event.fromState,
      to_state: event.toState,
      reason_code: event.reason?.code ?? null,
      reason_comment: event.reason?.comment ?? null,
      outcome: event.outcome ?? null,
      summary: event.summary,
    })
    .onConflict((oc) => oc.columns(['ubrn', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function getReferralRow(db: Executor, ubrn: string): Promise<ReferralRow | undefined> {
  return db.selectFrom('referrals').selectAll().where('ubrn', '=', ubrn).executeTakeFirst();
}

/** A referral's timeline, oldest first. */
export function getTimeline(db: Executor, ubrn: string): Promise<TimelineRow[]> {
  return db.selectFrom('referral_timeline').selectAll().where('ubrn', '=', ubrn).orderBy('version').execute();
}
