import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { upsertReferralRow } from '../db/referrals/referrals.repository';
import { worklistPage } from '../db/worklists/worklists.repository';
import { PROVIDER_ORG, REFERRER_ORG, SITUATIONS, situations } from '../domain/fixtures';
import { defaultPolicy } from '../domain/policy';
import { PRIORITIES, priorityRank } from '../domain/priorities';
import type { Referral } from '../domain/referral';
import { isEndState } from '../domain/states';
import { WORKLISTS, type WorklistKey, isOnWorklist, statesOn } from '../domain/worklists';
import { runMain } from '../system/run-main';
import { initialTimers } from '../workflows/referral.timers';
import { projectionQuery, referralWorkflowId } from '../workflows/referral.messages';
import type { referral as referralWorkflow } from '../workflows/referral';
import { drive } from './lib/drive';
import { load, percentile, round } from './lib/measure';
import { type Row, atLeast, row, table, writeResults } from './lib/results';
import { type BenchStack, startBenchStack } from './lib/stack';

/**
 * `npm run bench:visibility -- [--referrals 10000] [--runs 5]`: why the read tables exist.
 * With N open referrals (a tenth of them at the measured practice and trust, the rest spread
 * over others), each worklist's first page (25, most urgent then oldest) read as the app reads
 * it, from the `referrals` read table, against the same page built from Temporal alone: list
 * the owner's running referral workflows in the worklist's states by search attribute, query
 * each one for its referral (the conditions, priority and creation time are not search
 * attributes), keep those on the list, sort, take 25. Seeded cheaply: each workflow starts
 * in its state ('resume', no projection activity) and its read row is written directly.
 */
const { values: args } = parseArgs({
  options: {
    referrals: { type: 'string' },
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    label: { type: 'string', default: 'visibility' },
  },
  allowPositionals: true,
});
const N = Number(args.referrals ?? (args.quick ? 2000 : 10_000));
const RUNS = Number(args.runs ?? (args.quick ? 3 : 5));
const PAGE = 25;
const OPEN = SITUATIONS.filter((s) => !isEndState(situations()[s].state));

/** The i-th seeded referral: its situation, owners and age vary with i. */
function seeded(i: number): Referral {
  const s = situations()[OPEN[i % OPEN.length]!];
  const home = i % 10 === 0; // a tenth at the measured practice and trust
  const created = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
  return {
    ...s,
    ubrn: String(600_000_000_000 + i),
    priority: PRIORITIES[i % PRIORITIES.length]!,
    createdAt: created,
    referrer: { ...s.referrer, orgCode: home ? REFERRER_ORG : `G${i % 97}` },
    ...(s.service ? { service: { ...s.service, providerOrgCode: home ? PROVIDER_ORG : `R${i % 53}` } } : {}),
    letter: i % 3 === 0 ? { status: 'TO_FOLLOW' } : { status: 'ATTACHED', attachedAt: created },
  };
}

async function seed(stack: BenchStack, log: (line: string) => void) {
  const started = performance.now();
  const seeding = await drive(N, 20, async (i) => {
    const referral = seeded(i);
    await upsertReferralRow(stack.db, referral);
    await stack.temporal.workflow.start<typeof referralWorkflow>('referral', {
      workflowId: referralWorkflowId(referral.ubrn),
      taskQueue: stack.target.taskQueue,
      args: [
        { kind: 'resume', policy: defaultPolicy, referral, timers: initialTimers(referral, defaultPolicy, Date.now()) },
      ],
    });
    if ((i + 1) % 1000 === 0) log(`seeded ${i + 1}`);
  });
  log(`seeded ${N} referrals in ${((performance.now() - started) / 1000).toFixed(0)} s (${seeding.perSecond}/s)`);
}

/** The first page of a worklist built from Temporal visibility and a query per workflow. */
async function fromVisibility(stack: BenchStack, key: WorklistKey) {
  const { side } = WORKLISTS[key];
  const owner =
    side === 'provider' ? `ReferralProviderOrg = '${PROVIDER_ORG}'` : `ReferralReferrerOrg = '${REFERRER_ORG}'`;
  const states = statesOn(key).filter((state) => !isEndState(state) || key !== 'letters');
  const query = `WorkflowType = 'referral' AND ExecutionStatus = 'Running' AND ${owner} AND ReferralState IN (${states
    .map((s) => `'${s}'`)
    .join(', ')})`;
  const ids: string[] = [];
  for await (const wf of stack.temporal.workflow.list({ query, pageSize: 1000 })) ids.push(wf.workflowId);
  const referrals: Referral[] = [];
  // As a page would: ten queries at a time.
  for (let i = 0; i < ids.length; i += 10) {
    referrals.push(
      ...(await Promise.all(
        ids.slice(i, i + 10).map((id) => stack.temporal.workflow.getHandle(id).query(projectionQuery)),
      )),
    );
  }
  const page = referrals
    .filter((r) => isOnWorklist(key, r))
    .sort(
      (a, b) =>
        priorityRank(a.priority) - priorityRank(b.priority) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.ubrn.localeCompare(b.ubrn),
    )
    .slice(0, PAGE);
  return { listed: ids.length, page: page.map((r) => r.ubrn) };
}

export async function runVisibility(
  stack: BenchStack,
  log: (line: string) => void,
): Promise<{ rows: Row[]; details: unknown }> {
  await seed(stack, log);
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  for (const key of Object.keys(WORKLISTS) as WorklistKey[]) {
    const owner = WORKLISTS[key].side === 'provider' ? PROVIDER_ORG : REFERRER_ORG;
    const table: number[] = [];
    const visibility: number[] = [];
    let listed = 0;
    let same = true;
    for (let run = 0; run < RUNS + 1; run++) {
      let t = performance.now();
      const fromTable = await worklistPage(stack.db, key, { orgCode: owner, userId: 'bench' }, {}, PAGE);
      const tableMs = performance.now() - t;
      t = performance.now();
      const built = await fromVisibility(stack, key);
      const visibilityMs = performance.now() - t;
      listed = built.listed;
      same &&= JSON.stringify(built.page) === JSON.stringify(fromTable.rows.map((r) => r.ubrn));
      if (run === 0) continue; // warm-up
      table.push(tableMs);
      visibility.push(visibilityMs);
    }
    const t50 = percentile(table, 50);
    const v50 = percentile(visibility, 50);
    log(
      `${key}: read table p50 ${t50.toFixed(1)} ms, visibility + ${listed} queries p50 ${v50.toFixed(0)} ms${same ? '' : ' (pages differ!)'}`,
    );
    rows.push(
      row(`worklist ${key}: visibility / read table (${listed} queried)`, round(v50 / t50, 1), 'x', atLeast(20)),
    );
    details[key] = { tableMs: { p50: round(t50, 2) }, visibilityMs: { p50: round(v50, 1) }, listed, samePage: same };
  }
  return { rows, details: { referrals: N, runs: RUNS, worklists: details } };
}

if (process.argv[1]?.endsWith('visibility.ts')) {
  runMain(async () => {
    const stack = await startBenchStack();
    const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`);
    try {
      const { rows, details } = await runVisibility(stack, log);
      console.log(`\n${N} open referrals\n${table(rows)}`);
      console.log(`\nwritten ${writeResults(args.label, rows, details)}`);
    } finally {
      await stack.stop();
    }
  });
}
