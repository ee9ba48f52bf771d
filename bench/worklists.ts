import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { defaultPolicy } from '../domain/policy';
import { STATES } from '../domain/states';
import { addService, shortlisted } from '../fixtures/directory';
import { type SessionFixture, signIn } from '../fixtures/identity';
import { referralInput } from '../fixtures/referrals';
import { type ReferralStack, startReferralStack } from '../scripts/referral-stack';
import { createReferral } from '../services/referrals/referral-workflows';
import { runMain } from '../system/run-main';
import { appInput } from '../system/system';
import { createThrowawayDatabase } from '../system/throwaway-database';
import { createApp } from '../web/app';
import { load, percentile, round } from './lib/measure';
import { type Row, atMost, row, writeResults } from './lib/results';

/**
 * `npm run bench:worklists [-- rows] [-- --quick]`: with 1,000,000 referrals (quick: 100,000) in the read table of a throwaway
 * PostgreSQL database (TEST_DATABASE_URL's server, as the tests use), the p50/p95 of
 *  - a worklist fragment (what htmx polls every 15 s), through the whole app: session, query, render;
 *  - an action round trip: the POST, the workflow update and its projection, the redirect, and
 *    the GET that renders the result.
 * Targets: fragment p95 < 50 ms, action p95 < 150 ms. One organisation of each side holds a
 * tenth of all referrals, so the figures are for the largest worklists, not an average one.
 */
const QUICK = process.argv.includes('--quick');
const ROWS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? (QUICK ? 100_000 : 1_000_000));
const results: Row[] = [];
const p95Of = (samples: number[]) => round(percentile(samples, 95), 1);
const RUNS = 100;
const ACTIONS = 60;

async function generate(db: Kysely<Database>): Promise<void> {
  const states = sql.raw(`array[${STATES.map((s) => `'${s}'`).join(', ')}]`);
  await sql`insert into organisations (ods_code, name, type, commissioning_area)
    select 'RP' || i, 'Provider ' || i, 'PROVIDER', null from generate_series(0, 199) i
    union all select 'GP' || i, 'Practice ' || i, 'GP_PRACTICE', null from generate_series(0, 999) i`.execute(db);
  await sql`insert into referrals (ubrn, version, state, priority, priority_rank, service_id, service_name,
      provider_org_code, referrer_org_code, referring_clinician_id, specialty, clinic_type, contact_by, breached,
      letter_status, appointment_start, expired, nhs_number, given_name, family_name, date_of_birth,
      created_at, updated_at, snapshot)
    select (500000000000 + i)::text, 3, st, pr, rank, 'svc' || (i % 2000), 'Service ' || (i % 2000),
      case when i % 10 = 0 then 'RP0' else 'RP' || (i % 200) end,
      case when i % 10 = 1 then 'GP0' else 'GP' || (i % 1000) end,
      'user-' || (i % 5000), 'CARDIOLOGY', null,
      case when st in ('DEFERRED_TO_PROVIDER', 'AWAITING_TRIAGE') then date '2026-12-01' + (i % 60) end,
      i % 17 = 0, case when i % 3 = 0 then 'TO_FOLLOW' else 'ATTACHED' end,
      case when st = 'BOOKED' and i % 5 <> 0 then timestamptz '2026-12-01' + (i % 1000) * interval '1 hour' end,
      st = 'EXPIRED', '999' || lpad((i % 10000000)::text, 7, '0'), 'Given' || (i % 1000), 'Family' || (i % 5000),
      date '1940-01-01' + (i % 25000),
      timestamptz '2026-01-01' + i * interval '17 seconds', timestamptz '2026-01-01' + i * interval '17 seconds',
      jsonb_build_object(
        'acceptedAt', case when i % 4 = 0 then '2026-06-01T00:00:00.000Z' end,
        'lastReason', case when st = 'DID_NOT_ATTEND'
          then jsonb_build_object('code', case when i % 2 = 0 then 'REBOOK' else 'RETURN_TO_REFERRER' end) end,
        'referrer', jsonb_build_object('clinicianName', 'Dr Bench ' || (i % 5000)))
    from generate_series(1, ${ROWS}::int) i
    -- "+ 0 * i" ties the subquery to the row, or PostgreSQL would draw one random state for all rows.
    cross join lateral (select floor(random() * ${STATES.length})::int + 0 * i as s, floor(random() * 3)::int as r) pick
    cross join lateral (select (${states})[1 + pick.s] as st,
      (array['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'])[1 + pick.r] as pr, pick.r::smallint as rank) x`.execute(db);
  // As autovacuum would have by now: statistics, and the visibility map index-only scans rely on.
  await sql`vacuum analyze referrals`.execute(db);
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `${name.padEnd(52)} p50 ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms   max ${at(1).padStart(6)} ms`;
}

runMain(async () => {
  const database = await createThrowawayDatabase({ prefix: 'carepath_bench' });
  const stack = await startReferralStack({ database });
  try {
    let started = performance.now();
    await generate(database.db);
    console.log(
      `Generated ${ROWS.toLocaleString('en-GB')} referrals in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    const app = createApp(appInput(stack));
    const provider = await signIn(stack.db, { orgCode: 'RP0', role: 'B1110', userId: 'bench-consultant' });
    const referrer = await signIn(stack.db, { orgCode: 'GP0', role: 'B1101', userId: 'user-1' });
    const get = async (session: SessionFixture, path: string) => {
      const res = await app.request(path, { headers: { cookie: session.cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return body;
    };
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const html = await get(provider, `/worklists/for-booking${cursor ? `?after=${cursor}` : ''}`);
      cursor = /href="\/worklists\/for-booking\?after=([^"]+)"/.exec(html)?.[1] ?? cursor;
    }
    const cases: [string, SessionFixture, string][] = [
      ['provider Referrals for Review, page 1', provider, '/worklists/review/rows'],
      ['provider Slot Issues, urgent only', provider, '/worklists/slot-issues/rows?priority=URGENT'],
      ['provider Appointments for Booking, page 6 (keyset)', provider, `/worklists/for-booking/rows?after=${cursor}`],
      ['provider Referrals for Review, filtered by service', provider, '/worklists/review/rows?serviceId=svc10'],
      ['referrer Awaiting Booking, "Me"', referrer, '/worklists/awaiting-booking/rows?mine=me'],
      ['referrer Letters Outstanding, page 1', referrer, '/worklists/letters/rows'],
      ['provider home page (three counts)', provider, '/provider'],
    ];
    console.log(`\nWorklist fragments (${RUNS} runs each, after 10 warm-up runs; target p95 < 50 ms)`);
    for (const [name, session, path] of cases) {
      for (let i = 0; i < 10; i++) await get(session, path);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        started = performance.now();
        await get(session, path);
        samples.push(performance.now() - started);
      }
      console.log(summary(name, samples));
      results.push(row(`worklist fragment p95: ${name}`, p95Of(samples), 'ms', atMost(50)));
    }
    await actionRoundTrips(stack, app, provider, referrer);
    writeResults('worklists', results, { rows: ROWS, load: load() });
  } finally {
    await stack.stop();
    await database.destroy();
  }
});

async function actionRoundTrips(
  stack: ReferralStack,
  app: ReturnType<typeof createApp>,
  provider: SessionFixture,
  referrer: SessionFixture,
) {
  const ras = shortlisted(
    await addService(stack.db, {
      provider_org_code: 'RP0',
      name: 'Bench triage',
      request_types: ['TRIAGE'],
      location: 'Bench',
      outcode: 'ZZ1',
      indicative_wait_days: 10,
      national: false,
    }),
  );
  const ubrns: string[] = [];
  for (let i = 0; i < ACTIONS + 5; i++) {
    const view = await createReferral(
      stack.temporal,
      stack.db,
      referralInput(referrer.actor, [ras]),
      referrer.actor,
      defaultPolicy,
      {
        taskQueue: stack.target.taskQueue,
      },
    );
    ubrns.push(view.referral.ubrn);
  }
  const roundTrip = async (session: SessionFixture, ubrn: string, type: string, form: Record<string, string>) => {
    const started = performance.now();
    const res = await app.request(`/referrals/${ubrn}/actions/${type}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    if (res.status !== 303) throw new Error(`${type} on ${ubrn}: ${res.status}`);
    posts.push(performance.now() - started);
    const page = await app.request(res.headers.get('location')!, { headers: { cookie: session.cookie } });
    await page.text();
    return performance.now() - started;
  };
  const posts: number[] = [];
  const send: number[] = [];
  const triage: number[] = [];
  for (const [i, ubrn] of ubrns.entries()) {
    const a = await roundTrip(referrer, ubrn, 'SEND_FOR_TRIAGE', {
      expectedVersion: '1',
      'SEND_FOR_TRIAGE-serviceId': ras.serviceId,
    });
    const b = await roundTrip(provider, ubrn, 'TRIAGE_OUTCOME', { expectedVersion: '2', form: 'TRIAGE_OUTCOME-later' });
    // The first few warm up the worker's workflow cache and the connection pools.
    if (i >= 5) {
      send.push(a);
      triage.push(b);
    }
  }
  console.log(
    `\nAction round trips: POST, workflow update + projection, redirect, rendered page (${ACTIONS} each; target p95 < 150 ms)`,
  );
  console.log(summary('referrer: send for triage', send));
  console.log(summary('provider clinician: accept, book later', triage));
  console.log(summary('both together', [...send, ...triage]));
  console.log(summary('of which the POST (update and projection)', posts.slice(10)));
  results.push(
    row(
      `action round trip p95 with ${ROWS.toLocaleString('en-GB')} rows, sequential`,
      p95Of([...send, ...triage]),
      'ms',
      atMost(100),
    ),
  );
}
