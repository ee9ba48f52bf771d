import { performance } from 'node:perf_hooks';
import { addOrganisations, addService, addSlot, bookable, shortlisted } from '../fixtures/directory';
import { type SessionFixture, signIn } from '../fixtures/identity';
import { appInput } from '../system/system';
import { createApp } from '../web/app';
import { jsonLogger } from '../web/observability/logging';
import { type DriveFigures, drive, stepSummary } from './lib/drive';
import { percentile, round } from './lib/measure';
import { type Row, atMost, row } from './lib/results';
import type { BenchStack } from './lib/stack';

const GP = 'B86001';
const TRUST = 'RBN01';

/**
 * Action round trips through the web app, in process (`app.request`, no sockets): the POST, the
 * workflow update and its projection, the 303, and the GET that renders the page it leads to.
 * Each referral goes create (submit on Check your answers), send for triage, accept and book
 * later, book; the draft is made beforehand, untimed. Goals: p95 < 100 ms one at a time,
 * < 250 ms at concurrency 20, for every command.
 */
export async function runRoundTrips(
  stack: BenchStack,
  options: { sequential: number; concurrency: number; log: (line: string) => void },
): Promise<{ rows: Row[]; details: unknown }> {
  const app = createApp(appInput(stack), { logger: jsonLogger(() => {}) });
  await addOrganisations(stack.db, [
    { ods_code: GP, name: 'Bench Surgery', type: 'GP_PRACTICE' },
    { ods_code: TRUST, name: 'Bench Hospitals', type: 'PROVIDER' },
  ]);
  const ras = shortlisted(
    await addService(stack.db, {
      provider_org_code: TRUST,
      name: 'Bench referral assessment',
      request_types: ['TRIAGE'],
      location: 'Bench',
      indicative_wait_days: 10,
    }),
  );
  const gp = await signIn(stack.db, { orgCode: GP, role: 'B1101', userId: 'bench-gp' });
  const clinician = await signIn(stack.db, { orgCode: TRUST, role: 'B1110', userId: 'bench-consultant' });
  const clerk = await signIn(stack.db, { orgCode: TRUST, role: 'B1120', userId: 'bench-clerk' });
  const referrals = stack.services.referrals;

  const post = (session: SessionFixture, path: string, form: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: session.csrfToken, ...form }),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
  /** POST, expect the redirect, render where it leads: the user's wait. */
  const roundTrip = async (session: SessionFixture, path: string, form: Record<string, string>) => {
    const res = await post(session, path, form);
    if (res.status !== 303) throw new Error(`${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    const location = res.headers.get('location')!;
    const page = await app.request(location, { headers: { cookie: session.cookie } });
    await page.text();
    if (page.status !== 200) throw new Error(`${location}: ${page.status}`);
    return location;
  };

  const prepare = async (count: number) => {
    const ready: { draftId: string; slot: ReturnType<typeof bookable> }[] = [];
    for (let i = 0; i < count; i++) {
      const started = await referrals.startDraft(gp.actor, {
        details: {
          priority: 'ROUTINE',
          patient: {
            nhsNumber: '9434765919',
            givenName: 'Bench',
            familyName: 'Patient',
            dateOfBirth: '1958-05-04',
            sex: 'female',
            postcode: 'LS1 5AB',
            registeredPracticeCode: GP,
          },
          specialty: 'CARDIOLOGY',
          clinicType: undefined,
          reason: 'Palpitations',
          clinicalInformation: '',
        },
        letter: { status: 'TO_FOLLOW' },
        patientSource: 'manual',
      });
      if (!started.ok) throw started.refused;
      await referrals.saveDraftShortlist(gp.actor, started.draftId, [ras]);
      ready.push({
        draftId: started.draftId,
        slot: bookable(await addSlot(stack.db, ras.serviceId, { daysAhead: 10 })),
      });
    }
    return ready;
  };

  const lifecycle =
    (ready: Awaited<ReturnType<typeof prepare>>) =>
    async (i: number, timed: <T>(step: string, work: () => Promise<T>) => Promise<T>) => {
      const { draftId, slot } = ready[i]!;
      const created = await timed('create', () =>
        roundTrip(gp, `/referrals/drafts/${draftId}/submit`, { choice: 'later' }),
      );
      const ubrn = /\/referrals\/(\d{12})\/created/.exec(created)![1]!;
      await timed('SEND_FOR_TRIAGE', () =>
        roundTrip(gp, `/referrals/${ubrn}/actions/SEND_FOR_TRIAGE`, {
          expectedVersion: '1',
          'SEND_FOR_TRIAGE-serviceId': ras.serviceId,
        }),
      );
      await timed('TRIAGE_OUTCOME', () =>
        roundTrip(clinician, `/referrals/${ubrn}/actions/TRIAGE_OUTCOME`, {
          expectedVersion: '2',
          form: 'TRIAGE_OUTCOME-later',
          'TRIAGE_OUTCOME-later-comment': 'Book the next clinic',
        }),
      );
      await timed('BOOK', () =>
        roundTrip(clerk, `/referrals/${ubrn}/book`, {
          expectedVersion: '3',
          service: ras.serviceId,
          date: slot.start.slice(0, 10),
          slot: slot.slotId,
        }),
      );
    };

  const warm = await prepare(5);
  const seqReady = await prepare(options.sequential);
  const concReady = await prepare(options.sequential * 2);
  options.log('web round trips: warming up');
  await drive(warm.length, 1, lifecycle(warm));
  options.log(`web round trips: ${seqReady.length} one at a time`);
  const started = performance.now();
  const seq = await drive(seqReady.length, 1, lifecycle(seqReady));
  options.log(
    `web round trips: ${concReady.length} at concurrency ${options.concurrency} (${((performance.now() - started) / 1000).toFixed(0)} s so far)`,
  );
  const conc = await drive(concReady.length, options.concurrency, lifecycle(concReady));
  const steps = ['create', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'BOOK'];
  const p95 = (figures: DriveFigures, step: string) => round(percentile(figures.timings[step] ?? [], 95), 1);
  return {
    rows: [
      ...steps.map((step) => row(`web round trip ${step} p95, sequential`, p95(seq, step), 'ms', atMost(100))),
      ...steps.map((step) =>
        row(`web round trip ${step} p95, c=${options.concurrency}`, p95(conc, step), 'ms', atMost(250)),
      ),
    ],
    details: {
      sequential: { load: seq.load, steps: stepSummary(seq.timings) },
      concurrent: { load: conc.load, perSecond: conc.perSecond, steps: stepSummary(conc.timings) },
    },
  };
}
