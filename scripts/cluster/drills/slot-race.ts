import { randomBytes } from 'node:crypto';
import { CarepathError } from '../../../domain/errors';
import { SERVICES, actorFor, createInput } from '../../../domain/fixtures';
import { defaultPolicy } from '../../../domain/policy';
import { type BookableSlot, addSlot, bookable } from '../../../fixtures/directory';
import { addDbsService } from '../../../fixtures/referrals';
import { actOnReferral, createReferral } from '../../../services/referrals/referral-workflows';
import type { DrillDeployment } from './deployment';
import { SLOT_RESERVATIONS, activityRuns } from './histories';
import { inParallel, slotChecks, untilAnswered, verifyReferrals } from './load';
import type { DrillRecorder } from './report';

export type SlotRaceOptions = { referrals: number; slots: number; attempts: number; concurrency: number };

/**
 * `attempts` booking attempts over `slots` slots from `referrals` referrals at once, with both
 * workers polling, so the slot reservations run side by side in two processes: referral i tries
 * slots i, i+1, ... in turn. A slot must never be held by two referrals, and what each client
 * was told (booked, or the slot taken) must be what its workflow and read row say.
 */
export async function slotRaceDrill(d: DrillDeployment, r: DrillRecorder, options: SlotRaceOptions) {
  const run = randomBytes(4).toString('hex');
  const clinic = await addDbsService(d.db, `Drill clinic ${run}`);
  const slots: BookableSlot[] = [];
  for (let i = 0; i < options.slots; i++) slots.push(bookable(await addSlot(d.db, clinic.serviceId, { daysAhead: 7 })));
  const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic, SERVICES.ras] });
  const gp = actorFor('B1101');

  const ubrns: string[] = [];
  const creating = { retried: 0, failures: {} as Record<string, number> };
  await inParallel(options.referrals, options.concurrency, async (i) => {
    const created = await untilAnswered(
      () =>
        createReferral(d.client, d.db, input, gp, defaultPolicy, {
          taskQueue: d.target.taskQueue,
          idempotencyKey: `race-${run}-${i}`,
        }),
      creating,
    );
    ubrns[i] = created.referral.ubrn;
  });
  if (creating.retried > 0)
    r.did(`creating them, ${creating.retried} calls sent again ${JSON.stringify(creating.failures)}`);
  r.did(`created ${ubrns.length} referrals, each NOT_BOOKED at version 1, and ${options.slots} free slots`);
  creating.retried = 0;
  creating.failures = {};

  const outcomes: Record<string, number> = {};
  const bookedBy = new Map<string, string>();
  const perReferral = Math.ceil(options.attempts / options.referrals);
  const attempts = Array.from({ length: options.attempts }, (_, j) => {
    const referral = j % options.referrals;
    const k = Math.floor(j / options.referrals);
    return { ubrn: ubrns[referral]!, slot: slots[(referral + k) % options.slots]! };
  });
  const started = Date.now();
  await inParallel(attempts.length, options.concurrency, async (j) => {
    const { ubrn, slot } = attempts[j]!;
    let outcome: string;
    try {
      // Its own update id: sent again after an outage, it still books at most once.
      const book = { type: 'BOOK', expectedVersion: 1, serviceId: clinic.serviceId, ...slot } as const;
      await untilAnswered(
        () => actOnReferral(d.client, ubrn, book, gp, { requestId: `race-${run}-attempt-${j}` }),
        creating,
      );
      outcome = 'booked';
      bookedBy.set(ubrn, slot.slotId);
    } catch (error) {
      // A refusal is an answer; anything else is counted too, and fails "every attempt refused or booked".
      outcome = error instanceof CarepathError ? error.code : `${(error as Error).name}: ${(error as Error).message}`;
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  });
  const seconds = (Date.now() - started) / 1000;
  r.did(
    `${attempts.length} booking attempts (${perReferral} per referral, ${options.concurrency} at a time) in ` +
      `${seconds.toFixed(1)} s: ${Object.entries(outcomes)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
  );
  if (creating.retried > 0) {
    r.did(`${creating.retried} booking calls sent again after a failure ${JSON.stringify(creating.failures)}`);
  }
  const reservations = await activityRuns(d.client, ubrns, SLOT_RESERVATIONS);
  r.did(`${reservations.runs} slot reservations ran, on ${reservations.workers.size} worker processes`);

  const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const answered = ['booked', 'SLOT_UNAVAILABLE', 'STALE_VERSION', 'INVALID_REQUEST_STATE']
    .map((k) => outcomes[k] ?? 0)
    .reduce((a, b) => a + b, 0);
  r.check({
    name: 'every attempt booked or refused (slot taken, referral already booked)',
    ok: total === attempts.length && answered === total,
    detail: `${answered} of ${attempts.length}`,
  });
  r.check({
    name: 'reservations ran in both workers at once',
    ok: reservations.workers.size >= Math.min(2, d.workers.length),
    detail: `${reservations.workers.size} worker processes`,
  });
  r.check({
    name: 'no more bookings than slots',
    ok: bookedBy.size <= options.slots && new Set(bookedBy.values()).size === bookedBy.size,
    detail: `${bookedBy.size} referrals told "booked", on ${new Set(bookedBy.values()).size} different slots`,
  });
  r.check(...(await slotChecks(d.target, ubrns)));
  // What each client was told is what its workflow and read row say.
  const booked = ubrns.filter((u) => bookedBy.has(u));
  const notBooked = ubrns.filter((u) => !bookedBy.has(u));
  r.check(...(await verifyReferrals(d.target, booked, { state: 'BOOKED', version: 2 })).map(named('booked')));
  if (notBooked.length > 0) {
    r.check(
      ...(await verifyReferrals(d.target, notBooked, { state: 'NOT_BOOKED', version: 1 }))
        .filter((c) => !c.name.startsWith('reconciliation'))
        .map(named('not booked')),
    );
  }
}

const named = (group: string) => (check: { name: string; ok: boolean; detail: string }) => ({
  ...check,
  name: `${group}: ${check.name}`,
});
