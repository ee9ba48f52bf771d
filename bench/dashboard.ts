import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { RECOUNT_DAYS, rebuildActivity, refreshActivity } from '../db/reports/activity.repository';
import { londonDateOf } from '../domain/reports/date-range';
import { type SessionFixture, signIn } from '../fixtures/identity';
import { startReferralStack } from '../scripts/referral-stack';
import { runMain } from '../system/run-main';
import { appInput } from '../system/system';
import { createThrowawayDatabase } from '../system/throwaway-database';
import { createApp } from '../web/app';
import { jsonLogger } from '../web/observability/logging';

/**
 * `npm run bench:dashboard`: the activity dashboard at 1,000,000 referrals (2.6 million timeline
 * rows over the last year) in a throwaway PostgreSQL database, through the whole app: session,
 * the daily counts' queries, the figures, the SVG and the page. Prints the p50/p95 of each case
 * (goal p95 < 200 ms), and what building and refreshing the daily counts costs. The provider RP0
 * and the commissioner QC0 each relate to a tenth of all referrals: the figures are for the
 * busiest organisations, not an average one.
 */
const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = 100;

async function generate(db: Kysely<Database>): Promise<void> {
  await sql`insert into organisations (ods_code, name, type, commissioning_area)
    select 'RP' || i, 'Provider ' || i, 'PROVIDER', null from generate_series(0, 39) i
    union all select 'QC' || i, 'Commissioner ' || i, 'COMMISSIONER', null from generate_series(0, 9) i
    union all select 'GP' || i, 'Practice ' || i, 'GP_PRACTICE', 'QC' || (i % 10) from generate_series(0, 999) i`.execute(
    db,
  );
  // 400 clinics in 20 specialties; RP0 runs the first ten, which take a tenth of all referrals.
  await sql`insert into services (provider_org_code, name, status, request_types, specialty_code, location, outcode,
      indicative_wait_days, national)
    select case when k <= 10 then 'RP0' else 'RP' || (1 + k % 39) end, 'Bench clinic ' || k, 'PUBLISHED', array['DBS'],
      (select array_agg(code order by code) from (select code from specialties order by code limit 20) s)[1 + k % 20],
      'Bench', 'ZZ1', 30, true
    from generate_series(1, 400) k`.execute(db);
  // Ten paths by i % 10: booked then accepted (0-2) or rejected (3), deferred (4), triaged (5-7),
  // booked then did not attend (8), not booked yet (9). Created over the last 364 days.
  await sql`insert into referrals (ubrn, version, state, priority, priority_rank, service_id, service_name,
      provider_org_code, referrer_org_code, referring_clinician_id, specialty, clinic_type, contact_by, breached,
      letter_status, appointment_start, expired, nhs_number, given_name, family_name, date_of_birth,
      created_at, updated_at, snapshot)
    select (500000000000 + i)::text, 3,
      (array['BOOKED', 'BOOKED', 'BOOKED', 'REJECTED', 'DEFERRED_TO_PROVIDER', 'TRIAGED_PROVIDER_TO_ACTION',
        'TRIAGED_PROVIDER_TO_ACTION', 'TRIAGE_RESPONSE', 'DID_NOT_ATTEND', 'NOT_BOOKED'])[1 + i % 10],
      'ROUTINE', 2, s.id::text, s.name, s.provider_org_code, 'GP' || (i % 1000), 'user-' || (i % 5000),
      s.specialty_code, null, null, false, 'ATTACHED', null, false, '999' || lpad((i % 10000000)::text, 7, '0'),
      'Given', 'Family', date '1960-01-01',
      now() - interval '4 days' - (i % 360) * interval '1 day' - (i % 36000) * interval '1 second', now(), '{}'::jsonb
    from generate_series(1, ${ROWS}::int) i
    join services s on s.id = case when i % 10 = 0 then 1 + (i / 10) % 10 else 11 + i % 390 end`.execute(db);
  await sql`insert into referral_timeline (ubrn, version, type, at, actor_role, actor_org, from_state, to_state, summary)
    select r.ubrn, step.v, step.type, r.created_at + (step.v - 1) * interval '30 hours',
      case when step.type in ('ACCEPT', 'REJECT', 'TRIAGE_OUTCOME', 'RECORD_DNA') then 'B1110' else 'B1101' end,
      case when step.type in ('ACCEPT', 'REJECT', 'TRIAGE_OUTCOME', 'RECORD_DNA') then r.provider_org_code else r.referrer_org_code end,
      step.from_state, step.to_state, step.type
    from referrals r
    cross join lateral (select ((r.ubrn::bigint - 500000000000) % 10)::int as p) path
    cross join lateral (
      select v::int, types[v] as type, tos[v] as to_state, case when v = 1 then null else tos[v - 1] end as from_state
      from (select
        case when path.p <= 3 then array['CREATE', 'BOOK', case when path.p = 3 then 'REJECT' else 'ACCEPT' end]
             when path.p = 4 then array['CREATE', 'DEFER_TO_PROVIDER']
             when path.p <= 7 then array['CREATE', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME']
             when path.p = 8 then array['CREATE', 'BOOK', 'RECORD_DNA']
             else array['CREATE'] end as types,
        case when path.p <= 3 then array['NOT_BOOKED', 'BOOKED', case when path.p = 3 then 'REJECTED' else 'BOOKED' end]
             when path.p = 4 then array['NOT_BOOKED', 'DEFERRED_TO_PROVIDER']
             when path.p <= 7 then array['NOT_BOOKED', 'AWAITING_TRIAGE', 'TRIAGED_PROVIDER_TO_ACTION']
             when path.p = 8 then array['NOT_BOOKED', 'BOOKED', 'DID_NOT_ATTEND']
             else array['NOT_BOOKED'] end as tos) a
      cross join generate_series(1, array_length(a.types, 1)) v
    ) step`.execute(db);
  await sql`vacuum analyze referrals`.execute(db);
  await sql`vacuum analyze referral_timeline`.execute(db);
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `${name.padEnd(52)} p50 ${at(0.5).padStart(6)} ms   p95 ${at(0.95).padStart(6)} ms   max ${at(1).padStart(6)} ms`;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

runMain(async () => {
  const database = await createThrowawayDatabase({ prefix: 'carepath_bench' });
  const stack = await startReferralStack({ database });
  try {
    let started = performance.now();
    await generate(database.db);
    const { count } = (
      await sql<{ count: number }>`select count(*)::int as count from referral_timeline`.execute(database.db)
    ).rows[0]!;
    console.log(
      `Generated ${ROWS.toLocaleString('en-GB')} referrals and ${count.toLocaleString('en-GB')} timeline rows in ${seconds(started)} s`,
    );

    started = performance.now();
    await rebuildActivity(database.db);
    await sql`vacuum analyze report_daily_activity`.execute(database.db);
    const { rows: activityRows } = await sql<{
      count: number;
    }>`select count(*)::int as count from report_daily_activity`.execute(database.db);
    console.log(
      `Daily counts built from the whole timeline in ${seconds(started)} s (${activityRows[0]!.count.toLocaleString('en-GB')} rows)`,
    );
    started = performance.now();
    await refreshActivity(database.db);
    console.log(
      `A refresh (the last ${RECOUNT_DAYS + 1} days counted again, as each minute's does) took ${seconds(started)} s`,
    );

    // Errors only: a line per request would bury the figures.
    const app = createApp(appInput(stack), {
      logger: jsonLogger((line) => line.includes('"level":"error"') && console.error(line)),
    });
    const provider = await signIn(stack.db, { orgCode: 'RP0', role: 'B1130' });
    const commissioner = await signIn(stack.db, { orgCode: 'QC0', role: 'B1130' });
    const practice = await signIn(stack.db, { orgCode: 'GP7', role: 'B1130' });
    const to = londonDateOf(new Date());
    const { rows: specialty } = await sql<{
      code: string;
    }>`select specialty_code as code from services where id = 1`.execute(stack.db);
    const get = async (session: SessionFixture, path: string) => {
      const res = await app.request(path, { headers: { cookie: session.cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return body;
    };
    const cases: [string, SessionFixture, string][] = [
      ['provider, 4 weeks (the default)', provider, '/reports/dashboard'],
      [
        'provider, 13 weeks, one specialty',
        provider,
        `/reports/dashboard?weeks=13&to=${to}&specialty=${specialty[0]!.code}`,
      ],
      ['provider, 52 weeks, one service', provider, `/reports/dashboard?weeks=52&to=${to}&serviceId=3`],
      ['provider, 52 weeks, everything', provider, `/reports/dashboard?weeks=52&to=${to}`],
      ['commissioner, 13 weeks', commissioner, `/reports/dashboard?weeks=13&to=${to}`],
      ['practice, 4 weeks', practice, '/reports/dashboard'],
      ['provider, the figures as CSV, 13 weeks', provider, `/reports/dashboard/download?weeks=13&to=${to}`],
    ];
    console.log(`\nDashboard through the whole app (${RUNS} runs each, after 10 warm-up runs; goal p95 < 200 ms)`);
    for (const [name, session, path] of cases) {
      for (let i = 0; i < 10; i++) await get(session, path);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        started = performance.now();
        await get(session, path);
        samples.push(performance.now() - started);
      }
      console.log(summary(name, samples));
    }
    console.log(
      `\nMachine load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores (the figures scale with it)`,
    );
  } finally {
    await stack.stop();
    await database.destroy();
  }
});
