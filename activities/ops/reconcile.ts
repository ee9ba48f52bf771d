import { isDeepStrictEqual } from 'node:util';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import {
  type Drift,
  type DriftKind,
  type Reconciliation,
  openReferralUbrns,
  recordReconciliation,
  replaceReferralRow,
  timelineVersions,
} from '../../db/ops/ops.repository';
import { readRow, getReferralRow } from '../../db/referrals/referrals.repository';
import type { ReferralRow } from '../../db/referrals/referrals.table';
import type { Referral } from '../../domain/referral';
import { projectionQuery, referralWorkflowId } from '../../workflows/referral.messages';
import { type Projection, projectReferral } from '../referrals/projection';

export type ReconcileOptions = { taskQueue: string; repair: boolean };
export type { Reconciliation };

const WORKFLOW_PREFIX = referralWorkflowId('');
// Each query is a round trip to a worker: a few at once keep a night's run short without crowding it.
const CONCURRENCY = 8;
// Columns the worklists filter and sort on, beside the snapshot the pages draw.
const COMPARED = ['priority', 'service_id', 'provider_org_code', 'referrer_org_code', 'breached', 'letter_status'];

/**
 * Compares every open referral's workflow (its `projection` query) with its read row and
 * timeline and, with `repair`, mends what differs: missing timeline rows by re-running the
 * projection with the inputs the workflow's history gave it, the read row by writing the
 * workflow's referral back. Open means running on this task queue, or open by its read row.
 * The result (UBRNs and kinds of drift only) goes to the audit trail for the ops page.
 */
export async function reconcileReferrals(
  db: Kysely<Database>,
  client: Client,
  options: ReconcileOptions,
  /** Called after each batch: the activity heartbeats, so a lost worker is noticed in a minute. */
  progress: () => void = () => {},
): Promise<Reconciliation> {
  const ubrns = [
    ...new Set([...(await runningReferrals(client, options.taskQueue)), ...(await openReferralUbrns(db))]),
  ];
  const drifted: Drift[] = [];
  let repaired = 0;
  for (let i = 0; i < ubrns.length; i += CONCURRENCY) {
    const batch = ubrns.slice(i, i + CONCURRENCY);
    const timelines = await timelineVersions(db, batch);
    const results = await Promise.all(
      batch.map(async (ubrn) => {
        const found = await driftOf(db, client, ubrn, timelines.get(ubrn)!);
        if (found === undefined) return false;
        drifted.push(found.drift);
        if (options.repair && found.referral) await repair(db, client, found.referral, found.drift.kinds);
        return options.repair && found.referral !== undefined;
      }),
    );
    repaired += results.filter(Boolean).length;
    progress();
  }
  drifted.sort((a, b) => a.ubrn.localeCompare(b.ubrn));
  const result = { at: new Date().toISOString(), repair: options.repair, checked: ubrns.length, drifted, repaired };
  await recordReconciliation(db, result);
  return result;
}

async function runningReferrals(client: Client, taskQueue: string): Promise<string[]> {
  const query = `WorkflowType = 'referral' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`;
  const ubrns: string[] = [];
  for await (const workflow of client.workflow.list({ query })) {
    if (workflow.workflowId.startsWith(WORKFLOW_PREFIX)) ubrns.push(workflow.workflowId.slice(WORKFLOW_PREFIX.length));
  }
  return ubrns;
}

async function driftOf(
  db: Kysely<Database>,
  client: Client,
  ubrn: string,
  timeline: Set<number>,
): Promise<{ drift: Drift; referral?: Referral } | undefined> {
  let referral: Referral;
  try {
    referral = await client.workflow.getHandle(referralWorkflowId(ubrn)).query(projectionQuery);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { drift: { ubrn, kinds: ['no-workflow'] } };
    throw error;
  }
  const kinds = rowDrift(referral, await getReferralRow(db, ubrn));
  for (let version = 1; version <= referral.version; version++) {
    if (!timeline.has(version)) {
      kinds.push('missing-timeline');
      break;
    }
  }
  return kinds.length === 0 ? undefined : { drift: { ubrn, kinds }, referral };
}

function rowDrift(referral: Referral, row: ReferralRow | undefined): DriftKind[] {
  if (row === undefined) return ['missing-row'];
  const kinds: DriftKind[] = [];
  if (row.version !== referral.version) kinds.push('version');
  if (row.state !== referral.state) kinds.push('state');
  const expected = readRow(referral) as Record<string, unknown>;
  const actual = row as Record<string, unknown>;
  const differs = COMPARED.some((column) => expected[column] !== actual[column]);
  if (differs || !isDeepStrictEqual(row.snapshot, JSON.parse(JSON.stringify(referral)))) kinds.push('content');
  return kinds;
}

async function repair(db: Kysely<Database>, client: Client, referral: Referral, kinds: DriftKind[]): Promise<void> {
  if (kinds.includes('missing-timeline')) {
    const present = (await timelineVersions(db, [referral.ubrn])).get(referral.ubrn)!;
    for (const projection of await projectionsOf(client, referral.ubrn)) {
      if (!present.has(projection.event.version)) await projectReferral(db, projection);
    }
  }
  if (kinds.some((kind) => kind !== 'missing-timeline')) {
    // Asked again just before writing: a transition since the comparison must not be undone.
    const latest = await client.workflow.getHandle(referralWorkflowId(referral.ubrn)).query(projectionQuery);
    await db.transaction().execute((trx) => replaceReferralRow(trx, latest));
  }
}

/**
 * What the projection activity was given in the workflow's current run, oldest first: the
 * only record of each transition's timeline event outside the read tables.
 */
async function projectionsOf(client: Client, ubrn: string): Promise<Projection[]> {
  const history = await client.workflow.getHandle(referralWorkflowId(ubrn)).fetchHistory();
  const projections: Projection[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== 'projectReferral') continue;
    const [input] = await decodeArrayFromPayloads(
      client.workflow.options.loadedDataConverter,
      scheduled.input?.payloads,
    );
    projections.push(input as Projection);
  }
  return projections;
}
