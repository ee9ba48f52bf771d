import { type DrillDeployment, type DrillNeeds, type DrillTemporal, openDrillDeployment } from './deployment';
import { postgresRestartDrill } from './postgres-restart';
import { type DrillReport, type DrillRecorder, drillRecorder, reportLines } from './report';
import { slotRaceDrill } from './slot-race';
import { temporalStopDrill } from './temporal-stop';
import { webKillDrill } from './web-kill';
import { workerKillDrill } from './worker-kill';

/** How big a drill is: `full` for `npm run drill` against the cluster, `ci` for the test suite. */
export type DrillSize = 'full' | 'ci';

type Drill = {
  summary: string;
  needs: DrillNeeds;
  run(d: DrillDeployment, r: DrillRecorder, size: DrillSize): Promise<void>;
};

export const DRILLS = {
  'worker-kill': {
    summary: 'SIGKILL the two workers in turn while referrals move; every referral booked once, no drift',
    needs: { workers: 2 },
    run: (d, r, size) =>
      workerKillDrill(
        d,
        r,
        size === 'full' ? { referrals: 150, concurrency: 10, kills: 4 } : { referrals: 30, concurrency: 6, kills: 1 },
      ),
  },
  'postgres-restart': {
    summary: "restart Carepath's PostgreSQL (the drill's own server) under load; projections retry and catch up",
    needs: { workers: 2, ownPostgres: true },
    run: (d, r, size) =>
      postgresRestartDrill(
        d,
        r,
        size === 'full'
          ? { referrals: 120, concurrency: 10, downMs: 5_000, restarts: 2 }
          : { referrals: 30, concurrency: 6, downMs: 2_000, restarts: 1 },
      ),
  },
  'web-kill': {
    summary: 'kill the web server a form came from; the proxy routes to the other, nothing created twice',
    needs: { workers: 1, web: true },
    run: (d, r) => webKillDrill(d, r),
  },
  'temporal-stop': {
    summary: 'stop Temporal under load; the web says "try again", every referral carries on after',
    needs: { workers: 2, web: true },
    run: (d, r, size) =>
      temporalStopDrill(
        d,
        r,
        size === 'full'
          ? { referrals: 100, concurrency: 10, outageMs: 20_000 }
          : { referrals: 24, concurrency: 6, outageMs: 8_000 },
      ),
  },
  'slot-race': {
    summary: '1,000 booking attempts over 50 slots from both workers at once; no slot held twice',
    needs: { workers: 2 },
    run: (d, r, size) =>
      slotRaceDrill(
        d,
        r,
        size === 'full'
          ? { referrals: 100, slots: 50, attempts: 1_000, concurrency: 40 }
          : { referrals: 30, slots: 15, attempts: 300, concurrency: 20 },
      ),
  },
} satisfies Record<string, Drill>;

export type DrillName = keyof typeof DRILLS;

/** What a deployment needs to run all of `names`. */
export function needsOf(names: DrillName[]): DrillNeeds {
  const drills = names.map((name) => DRILLS[name] as Drill);
  return {
    workers: Math.max(...drills.map((d) => d.needs.workers)),
    web: drills.some((d) => 'web' in d.needs && d.needs.web),
    ownPostgres: drills.some((d) => 'ownPostgres' in d.needs && d.needs.ownPostgres),
  };
}

/**
 * Runs one drill on `deployment` (on referrals of its own) and returns its report; a drill that
 * throws fails "the drill ran to the end". Afterwards every worker and web server is up again,
 * whatever the drill did to them, so the next drill starts whole.
 */
export async function runDrill(
  deployment: DrillDeployment,
  name: DrillName,
  size: DrillSize,
  log: (line: string) => void,
): Promise<DrillReport> {
  const drill: Drill = DRILLS[name];
  log(`\nDrill ${name}: ${drill.summary}`);
  const recorder = drillRecorder(name, log);
  try {
    await drill.run(deployment, recorder, size);
  } catch (error) {
    recorder.check({
      name: 'the drill ran to the end',
      ok: false,
      detail: (error as Error).stack ?? String(error),
    });
  }
  const report = recorder.report();
  // Printed as soon as it is known: a later drill that hangs or is stopped does not lose it.
  log(`\n${reportLines(report).join('\n')}`);
  for (const process of [...deployment.workers, ...deployment.webServers]) {
    if (!process.running) await process.start();
  }
  if (deployment.temporal.kind !== 'external') await deployment.temporal.start();
  return report;
}

/**
 * Starts one deployment with what all the named drills need, runs them one after another on it
 * (each on referrals of its own), and stops everything; one report per drill.
 */
export async function runDrills(
  names: DrillName[],
  temporal: DrillTemporal,
  size: DrillSize,
  log: (line: string) => void,
): Promise<DrillReport[]> {
  const needs = needsOf(names);
  log(
    `Starting a deployment for ${names.join(', ')}: ${needs.workers} workers` +
      `${needs.web ? ', 2 web servers behind HAProxy' : ''}${needs.ownPostgres ? ", Carepath's database on a PostgreSQL of the drills' own" : ''}`,
  );
  const deployment = await openDrillDeployment(temporal, needs, (line) => log(`  ${line}`));
  const reports: DrillReport[] = [];
  try {
    for (const name of names) reports.push(await runDrill(deployment, name, size, log));
  } finally {
    await deployment.close();
  }
  return reports;
}
