import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { signIn } from '../fixtures/identity';
import { ensureTemporalCli } from '../scripts/temporal-cli';
import { startTemporalDevServer } from '../scripts/temporal-dev-server';
import { freePort } from '../system/ports';
import { runMain } from '../system/run-main';
import { createThrowawayDatabase } from '../system/throwaway-database';

/**
 * `npm run bench:extract`: the action extract of 1,000,000 rows, streamed by a real web server
 * process (`server.ts`, on its own, against a throwaway PostgreSQL database and a Temporal dev
 * server) to an HTTP client that reads it as fast as it can. Prints the time to the last byte, rows
 * per second, the server's CPU time (which the machine's load does not change), its peak resident
 * memory (VmHWM, from /proc) and the load average during the run. Goals: under 30 s, under 200 MB.
 * The provider `RP0` relates to all 1,000,000 actions of the month; another 200,000 actions of
 * other providers are in the same month, so the scoping has something to leave out.
 */
const ROWS = Number(process.argv[2] ?? 1_000_000);
const EVENTS_PER_REFERRAL = 4;
const MONTH = '2026-10';

async function generate(db: Kysely<Database>): Promise<void> {
  const referrals = Math.ceil((ROWS / EVENTS_PER_REFERRAL) * 1.2);
  await sql`insert into organisations (ods_code, name, type)
    select 'RP' || i, 'Provider ' || i, 'PROVIDER' from generate_series(0, 9) i
    union all select 'GP' || i, 'Practice ' || i, 'GP_PRACTICE' from generate_series(0, 99) i`.execute(db);
  // Five in six referrals are with RP0: 1,000,000 of their actions fall in the month.
  await sql`insert into referrals (ubrn, version, state, priority, priority_rank, service_id, service_name,
      provider_org_code, referrer_org_code, referring_clinician_id, specialty, clinic_type, contact_by, breached,
      letter_status, appointment_start, expired, nhs_number, given_name, family_name, date_of_birth,
      created_at, updated_at, snapshot)
    select (500000000000 + i)::text, 4, 'BOOKED', 'ROUTINE', 2, (i % 50)::text, 'Clinic ' || (i % 50),
      case when i % 6 = 0 then 'RP' || (1 + i % 9) else 'RP0' end, 'GP' || (i % 100), 'user-' || (i % 500),
      'CARDIOLOGY', null, null, false, 'ATTACHED', null, false, '999' || lpad((i % 10000000)::text, 7, '0'),
      'Given', 'Family', date '1960-01-01', timestamptz '${sql.raw(MONTH)}-01' + (i % 2500000) * interval '1 second',
      timestamptz '${sql.raw(MONTH)}-01', '{}'::jsonb
    from generate_series(1, ${referrals}::int) i`.execute(db);
  await sql`insert into referral_timeline (ubrn, version, type, at, actor_user_id, actor_name, actor_role, actor_org,
      from_state, to_state, reason_code, outcome, summary)
    select r.ubrn, v, (array['CREATE', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'BOOK'])[v],
      r.created_at + (v - 1) * interval '3 hours', 'user-1', 'Dr Bench, "Cardiology"',
      (array['B1101', 'B1101', 'B1110', 'B1120'])[v], case when v = 3 then r.provider_org_code else r.referrer_org_code end,
      (array[null, 'NOT_BOOKED', 'AWAITING_TRIAGE', 'TRIAGED_PROVIDER_TO_ACTION'])[v],
      (array['NOT_BOOKED', 'AWAITING_TRIAGE', 'TRIAGED_PROVIDER_TO_ACTION', 'BOOKED'])[v],
      null, case when v = 3 then 'ACCEPT_BOOK_LATER' end, 'Step ' || v
    from referrals r cross join generate_series(1, ${EVENTS_PER_REFERRAL}) v
    -- In time order, as the projection appends them: the table's pages follow the clock.
    order by 4`.execute(db);
  await sql`vacuum analyze referrals`.execute(db);
  await sql`vacuum analyze referral_timeline`.execute(db);
}

/** CPU time the process has used, user and system, in seconds (from /proc; ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The server process's peak and current resident memory, in MB, from /proc. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

runMain(async () => {
  const database = await createThrowawayDatabase({ prefix: 'carepath_bench' });
  const dataDir = mkdtempSync(join(tmpdir(), 'carepath-bench-extract-'));
  const temporal = await startTemporalDevServer({
    cliPath: await ensureTemporalCli(),
    port: await freePort(),
    namespace: 'default',
  });
  let server: ReturnType<typeof spawn> | undefined;
  try {
    let started = performance.now();
    await generate(database.db);
    const { count } = (
      await sql<{ count: number }>`select count(*)::int as count from referral_timeline
      join referrals using (ubrn) where provider_org_code = 'RP0'`.execute(database.db)
    ).rows[0]!;
    console.log(
      `Generated ${count.toLocaleString('en-GB')} actions for RP0 (and more for others) in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );

    const port = await freePort();
    // node itself (not the tsx wrapper, which would be a second process) runs server.ts.
    server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: temporal.address,
        CAREPATH_DATA_DIR: dataDir,
        CAREPATH_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('exit', (code) => reject(new Error(`server.ts exited (${code}) before it was listening`)));
      server!.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Carepath web on')) resolve();
      });
    });
    const pid = server.pid!;
    const atStart = memoryOf(pid);
    const analyst = await signIn(database.db, { orgCode: 'RP0', role: 'B1130' });

    let peakDuring = 0;
    const loads: number[] = [];
    const sampler = setInterval(() => {
      peakDuring = Math.max(peakDuring, memoryOf(pid).now);
      loads.push(loadavg()[0]!);
    }, 100);
    const cpuBefore = cpuSecondsOf(pid);
    started = performance.now();
    const response = await fetch(
      `http://127.0.0.1:${port}/reports/extracts/actions?period=months&fromMonth=${MONTH}&toMonth=${MONTH}`,
      {
        headers: { cookie: analyst.cookie },
      },
    );
    if (response.status !== 200) throw new Error(`extract: HTTP ${response.status}`);
    let bytes = 0;
    let lines = 0;
    let firstByte = 0;
    for await (const chunk of response.body!) {
      if (!firstByte) firstByte = performance.now() - started;
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSecondsOf(pid) - cpuBefore;
    clearInterval(sampler);
    const end = memoryOf(pid);
    // Quoted fields carry no line breaks here, so lines less the header are rows.
    console.log(
      `\nAction extract of ${(lines - 1).toLocaleString('en-GB')} rows (${(bytes / 1e6).toFixed(0)} MB of CSV), streamed by server.ts over HTTP`,
    );
    console.log(`  first byte            ${firstByte.toFixed(0)} ms`);
    console.log(
      `  time to last byte     ${seconds.toFixed(1)} s   (${Math.round((lines - 1) / seconds).toLocaleString('en-GB')} rows/s; goal < 30 s)`,
    );
    console.log(
      `  server RSS            ${atStart.now.toFixed(0)} MB before, ${peakDuring.toFixed(0)} MB highest sampled during, ${end.now.toFixed(0)} MB after`,
    );
    console.log(
      `  server CPU            ${cpu.toFixed(1)} s user+system during the download (${Math.round((lines - 1) / cpu).toLocaleString('en-GB')} rows per CPU-second; does not scale with the load)`,
    );
    const mean = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    console.log(
      `  machine load average  ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} during (mean ${mean.toFixed(1)}), ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end, on ${cpus().length} cores (wall time scales with it)`,
    );
    console.log(`  server peak RSS       ${end.peak.toFixed(0)} MB (VmHWM, whole life of the process; goal < 200 MB)`);
    if (lines - 1 !== count) throw new Error(`expected ${count} rows, got ${lines - 1}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await temporal.stop();
    await database.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
