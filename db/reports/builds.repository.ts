import { sql } from 'kysely';
import type { Executor } from '../executor';
import type { ReportTables } from './reports.table';

/** Extract builds (decision record 0012, "Progress"): progress rows and the CSV as gzip pieces. */
const tables = (db: Executor) => db.withTables<ReportTables>();

export type NewBuild = {
  id: string;
  userId: string;
  orgCode: string;
  kind: string;
  rangeFrom: string | null;
  rangeTo: string | null;
  filename: string;
  /** Until the build reports it is ready: the limit for one that never finishes. */
  expiresAt: Date;
};

export async function insertBuild(db: Executor, build: NewBuild): Promise<void> {
  await tables(db)
    .insertInto('report_extract_builds')
    .values({
      id: build.id,
      user_id: build.userId,
      org_code: build.orgCode,
      kind: build.kind,
      range_from: build.rangeFrom,
      range_to: build.rangeTo,
      filename: build.filename,
      status: 'building',
      expires_at: build.expiresAt,
    })
    .execute();
}

/** Stores the next piece of the file and the rows counted so far; the heartbeat that says the build is alive. */
export async function appendBuildPiece(
  db: Executor,
  id: string,
  seq: number,
  data: Buffer,
  rows: number,
): Promise<void> {
  await tables(db).insertInto('report_extract_chunks').values({ build_id: id, seq, data }).execute();
  await tables(db)
    .updateTable('report_extract_builds')
    .set((eb) => ({ rows, bytes: eb('bytes', '+', data.length), heartbeat_at: new Date() }))
    .where('id', '=', id)
    .execute();
}

export async function finishBuild(
  db: Executor,
  id: string,
  outcome: { status: 'ready' | 'failed'; rows: number; expiresAt: Date },
): Promise<void> {
  await tables(db)
    .updateTable('report_extract_builds')
    .set({ status: outcome.status, rows: outcome.rows, finished_at: new Date(), expires_at: outcome.expiresAt })
    .where('id', '=', id)
    .execute();
}

/** A build, only for the user who asked for it in the organisation they asked in. */
export function buildOf(db: Executor, id: string, userId: string, orgCode: string) {
  return tables(db)
    .selectFrom('report_extract_builds')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('org_code', '=', orgCode)
    .executeTakeFirst();
}

/** The file's pieces in order, a few at a time, so a large file never sits in memory. */
export async function* buildPieces(db: Executor, id: string, perQuery = 8): AsyncGenerator<Buffer> {
  for (let after = -1; ; ) {
    const rows = await tables(db)
      .selectFrom('report_extract_chunks')
      .select(['seq', 'data'])
      .where('build_id', '=', id)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(perQuery)
      .execute();
    for (const row of rows) yield row.data;
    if (rows.length < perQuery) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * The retention clean-up: deletes every build (and its file) past its limit at `now`, and those
 * still "building" whose heartbeat stopped before `staleBefore`. Returns how many went.
 */
export async function purgeBuilds(db: Executor, now: Date, staleBefore: Date): Promise<number> {
  const result = await tables(db)
    .deleteFrom('report_extract_builds')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        eb.and([eb('status', '=', 'building'), eb('heartbeat_at', '<', staleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Builds by this user still building now (one at a time each). */
export async function buildingCount(db: Executor, userId: string, aliveAfter: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from report_extract_builds
    where user_id = ${userId} and status = 'building' and heartbeat_at > ${aliveAfter}`.execute(db);
  return rows[0]!.n;
}

/** The rows counted so far, without a new piece of the file: the heartbeat between pieces. */
export async function recordBuildProgress(db: Executor, id: string, rows: number): Promise<void> {
  await tables(db)
    .updateTable('report_extract_builds')
    .set({ rows, heartbeat_at: new Date() })
    .where('id', '=', id)
    .execute();
}
