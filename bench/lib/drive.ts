import { performance } from 'node:perf_hooks';
import { load, percentile, round } from './measure';

export type DriveFigures = {
  total: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  /** Milliseconds of each call, by step. */
  timings: Record<string, number[]>;
  /** The 1-minute load average when the run ended. */
  load: number;
  /** Units that failed (the first error is printed); not counted in perSecond. */
  failed?: number;
};

/**
 * Runs `total` units of work, `concurrency` at a time; each unit times its steps through the
 * `timed` it is given.
 */
export async function drive(
  total: number,
  concurrency: number,
  one: (i: number, timed: <T>(step: string, work: () => Promise<T>) => Promise<T>) => Promise<void>,
): Promise<DriveFigures> {
  const timings: Record<string, number[]> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    (timings[step] ??= []).push(performance.now() - start);
    return result;
  };
  const started = performance.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        try {
          await one(next++, timed);
        } catch (error) {
          // One failure (a timeout on an overloaded machine) must not abandon the others mid-call.
          if (failed++ === 0)
            console.error(`a unit failed: ${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const done = total - failed;
  return {
    total,
    concurrency,
    seconds: round(seconds, 2),
    perSecond: round(done / seconds, 2),
    timings,
    load: load(),
    failed,
  };
}

/** p50 and p95 of each step, in ms. */
export function stepSummary(timings: Record<string, number[]>) {
  return Object.fromEntries(
    Object.entries(timings).map(([step, values]) => [
      step,
      { p50: round(percentile(values, 50), 1), p95: round(percentile(values, 95), 1), n: values.length },
    ]),
  );
}

export function stepLines(timings: Record<string, number[]>): string[] {
  return Object.entries(stepSummary(timings)).map(
    ([step, { p50, p95 }]) =>
      `  ${step.padEnd(20)} p50 ${p50.toFixed(0).padStart(5)} ms   p95 ${p95.toFixed(0).padStart(5)} ms`,
  );
}
