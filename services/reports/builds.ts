import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import {
  BUILD_STALE_AFTER_MS,
  type BuildState,
  EXTRACT_RETENTION_HOURS,
  buildState,
  retainedUntil,
} from '../../domain/reports/builds';
import type { DateRange } from '../../domain/reports/date-range';
import { EXTRACTS, type ExtractKind, isExtractKind } from '../../domain/reports/extracts';
import type { ReportScope } from '../../domain/reports/scope';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import {
  appendBuildPiece,
  buildOf,
  buildPieces,
  buildingCount,
  finishBuild,
  insertBuild,
  recordBuildProgress,
} from '../../db/reports/builds.repository';
import { extractFilename, streamExtract } from './extracts';

/** Bytes of gzip per stored piece of a built file. */
const PIECE_BYTES = 256 * 1024;
/** At most one progress write a second between pieces. */
const PROGRESS_EVERY_MS = 1_000;

/** A background build as its page shows it. */
export type ExtractBuild = {
  id: string;
  kind: ExtractKind;
  title: string;
  range: DateRange | undefined;
  state: BuildState;
  rows: number;
  /** Size of the stored (gzip) file. */
  bytes: number;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date;
};

/**
 * Starts building an extract in the background and returns its id at once: the rows are read
 * and written to gzip pieces in the database by this process, which reports the rows done so far
 * (the page polls them) and marks it ready, to be downloaded until the retention limit. Audited
 * as any extract (`report.extract_started`/`_finished`); each download of the file is audited too.
 * `done` settles when the build has ended either way (tests wait on it; the web does not).
 */
export async function startBuild(
  db: Executor,
  actor: Actor,
  scope: ReportScope,
  kind: ExtractKind,
  range: DateRange | undefined,
): Promise<{ id: string; done: Promise<void> }> {
  if ((await buildingCount(db, actor.userId, new Date(Date.now() - BUILD_STALE_AFTER_MS))) > 0) {
    throw CarepathError.forField(
      'INVALID_REQUEST_STATE',
      'Wait for your extract that is being prepared to finish before asking for another',
      'fromMonth',
    );
  }
  const id = randomUUID();
  let lastReport = 0;
  const tally = { rows: 0 };
  const download = await streamExtract(db, actor, scope, kind, range, async (rows) => {
    tally.rows = rows;
    if (Date.now() - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = Date.now();
    await recordBuildProgress(db, id, rows);
  });
  await insertBuild(db, {
    id,
    userId: actor.userId,
    orgCode: actor.orgCode,
    kind,
    rangeFrom: range?.from ?? null,
    rangeTo: range?.to ?? null,
    filename: extractFilename(actor, kind, range),
    expiresAt: retainedUntil(new Date()),
  });
  const done = build(db, id, download.body, tally).catch((error: unknown) => {
    // No personal data in the log: which build, and the error's name.
    console.error(`Extract build ${id} failed: ${error instanceof Error ? error.name : 'error'}`);
  });
  return { id, done };
}

async function build(db: Executor, id: string, body: AsyncIterable<string>, tally: { rows: number }): Promise<void> {
  try {
    const gzip = createGzip({ level: 1 });
    const out: Buffer[] = [];
    let outBytes = 0;
    gzip.on('data', (chunk: Buffer) => {
      out.push(chunk);
      outBytes += chunk.length;
    });
    let seq = 0;
    const store = async () => {
      const data = Buffer.concat(out);
      out.length = 0;
      outBytes = 0;
      await appendBuildPiece(db, id, seq++, data, tally.rows);
    };
    for await (const piece of body) {
      if (!gzip.write(piece)) await once(gzip, 'drain');
      if (outBytes >= PIECE_BYTES) await store();
    }
    const ended = once(gzip, 'end');
    gzip.end();
    await ended;
    if (outBytes > 0 || seq === 0) await store();
    await finishBuild(db, id, { status: 'ready', rows: tally.rows, expiresAt: retainedUntil(new Date()) });
  } catch (error) {
    await finishBuild(db, id, { status: 'failed', rows: tally.rows, expiresAt: retainedUntil(new Date()) });
    throw error;
  }
}

/** The actor's own build, as it stands now; NOT_FOUND for anyone else's (or none). */
export async function buildStatus(db: Executor, actor: Actor, id: string): Promise<ExtractBuild> {
  const row = await buildOf(db, id, actor.userId, actor.orgCode);
  if (!row || !isExtractKind(row.kind)) throw new CarepathError('NOT_FOUND', 'There is no such extract.');
  return {
    id: row.id,
    kind: row.kind,
    title: EXTRACTS[row.kind].title,
    range: row.range_from && row.range_to ? { from: row.range_from, to: row.range_to } : undefined,
    state: buildState({ status: row.status, heartbeatAt: row.heartbeat_at, expiresAt: row.expires_at }, new Date()),
    rows: row.rows,
    bytes: Number(row.bytes),
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    expiresAt: row.expires_at,
  };
}

/** A ready build's file as gzip pieces, audited; refused once it has expired. */
export async function buildFile(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ filename: string; gzip: AsyncIterable<Buffer> }> {
  const status = await buildStatus(db, actor, id);
  if (status.state !== 'ready') {
    throw new CarepathError(
      status.state === 'expired' ? 'NOT_FOUND' : 'INVALID_REQUEST_STATE',
      status.state === 'expired'
        ? `This extract was kept for ${EXTRACT_RETENTION_HOURS} hours and has been removed. Ask for it again.`
        : 'This extract is not ready to download.',
    );
  }
  const row = (await buildOf(db, id, actor.userId, actor.orgCode))!;
  await appendAudit(db, {
    action: 'report.extract_downloaded',
    actor_user_id: actor.userId,
    actor_role: actor.role,
    actor_org: actor.orgCode,
    subject_type: 'extract',
    subject_id: status.kind,
    detail: { build: id, rows: status.rows, ...(status.range ?? {}) },
  });
  return { filename: row.filename, gzip: buildPieces(db, id) };
}

