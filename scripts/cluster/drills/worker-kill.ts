import { sleep } from '../processes';
import type { DrillDeployment } from './deployment';
import { PROJECTIONS, activityRuns } from './histories';
import { driveReferrals, verifyReferrals } from './load';
import type { DrillRecorder } from './report';

export type WorkerKillOptions = { referrals: number; concurrency: number; kills: number };

/**
 * SIGKILL the workers in turn while referrals move through their lifecycle: each kill loses
 * whatever that worker had in hand (workflow tasks, a projection half done); Temporal gives it
 * to the other worker after a timeout, and the killed one is started again. Afterwards every
 * referral must be BOOKED at version 4, each transition projected, audited and queued once,
 * and reconciliation must find no drift.
 */
export async function workerKillDrill(d: DrillDeployment, r: DrillRecorder, options: WorkerKillOptions) {
  let kills = 0;
  const load = await driveReferrals(d.target, {
    count: options.referrals,
    concurrency: options.concurrency,
    during: async (progress) => {
      while (kills < options.kills && progress() < options.referrals) {
        // Let work build up on the worker first, so the kill lands mid-flight.
        await sleep(1_500);
        const worker = d.workers[kills % d.workers.length]!;
        const done = progress();
        await worker.kill();
        kills++;
        r.did(
          `SIGKILL ${worker.name} (kill ${kills} of ${options.kills}, ${done} of ${options.referrals} referrals booked)`,
        );
        const started = Date.now();
        await worker.start();
        r.did(`  started ${worker.name} again in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    },
  });
  r.did(
    `drove ${load.ubrns.length} referrals through 4 steps each (${load.ubrns.length * 4} calls, ${options.concurrency} at a time); ` +
      `${load.retried} calls sent again after a failure ${JSON.stringify(load.failures)}`,
  );
  const projections = await activityRuns(d.client, load.ubrns, PROJECTIONS);
  r.did(
    `${projections.runs} projection activity runs, ${projections.retries} of them retries, on ${projections.workers.size} worker processes`,
  );
  r.check({
    name: 'workers killed while referrals moved',
    ok: kills >= Math.min(1, options.kills),
    detail: `${kills} SIGKILLs`,
  });
  r.check(...(await verifyReferrals(d.target, load.ubrns, { state: 'BOOKED', version: 4 })));
}
