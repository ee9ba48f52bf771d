import { sleep } from '../processes';
import type { DrillDeployment } from './deployment';
import { PROJECTIONS, activityRuns } from './histories';
import { driveReferrals, verifyReferrals } from './load';
import type { DrillRecorder } from './report';

export type PostgresRestartOptions = { referrals: number; concurrency: number; downMs: number; restarts: number };

/**
 * Restart Carepath's PostgreSQL (the drill's own server, never a shared one) while referrals
 * move: projections fail while it is down and Temporal retries them; the clients' calls that
 * need the database (a new UBRN) fail and are sent again. Afterwards nothing is lost and nothing
 * written twice: every referral BOOKED at version 4, one timeline and audit row per transition,
 * no drift.
 */
export async function postgresRestartDrill(d: DrillDeployment, r: DrillRecorder, options: PostgresRestartOptions) {
  const postgres = d.postgres;
  if (!postgres) throw new Error('The database drill needs a PostgreSQL server of its own');
  let restarts = 0;
  const load = await driveReferrals(d.target, {
    count: options.referrals,
    concurrency: options.concurrency,
    during: async (progress) => {
      while (restarts < options.restarts && progress() < options.referrals) {
        await sleep(2_000);
        const done = progress();
        const started = Date.now();
        await postgres.restart({ downMs: options.downMs });
        restarts++;
        r.did(
          `restarted PostgreSQL (pg_ctl stop -m fast, ${options.downMs / 1000} s down, start) with ${done} of ` +
            `${options.referrals} referrals booked; back after ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    },
  });
  r.did(
    `drove ${load.ubrns.length} referrals through 4 steps each; ${load.retried} calls sent again after a failure ` +
      JSON.stringify(load.failures),
  );
  const projections = await activityRuns(d.client, load.ubrns, PROJECTIONS);
  r.did(`${projections.runs} projection activity runs, ${projections.retries} of them retries (the database was away)`);
  r.check({ name: 'PostgreSQL restarted under load', ok: restarts >= 1, detail: `${restarts} restarts` });
  // A process that crashed on the lost connections would be restarted by an orchestrator, but
  // the restart is an outage of its own: each must ride the restart out.
  const down = [...d.workers, ...d.webServers].filter((p) => !p.running).map((p) => p.name);
  r.check({
    name: 'every worker and web server survived the restarts',
    ok: down.length === 0,
    detail:
      down.length === 0 ? `${d.workers.length + d.webServers.length} still running` : `exited: ${down.join(', ')}`,
  });
  r.check(...(await verifyReferrals(d.target, load.ubrns, { state: 'BOOKED', version: 4 })));
}
