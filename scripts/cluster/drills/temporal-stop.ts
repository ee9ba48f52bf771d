import { REFERRER_ORG } from '../../../domain/fixtures';
import { addOrganisation } from '../../../fixtures/directory';
import { signIn } from '../../../fixtures/identity';
import { sleep } from '../processes';
import type { DrillDeployment } from './deployment';
import { driveReferrals, verifyReferrals } from './load';
import type { DrillRecorder } from './report';
import { httpBrowser, leaksInternals } from './web';

export type TemporalStopOptions = { referrals: number; concurrency: number; outageMs: number };

/**
 * Stop Temporal while referrals move and staff use the web: meanwhile every page either works
 * from the read tables or says plainly to try again (503), never a stack trace or "refused";
 * once Temporal is back every referral carries on to BOOKED, and the action a user could not
 * send during the outage goes through, once, when sent again.
 */
export async function temporalStopDrill(d: DrillDeployment, r: DrillRecorder, options: TemporalStopOptions) {
  if (d.temporal.kind === 'external') throw new Error('The Temporal drill needs a Temporal it can stop');
  await addOrganisation(d.db, {
    ods_code: REFERRER_ORG,
    name: 'Drill Surgery',
    type: 'GP_PRACTICE',
    postcode: 'LS1 4AP',
  });
  // The load's referrals are the fixtures' GP's (user-b1101): the web user is that GP.
  const session = await signIn(d.db, { userId: 'user-b1101', orgCode: REFERRER_ORG, role: 'B1101' });
  const browser = httpBrowser(d.appUrl, session);

  const statuses: Record<string, number> = {};
  const leaks: string[] = [];
  let probes = 0;
  let outageSeconds = 0;
  let probeUbrn: string | undefined;
  const load = await driveReferrals(d.target, {
    count: options.referrals,
    concurrency: options.concurrency,
    during: async (progress, booked) => {
      while (progress() < Math.max(1, options.referrals / 4)) await sleep(200);
      // One of this drill's own referrals, booked at version 4 (others on the deployment are other drills').
      probeUbrn = booked()[0]!;
      const done = progress();
      const stopped = Date.now();
      await d.temporal.stop();
      r.did(`stopped Temporal (${d.temporal.description}) with ${done} of ${options.referrals} referrals booked`);
      const probe = async (what: string, send: () => ReturnType<typeof browser.get>) => {
        const page = await send();
        probes++;
        const key = `${what} ${page.status}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        const leak = leaksInternals(page.body);
        if (leak) leaks.push(`${what}: ${leak}`);
        if (page.status !== 200 && page.status !== 303 && !/try again/i.test(page.body)) {
          leaks.push(`${what}: ${page.status} without "try again"`);
        }
      };
      while (Date.now() - stopped < options.outageMs) {
        await Promise.all([
          probe('referral page', () => browser.get(`/referrals/${probeUbrn}`)),
          probe('cancel action', () => browser.post(`/referrals/${probeUbrn}/actions/CANCEL_REFERRAL`, cancelForm)),
          probe('worklist', () => browser.get('/worklists/awaiting-booking')),
        ]);
      }
      outageSeconds = (Date.now() - stopped) / 1000;
      await d.temporal.start();
      r.did(`started Temporal again after ${outageSeconds.toFixed(0)} s; ${probes} web requests during the outage`);
    },
  });
  r.did(
    `web answers during the outage: ${Object.entries(statuses)
      .map(([k, v]) => `${v}x ${k}`)
      .join(', ')}`,
  );
  r.did(
    `drove ${load.ubrns.length} referrals through 4 steps each; ${load.retried} calls sent again after a failure ` +
      JSON.stringify(load.failures),
  );
  r.check({
    name: 'during the outage: every page worked or said "try again", none showed internals',
    ok: probes > 0 && leaks.length === 0,
    detail: `${probes} requests, ${leaks.length} bad${leaks.length ? `: ${leaks.slice(0, 3).join('; ')}` : ''}`,
  });
  const refusedInOutage = Object.entries(statuses)
    .filter(([k]) => k.startsWith('cancel action'))
    .every(([k]) => k.endsWith('503'));
  r.check({
    name: 'during the outage: the action was not sent, and said so (503)',
    ok: refusedInOutage,
    detail: Object.entries(statuses)
      .filter(([k]) => k.startsWith('cancel action'))
      .map(([k, v]) => `${v}x ${k}`)
      .join(', '),
  });
  // The user sends the action the outage stopped once more: now it goes through, once.
  const resent = await browser.post(`/referrals/${probeUbrn}/actions/CANCEL_REFERRAL`, cancelForm);
  const probeRow = await d.db
    .selectFrom('referrals')
    .select(['state', 'version'])
    .where('ubrn', '=', probeUbrn!)
    .executeTakeFirstOrThrow();
  r.did(
    `sent the cancel again after the outage: ${resent.status}; the referral is ${probeRow.state} v${probeRow.version}`,
  );
  r.check({
    name: 'after the outage: the action sent again goes through once',
    ok: resent.status === 303 && probeRow.state === 'CANCELLED_REFERRAL' && probeRow.version === 5,
    detail: `${resent.status}, ${probeRow.state} at version ${probeRow.version}`,
  });
  const others = load.ubrns.filter((ubrn) => ubrn !== probeUbrn);
  r.check(...(await verifyReferrals(d.target, others, { state: 'BOOKED', version: 4 })));
}

const cancelForm = {
  expectedVersion: '4',
  'CANCEL_REFERRAL-reason': 'PATIENT_REQUEST_CANCELLATION_OTHER',
  'CANCEL_REFERRAL-comment': 'Drill: sent while Temporal was down',
};
