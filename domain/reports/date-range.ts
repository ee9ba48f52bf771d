import { z } from 'zod';

/** Days, inclusive, as ISO dates in Europe/London (the database turns them into instants). */
export type DateRange = { from: string; to: string };

/** e-RS offers a day or whole months; a year at most keeps one download to a sensible size. */
export const MAX_MONTHS = 12;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-(0[1-9]|1[0-2])$/;

const realDate = (value: string) =>
  isoDate.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The last day of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/**
 * What an extract form sends: `period` "day" with `day` (YYYY-MM-DD), or "months" with
 * `fromMonth` and `toMonth` (YYYY-MM). Errors are named by the field to correct.
 */
export const dateRangeQuerySchema = z
  .discriminatedUnion(
    'period',
    [
      z.object({
        period: z.literal('day'),
        day: z.string().trim().refine(realDate, 'Enter a real date, like 2026-12-01'),
      }),
      z.object({
        period: z.literal('months'),
        fromMonth: z.string().trim().regex(isoMonth, 'Enter the first month, like 2026-10'),
        toMonth: z.string().trim().regex(isoMonth, 'Enter the last month, like 2026-12'),
      }),
    ],
    { error: 'Enter a day, or the first and last months' },
  )
  .superRefine((query, ctx) => {
    if (query.period !== 'months') return;
    const months = monthIndex(query.toMonth) - monthIndex(query.fromMonth) + 1;
    if (months < 1)
      ctx.addIssue({
        code: 'custom',
        path: ['toMonth'],
        message: 'The last month must be the same as or after the first month',
      });
    else if (months > MAX_MONTHS) {
      ctx.addIssue({ code: 'custom', path: ['toMonth'], message: `Choose ${MAX_MONTHS} months or fewer` });
    }
  })
  .transform((query): DateRange =>
    query.period === 'day'
      ? { from: query.day, to: query.day }
      : { from: `${query.fromMonth}-01`, to: lastDayOf(query.toMonth) },
  );

/** The ISO date `days` after (or before) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether `value` is a real ISO calendar date. */
export function isIsoDate(value: string): boolean {
  return realDate(value);
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** The Europe/London calendar date of an instant, as an ISO date: the day staff would call it. */
export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}
