import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { Command } from '../../../domain/actions';
import { CarepathError } from '../../../domain/errors';
import { SERVICES, actorFor, createInput } from '../../../domain/fixtures';
import { defaultPolicy } from '../../../domain/policy';
import { type BookableSlot, addSlot, bookable } from '../../../fixtures/directory';
import { addDbsService } from '../../../fixtures/referrals';
import { runReconciliation } from '../../../services/ops/reconcile';
import { actOnReferral, createReferral, getReferral } from '../../../services/referrals/referral-workflows';
import type { Check } from './report';

export type LoadTarget = { db: Kysely<Database>; client: Client; taskQueue: string };

/** What the clients saw while driving referrals: each call retried until it went through. */
export type LoadResult = {
  ubrns: string[];
  /** Calls that failed (Temporal or the database unreachable, a lost worker) and were sent again. */
  retried: number;
  /** Failures by kind, for the report. */
  failures: Record<string, number>;
};

const RETRY_FOR_MS = 5 * 60_000;

/**
 * Sends `count` referrals through create, send for triage, accept and book later, and book,
 * `concurrency` at a time, as staff would: every call carries an idempotency key (the create
 * form's key, each action's request id), so a call that failed in flight can be sent again
 * and still act once. `during` runs beside the load (the fault) and the load waits for it.
 */
export async function driveReferrals(
  target: LoadTarget,
  options: {
    count: number;
    concurrency: number;
    /** The fault: gets how many referrals are booked so far, and which. */
    during?: (progress: () => number, booked: () => readonly string[]) => Promise<void>;
  },
): Promise<LoadResult> {
  const run = randomBytes(4).toString('hex');
  const clinic = await addDbsService(target.db, `Drill clinic ${run}`);
  const slots: BookableSlot[] = [];
  for (let i = 0; i < options.count; i++) {
    slots.push(bookable(await addSlot(target.db, clinic.serviceId, { daysAhead: 10 })));
  }
  const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic, SERVICES.ras] });
  const result: LoadResult = { ubrns: [], retried: 0, failures: {} };
  let done = 0;
  const booked: string[] = [];

  const persist = <T>(work: () => Promise<T>) => untilAnswered(work, result);
  const act = (ubrn: string, key: string, command: Command, role: 'B1101' | 'B1110' | 'B1120') => {
    let sent = 0;
    return persist(async () => {
      try {
        sent++;
        await actOnReferral(target.client, ubrn, command, actorFor(role), { requestId: key });
      } catch (error) {
        // Sent again after a lost answer: the first one went through (the checks count that it did once).
        if (sent > 1 && error instanceof CarepathError && error.code === 'STALE_VERSION') {
          result.failures.appliedBeforeTheFailure = (result.failures.appliedBeforeTheFailure ?? 0) + 1;
          return;
        }
        throw error;
      }
    });
  };

  const one = async (i: number) => {
    const key = `drill-${run}-${i}`;
    const { referral } = await persist(() =>
      createReferral(target.client, target.db, input, actorFor('B1101'), defaultPolicy, {
        taskQueue: target.taskQueue,
        idempotencyKey: key,
      }),
    );
    const { ubrn } = referral;
    result.ubrns.push(ubrn);
    await act(
      ubrn,
      `${key}-triage`,
      { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId },
      'B1101',
    );
    await act(
      ubrn,
      `${key}-accept`,
      { type: 'TRIAGE_OUTCOME', expectedVersion: 2, outcome: 'ACCEPT_BOOK_LATER', comment: 'Book the next clinic' },
      'B1110',
    );
    await act(
      ubrn,
      `${key}-book`,
      { type: 'BOOK', expectedVersion: 3, serviceId: clinic.serviceId, ...slots[i]! },
      'B1120',
    );
    booked.push(ubrn);
    done++;
  };

  const load = inParallel(options.count, options.concurrency, one);
  const fault = options.during?.(
    () => done,
    () => booked,
  );
  // Both settle before either's failure is thrown: the drill closes connections next.
  for (const settled of await Promise.allSettled([load, fault])) {
    if (settled.status === 'rejected') throw settled.reason;
  }
  return result;
}

/**
 * Runs `work` until it is answered: an outage (Temporal or the database unreachable, a lost
 * worker, an update that could not run in time) is counted in `seen` and the call sent again, as
 * a user would; a refusal is an answer and is thrown. Safe because every call carries its key.
 */
export async function untilAnswered<T>(
  work: () => Promise<T>,
  seen: { retried: number; failures: Record<string, number> },
): Promise<T> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CarepathError && error.code !== 'UNAVAILABLE') throw error;
      if (Date.now() > deadline) throw error;
      const kind = error instanceof CarepathError ? error.code : ((error as Error).name ?? 'Error');
      seen.failures[kind] = (seen.failures[kind] ?? 0) + 1;
      seen.retried++;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * Runs `work(0..count-1)`, `concurrency` at a time. On the first failure no more are started,
 * and it waits for those running to settle before throwing it: nothing is left calling a
 * connection the drill is about to close.
 */
export async function inParallel(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  let failed: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && !failed) {
        try {
          await work(next++);
        } catch (error) {
          failed ??= { error };
        }
      }
    }),
  );
  if (failed) throw failed.error;
}

/**
 * Every referral against its workflow and the read side: the workflow in `state` at `version`
 * (each step applied exactly once), its read row the same, timeline and audit one row per
 * version, no outbox entry twice, its slot held by it alone, and reconciliation finding no drift.
 */
export async function verifyReferrals(
  target: LoadTarget,
  ubrns: string[],
  expected: { state: string; version: number },
): Promise<Check[]> {
  const checks: Check[] = [];
  const gp = actorFor('B1101');
  // Ten at a time, each asked again while Temporal cannot answer yet: a query needs a worker, and
  // 150 at once on workers just started again after a SIGKILL timed out on the cluster.
  const workflows: Awaited<ReturnType<typeof getReferral>>[] = [];
  const asked = { retried: 0, failures: {} as Record<string, number> };
  for (let i = 0; i < ubrns.length; i += 10) {
    workflows.push(
      ...(await Promise.all(
        ubrns.slice(i, i + 10).map((ubrn) => untilAnswered(() => getReferral(target.client, ubrn, gp), asked)),
      )),
    );
  }
  const wrongWorkflow = workflows.filter(
    (w) => w.referral.state !== expected.state || w.referral.version !== expected.version,
  );
  checks.push({
    name: `workflows ${expected.state} at version ${expected.version} (every step once)`,
    ok: wrongWorkflow.length === 0 && workflows.length === ubrns.length,
    detail: `${workflows.length - wrongWorkflow.length} of ${ubrns.length}`,
  });

  const rows = await target.db
    .selectFrom('referrals')
    .select(['ubrn', 'state', 'version'])
    .where('ubrn', 'in', ubrns)
    .execute();
  const goodRows = rows.filter((r) => r.state === expected.state && r.version === expected.version);
  checks.push({
    name: 'read rows match their workflows',
    ok: goodRows.length === ubrns.length,
    detail: `${goodRows.length} of ${ubrns.length}`,
  });

  const timeline = await target.db
    .selectFrom('referral_timeline')
    .select(['ubrn', 'version'])
    .where('ubrn', 'in', ubrns)
    .execute();
  checks.push(onePerVersion('timeline rows', timeline, ubrns, expected.version));

  // The projection's audit rows (they carry the transition's toState; page views do not).
  const audit = await sql<{ ubrn: string; version: number }>`
    select subject_id as ubrn, (detail->>'version')::int as version from audit_events
    where subject_type = 'referral' and detail ? 'toState' and subject_id in (${sql.join(ubrns)})`.execute(target.db);
  checks.push(onePerVersion('audit rows', audit.rows, ubrns, expected.version));

  const outbox = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from notifications where ubrn in (${sql.join(ubrns)})
      group by ubrn, version, recipient, template having count(*) > 1) twice`.execute(target.db);
  checks.push({
    name: 'no notification queued twice',
    ok: outbox.rows[0]!.n === 0,
    detail: `${outbox.rows[0]!.n} twice`,
  });

  if (expected.state === 'BOOKED') checks.push(...(await slotChecks(target, ubrns)));

  const reconciliation = await runReconciliation(target.client, { taskQueue: target.taskQueue, repair: false });
  checks.push({
    name: 'reconciliation: no drift',
    ok: reconciliation.drifted.length === 0,
    detail: `${reconciliation.checked} open referrals checked, ${reconciliation.drifted.length} drifted`,
  });
  return checks;
}

function onePerVersion(what: string, rows: { ubrn: string; version: number }[], ubrns: string[], last: number): Check {
  const seen = new Map<string, number>();
  for (const row of rows) seen.set(`${row.ubrn}/${row.version}`, (seen.get(`${row.ubrn}/${row.version}`) ?? 0) + 1);
  let missing = 0;
  for (const ubrn of ubrns) for (let v = 1; v <= last; v++) if (!seen.has(`${ubrn}/${v}`)) missing++;
  const twice = [...seen.values()].filter((n) => n > 1).length;
  return {
    name: `${what}: exactly one per transition`,
    ok: missing === 0 && twice === 0 && rows.length === ubrns.length * last,
    detail: `${rows.length} rows for ${ubrns.length * last} transitions, ${missing} missing, ${twice} twice`,
  };
}

/** Each booked referral's slot is booked to it, and no slot is held by two referrals. */
export async function slotChecks(target: LoadTarget, ubrns: string[]): Promise<Check[]> {
  const rows = await target.db
    .selectFrom('referrals')
    .select(['ubrn', 'state', sql<string | null>`snapshot->'appointment'->>'slotId'`.as('slot_id')])
    .where('ubrn', 'in', ubrns)
    .execute();
  const booked = rows.filter((r) => r.state === 'BOOKED');
  const bySlot = new Map<string, string[]>();
  for (const r of booked) if (r.slot_id) bySlot.set(r.slot_id, [...(bySlot.get(r.slot_id) ?? []), r.ubrn]);
  const shared = [...bySlot.values()].filter((holders) => holders.length > 1).length;
  const slotRows = await target.db
    .selectFrom('slots')
    .select(['id', 'ubrn', 'status'])
    .where('ubrn', 'in', ubrns)
    .execute();
  const slotOf = new Map(slotRows.map((s) => [String(s.id), s]));
  const mismatched = booked.filter((r) => {
    const slot = r.slot_id ? slotOf.get(r.slot_id) : undefined;
    return !slot || slot.ubrn !== r.ubrn || slot.status !== 'booked';
  }).length;
  return [
    {
      name: 'no slot held by two referrals',
      ok: shared === 0,
      detail: `${booked.length} booked referrals on ${bySlot.size} slots, ${shared} slots shared`,
    },
    {
      name: "each booked referral's slot row is booked to it alone",
      ok: mismatched === 0 && slotRows.length === booked.length,
      detail: `${slotRows.length} slot rows booked to these referrals, ${mismatched} not matching`,
    },
  ];
}
