import { randomBytes } from 'node:crypto';
import type { Command } from '../domain/actions';
import { SERVICES, actorFor, createInput } from '../domain/fixtures';
import { defaultPolicy } from '../domain/policy';
import { type BookableSlot, addSlot, bookable } from '../fixtures/directory';
import { addDbsService } from '../fixtures/referrals';
import type { ReferralStack } from '../scripts/referral-stack';
import { actOnReferral, createReferral } from '../services/referrals/referral-workflows';
import { runMain } from '../system/run-main';
import { type DriveFigures, drive } from './lib/drive';
import { startBenchStack } from './lib/stack';

/**
 * `npm run bench:lifecycle -- [referrals=200] [concurrency=20]`: referrals through create,
 * send for triage, accept and book later, and book; prints throughput and the p50/p95 round
 * trip of each step (each step waits for its projection, so these are user-visible latencies).
 */
const STEPS = ['create', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'BOOK'] as const;

export type LifecycleFigures = DriveFigures;

/** Runs `total` referrals through the lifecycle against a running worker on `taskQueue`; returns the figures. */
export async function runLifecycle(
  stack: Pick<ReferralStack, 'db' | 'temporal'> & { taskQueue: string },
  total: number,
  concurrency: number,
): Promise<LifecycleFigures> {
  const clinic = await addDbsService(stack.db, `Benchmark cardiology clinic ${randomBytes(3).toString('hex')}`);
  const slots: BookableSlot[] = [];
  for (let i = 0; i < total; i++) slots.push(bookable(await addSlot(stack.db, clinic.serviceId, { daysAhead: 10 })));
  const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic, SERVICES.ras] });
  return drive(total, concurrency, async (i, timed) => {
    const act = (ubrn: string, command: Command, role: 'B1101' | 'B1110' | 'B1120') =>
      timed(command.type, () => actOnReferral(stack.temporal, ubrn, command, actorFor(role)));
    const options = { taskQueue: stack.taskQueue };
    const gp = actorFor('B1101');
    const { referral } = await timed('create', () =>
      createReferral(stack.temporal, stack.db, input, gp, defaultPolicy, options),
    );
    const ubrn = referral.ubrn;
    await act(ubrn, { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId }, 'B1101');
    await act(
      ubrn,
      { type: 'TRIAGE_OUTCOME', expectedVersion: 2, outcome: 'ACCEPT_BOOK_LATER', comment: 'Book the next clinic' },
      'B1110',
    );
    await act(ubrn, { type: 'BOOK', expectedVersion: 3, serviceId: clinic.serviceId, ...slots[i]! }, 'B1120');
  });
}

/** The figures as the benchmark prints them, under `title`. */
export function lifecycleLines(title: string, figures: LifecycleFigures): string[] {
  const { total, concurrency, seconds, timings } = figures;
  const pct = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1]!;
  return [
    `${title}: ${total} referrals, ${concurrency} at a time: ${seconds.toFixed(1)} s (load average ${figures.load})`,
    `  ${(total / seconds).toFixed(1)} referral lifecycles/s, ${((total * STEPS.length) / seconds).toFixed(1)} calls/s`,
    ...STEPS.map(
      (step) =>
        `  ${step.padEnd(16)} p50 ${pct(timings[step] ?? [], 50)
          .toFixed(0)
          .padStart(5)} ms   p95 ${pct(timings[step] ?? [], 95)
          .toFixed(0)
          .padStart(5)} ms`,
    ),
  ];
}

if (process.argv[1]?.endsWith('lifecycle.ts')) {
  runMain(async () => {
    const total = Number(process.argv[2] ?? 200);
    const concurrency = Number(process.argv[3] ?? 20);
    // A throwaway database each run: a second run never meets the first one's rows.
    const stack = await startBenchStack();
    try {
      const figures = await runLifecycle({ ...stack, taskQueue: stack.target.taskQueue }, total, concurrency);
      console.log(`\n${lifecycleLines(stack.database.description, figures).join('\n')}`);
    } finally {
      await stack.stop();
    }
  });
}
