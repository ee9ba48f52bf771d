import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { type DateRange, dateRangeQuerySchema, londonDateOf } from '../../domain/reports/date-range';
import { EXTRACTS, type ExtractKind, isExtractKind } from '../../domain/reports/extracts';
import { REPORT_PERMISSIONS } from '../../domain/reports/permissions';
import type { ReportScope } from '../../domain/reports/scope';
import { ROLES, type RoleCode } from '../../domain/roles';
import { appendAudit } from '../../db/audit/audit.repository';
import type { Executor } from '../../db/executor';
import {
  type ExtractRow,
  actionRows,
  activeReferralRows,
  adviceRequestRows,
  slotCapacityRows,
  slotIssueRows,
  userRoleRows,
} from '../../db/reports/extracts.repository';
import { type CsvDownload, csvPieces } from './csv';

/** Where each extract's rows come from. */
function rowsOf(
  db: Executor,
  kind: ExtractKind,
  scope: ReportScope,
  range: DateRange | undefined,
): AsyncIterable<ExtractRow[]> {
  switch (kind) {
    case 'actions':
      return withRoleNames(actionRows(db, scope, range!), 'actor_role', 'actor_role_name');
    case 'active-referrals':
      return activeReferralRows(db, scope);
    case 'slot-issues':
      return slotIssueRows(db, scope);
    case 'slots':
      return slotCapacityRows(db, scope, range!);
    case 'advice-requests':
      return adviceRequestRows(db, scope, range!);
    case 'user-roles':
      return withRoleNames(userRoleRows(db, scope.orgCode), 'role', 'role_name');
  }
}

async function* withRoleNames(batches: AsyncIterable<ExtractRow[]>, codeKey: string, nameKey: string) {
  for await (const rows of batches) {
    for (const row of rows) row[nameKey] = ROLES[row[codeKey] as RoleCode]?.name ?? '';
    yield rows;
  }
}

/** The range an extract asks for, checked; undefined for an extract of things as they stand. */
export function extractRange(kind: ExtractKind, query: Record<string, string>): DateRange | undefined {
  if (!EXTRACTS[kind].ranged) return undefined;
  const parsed = dateRangeQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw CarepathError.fromIssues(
      'Check the dates of the extract',
      parsed.error.issues.map((issue) =>
        // No day-or-months choice at all (a link typed by hand): the day is the first field to fill.
        issue.path.length === 0 || issue.path[0] === 'period' ? { ...issue, path: ['day'] } : issue,
      ),
    );
  }
  return parsed.data;
}

export function extractKind(kind: string): ExtractKind {
  if (!isExtractKind(kind)) throw new CarepathError('NOT_FOUND', 'There is no such extract.');
  return kind;
}

/**
 * A CSV extract, streamed: rows are read in keyset batches as the response is sent, so a
 * million rows never sit in memory. The audit trail gets a row when it starts (who, which
 * extract, which range) and one when it ends (how many rows, and whether it was sent whole or
 * cut short by the browser going away or a failure).
 */
export async function streamExtract(
  db: Executor,
  actor: Actor,
  scope: ReportScope,
  kind: ExtractKind,
  range: DateRange | undefined,
  /** Told the rows read so far after each batch: a background build's progress. */
  progress?: (rows: number) => Promise<void>,
): Promise<CsvDownload> {
  const definition = EXTRACTS[kind];
  requirePermission(REPORT_PERMISSIONS, definition.permission, actor);
  const audit = (action: string, detail: Record<string, unknown>) =>
    appendAudit(db, {
      action,
      actor_user_id: actor.userId,
      actor_role: actor.role,
      actor_org: actor.orgCode,
      subject_type: 'extract',
      subject_id: kind,
      detail: { ...(range ? { from: range.from, to: range.to } : {}), ...detail },
    });
  await audit('report.extract_started', {});

  async function* counted(): AsyncGenerator<ExtractRow[]> {
    let rows = 0;
    let complete = false;
    try {
      for await (const batch of rowsOf(db, kind, scope, range)) {
        rows += batch.length;
        yield batch;
        await progress?.(rows);
      }
      complete = true;
    } finally {
      await audit('report.extract_finished', { rows, complete });
    }
  }
  return { filename: extractFilename(actor, kind, range), body: csvPieces(definition.columns, counted()) };
}

/** The file name of an extract: which, whose, for when. */
export function extractFilename(actor: Actor, kind: ExtractKind, range: DateRange | undefined): string {
  const stamp = range ? (range.from === range.to ? range.from : `${range.from}-to-${range.to}`) : today();
  return `carepath-${kind}-${actor.orgCode}-${stamp}.csv`;
}

const today = () => londonDateOf(new Date());
