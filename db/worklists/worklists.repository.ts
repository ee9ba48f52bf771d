import type { Executor } from '../executor';
import { sql } from 'kysely';
import { type Priority, priorityRank } from '../../domain/priorities';
import type { ReferralState } from '../../domain/states';
import {
  WORKLISTS,
  WORKLIST_COUNT_CAP,
  type WorklistKey,
  type WorklistSide,
  worklistsOf,
} from '../../domain/worklists';
import { type Cursor, type WorklistFilters, encodeCursor } from './worklist.schema';
import { ORDER_COLUMNS, OWNER_COLUMN, onWorklist } from './worklist-membership';

/** One line of a worklist: what staff need to pick the next referral, no clinical text. */
export type WorklistRow = {
  ubrn: string;
  version: number;
  state: ReferralState;
  priority: Priority;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  serviceName: string | null;
  specialty: string;
  contactBy: string | null;
  breached: boolean;
  appointmentStart: Date | null;
  createdAt: Date;
};

export type WorklistOwner = { orgCode: string; userId: string };

function base(db: Executor, key: WorklistKey, owner: WorklistOwner, filters: WorklistFilters) {
  const side = WORKLISTS[key].side;
  let query = db.selectFrom('referrals').where(OWNER_COLUMN[side], '=', owner.orgCode).where(onWorklist(key));
  if (filters.serviceId) query = query.where('service_id', '=', filters.serviceId);
  if (filters.specialty) query = query.where('specialty', '=', filters.specialty);
  // By rank, not name: the rank is the index's second column, so a priority filter is a seek.
  if (filters.priority) query = query.where('priority_rank', '=', priorityRank(filters.priority));
  if (filters.mine && side === 'referrer') query = query.where('referring_clinician_id', '=', owner.userId);
  if (filters.clinician) {
    const like = `%${filters.clinician.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Providers look for the clinician holding the appointment; referrers for the referring one.
    query =
      side === 'provider'
        ? query.where(sql<boolean>`exists (select 1 from slots s where s.ubrn = referrals.ubrn and s.status = 'booked'
            and s.clinician ilike ${like})`)
        : query.where(sql<boolean>`(snapshot->'referrer'->>'clinicianName') ilike ${like}`);
  }
  return query;
}

/**
 * A page of a worklist, most urgent first, then oldest first. Keyset paging: `filters.after`
 * is the last row of the previous page, so page 500 costs what page 1 does.
 */
export async function worklistPage(
  db: Executor,
  key: WorklistKey,
  owner: WorklistOwner,
  filters: WorklistFilters,
  limit = 25,
): Promise<{ rows: WorklistRow[]; next: string | undefined }> {
  let query = base(db, key, owner, filters);
  const after: Cursor | undefined = filters.after;
  // The cursor holds the order columns' values, in their order.
  if (after) {
    query = query.where(
      sql<boolean>`(priority_rank, created_at, ubrn) > (${after.rank}, ${after.createdAt}::timestamptz, ${after.ubrn})`,
    );
  }
  for (const column of ORDER_COLUMNS) query = query.orderBy(column);
  const found = await query
    .select([
      'ubrn',
      'version',
      'state',
      'priority',
      'priority_rank',
      'given_name',
      'family_name',
      'nhs_number',
      'service_name',
      'specialty',
      'breached',
      'appointment_start',
      'created_at',
      // Calendar dates as text: pg turns a `date` into a Date at local midnight, which shifts with the zone.
      sql<string>`date_of_birth::text`.as('date_of_birth'),
      sql<string | null>`contact_by::text`.as('contact_by'),
    ])
    .limit(limit + 1)
    .execute();
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      ubrn: r.ubrn,
      version: r.version,
      state: r.state as ReferralState,
      priority: r.priority as Priority,
      givenName: r.given_name,
      familyName: r.family_name,
      nhsNumber: r.nhs_number,
      dateOfBirth: r.date_of_birth,
      serviceName: r.service_name,
      specialty: r.specialty,
      contactBy: r.contact_by,
      breached: r.breached,
      appointmentStart: r.appointment_start,
      createdAt: r.created_at,
    })),
    next:
      found.length > limit && last
        ? encodeCursor({ rank: last.priority_rank, createdAt: last.created_at.toISOString(), ubrn: last.ubrn })
        : undefined,
  };
}

/**
 * How many referrals each of a side's worklists holds (at most WORKLIST_COUNT_CAP), for the tiles.
 * Counting a list of a hundred thousand costs its length; counting to the cap costs a page.
 */
export async function worklistCounts(
  db: Executor,
  side: WorklistSide,
  owner: WorklistOwner,
  filters: WorklistFilters = {},
): Promise<Record<WorklistKey, number>> {
  const counts = {} as Record<WorklistKey, number>;
  await Promise.all(
    worklistsOf(side).map(async (key) => {
      const capped = base(db, key, owner, filters).select('ubrn').limit(WORKLIST_COUNT_CAP);
      const row = await db
        .selectFrom(capped.as('capped'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      counts[key] = Number(row.n);
    }),
  );
  return counts;
}

/**
 * The referral after `ubrn` on the same worklist ("Accept, review next"). Undefined at the end
 * of the list. The current referral may have left the list already (it was just accepted), so
 * the position comes from its read row, not from membership.
 */
export async function nextOnWorklist(
  db: Executor,
  key: WorklistKey,
  owner: WorklistOwner,
  ubrn: string,
): Promise<string | undefined> {
  const current = await db
    .selectFrom('referrals')
    .select(['priority_rank', 'created_at'])
    .where('ubrn', '=', ubrn)
    .executeTakeFirst();
  if (!current) return undefined;
  const { rows } = await worklistPage(
    db,
    key,
    owner,
    { after: { rank: current.priority_rank, createdAt: current.created_at.toISOString(), ubrn } },
    1,
  );
  return rows[0]?.ubrn;
}
