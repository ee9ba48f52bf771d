import { sql } from 'kysely';
import type { FindQuery } from '../../domain/find/search';
import type { Priority } from '../../domain/priorities';
import type { Referral } from '../../domain/referral';
import type { ReferralState } from '../../domain/states';
import { END_STATES } from '../../domain/states';
import type { Executor } from '../executor';

/** Whose referrals a look-up may return: the read row's organisation column for the actor's side, and its code. */
export type ReferralScope = { column: 'referrer_org_code' | 'provider_org_code'; orgCode: string };

/** One referral found: what a result line shows, and the snapshot the service checks the relationship on. */
export type FoundReferral = {
  ubrn: string;
  state: ReferralState;
  priority: Priority;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  serviceName: string | null;
  specialty: string;
  appointmentStart: Date | null;
  createdAt: Date;
  updatedAt: Date;
  snapshot: Referral;
};

/** Where the previous page of an organisation's referrals ended. */
export type RecentCursor = { updatedAt: string; ubrn: string };

function scoped(db: Executor, scope: ReferralScope) {
  return db
    .selectFrom('referrals')
    .where(scope.column, '=', scope.orgCode)
    .select([
      'ubrn',
      'state',
      'priority',
      'given_name',
      'family_name',
      'nhs_number',
      'service_name',
      'specialty',
      'appointment_start',
      'created_at',
      'updated_at',
      'snapshot',
      // Calendar dates as text: pg turns a `date` into a Date at local midnight, which shifts with the zone.
      sql<string>`date_of_birth::text`.as('date_of_birth'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof scoped>['execute']>>[number];

const found = (r: Row): FoundReferral => ({
  ubrn: r.ubrn,
  state: r.state as ReferralState,
  priority: r.priority as Priority,
  givenName: r.given_name,
  familyName: r.family_name,
  nhsNumber: r.nhs_number,
  dateOfBirth: r.date_of_birth,
  serviceName: r.service_name,
  specialty: r.specialty,
  appointmentStart: r.appointment_start,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  snapshot: r.snapshot,
});

/**
 * The scope's referrals matching the query, most recently changed first. Each kind is an index
 * seek: the primary key, `referrals_nhs_number`, or `referrals_patient_name` (lower(family_name),
 * date_of_birth), which is why the surname is compared lower-cased and whole.
 */
export async function findReferrals(
  db: Executor,
  scope: ReferralScope,
  query: FindQuery,
  limit: number,
): Promise<FoundReferral[]> {
  let q = scoped(db, scope);
  if (query.kind === 'ubrn') q = q.where('ubrn', '=', query.ubrn);
  else if (query.kind === 'nhsNumber') q = q.where('nhs_number', '=', query.nhsNumber);
  else {
    q = q
      .where(sql<string>`lower(family_name)`, '=', query.familyName.toLowerCase())
      .where(sql<boolean>`date_of_birth = ${query.dateOfBirth}::date`);
  }
  const rows = await q.orderBy('updated_at', 'desc').orderBy('ubrn', 'desc').limit(limit).execute();
  return rows.map(found);
}

/**
 * A page of one referring organisation's referrals that are still open or changed since
 * `since`, most recently changed first (`referrals_referrer_recent`). Keyset paging on
 * (updated_at, ubrn): `next` is where the following page starts.
 */
export async function recentReferrerReferrals(
  db: Executor,
  orgCode: string,
  options: { since: Date; after?: RecentCursor | undefined; limit: number },
): Promise<{ rows: FoundReferral[]; next: RecentCursor | undefined }> {
  let q = scoped(db, { column: 'referrer_org_code', orgCode }).where((eb) =>
    eb.or([eb('state', 'not in', [...END_STATES]), eb('updated_at', '>=', options.since)]),
  );
  if (options.after) {
    q = q.where(sql<boolean>`(updated_at, ubrn) < (${options.after.updatedAt}::timestamptz, ${options.after.ubrn})`);
  }
  const rows = await q
    .orderBy('updated_at', 'desc')
    .orderBy('ubrn', 'desc')
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit).map(found);
  const last = page.at(-1);
  return {
    rows: page,
    next:
      rows.length > options.limit && last ? { updatedAt: last.updatedAt.toISOString(), ubrn: last.ubrn } : undefined,
  };
}
