import { z } from 'zod';
import { addDays, isIsoDate } from './date-range';

/**
 * The activity dashboard's rules: which timeline events count as what, the periods it
 * compares, and the arithmetic of changes and rates. The figures come from daily counts of
 * timeline events (`db/reports/activity.repository.ts`), so every number here can be checked
 * against the action extract for the same days.
 */

/** Periods offered: four weeks, a quarter, half a year, a year; each compared with the one before. */
export const DASHBOARD_WEEKS = [4, 13, 26, 52] as const;

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

export const dashboardQuerySchema = z.object({
  weeks: z.preprocess(
    blankToUndefined,
    z
      .enum(DASHBOARD_WEEKS.map(String) as [string, ...string[]], { error: 'Choose a period from the list' })
      .default('4')
      .transform(Number),
  ),
  to: z.preprocess(
    blankToUndefined,
    z.string().trim().refine(isIsoDate, 'Enter a real date, like 2026-12-01').optional(),
  ),
  specialty: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Z0-9_]{1,60}$/, 'Choose a specialty from the list')
      .optional(),
  ),
  serviceId: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,18}$/, 'Choose a service from the list')
      .optional(),
  ),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** `weeks` seven-day weeks ending on `to` (inclusive), and as many before them to compare with. */
export type DashboardPeriod = {
  weeks: number;
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** The last day of each week of the period, oldest first. */
  weekEndings: string[];
};

export function dashboardPeriod(to: string, weeks: number): DashboardPeriod {
  const from = addDays(to, -7 * weeks + 1);
  return {
    weeks,
    from,
    to,
    previousFrom: addDays(from, -7 * weeks),
    previousTo: addDays(from, -1),
    weekEndings: Array.from({ length: weeks }, (_, i) => addDays(to, -7 * (weeks - 1 - i))),
  };
}

/** Which timeline events each figure counts. */
export const DASHBOARD_EVENTS = {
  referrals: ['CREATE'],
  // A directly bookable slot booked, or an indirectly bookable appointment the provider arranged.
  bookings: ['BOOK', 'RECORD_IBS_ARRANGED'],
  slotIssues: ['DEFER_TO_PROVIDER'],
  triaged: ['TRIAGE_OUTCOME'],
  breaches: ['CONTACT_TARGET_BREACHED'],
  accepted: ['ACCEPT'],
  rejected: ['REJECT'],
  dnas: ['RECORD_DNA'],
  // Advice and Guidance, counted from the advice conversations' entries under names of their own
  // (db/reports/activity.repository.ts): requests asked, first provider responses (with the time
  // since the request), conversations ended (closed, cancelled or converted) and converted.
  adviceRequests: ['AG_REQUEST'],
  adviceResponses: ['AG_FIRST_RESPONSE'],
  adviceEnded: ['AG_ENDED'],
  adviceConverted: ['AG_CONVERTED'],
} as const satisfies Record<string, readonly string[]>;
export type DashboardMetric = keyof typeof DASHBOARD_EVENTS;

export const DASHBOARD_EVENT_TYPES: readonly string[] = Object.values(DASHBOARD_EVENTS).flat();

/**
 * Events of one type for one specialty in one week: week 0 ends on the period's last day, week
 * `weeks` is the first week of the period before. For triage outcomes, `turnaroundSeconds` sums
 * the time each referral waited since it entered the state the outcome took it out of.
 */
export type WeeklyActivity = {
  specialty: string;
  week: number;
  event: string;
  events: number;
  turnaroundSeconds: number;
};

/** A count this period and the period before; `change` in per cent, null when there was nothing before. */
export type Compared = { current: number; previous: number; change: number | null };
/** A percentage this period and the one before; null where the denominator is nought. */
export type Rate = { current: number | null; previous: number | null };

export type HeadlineFigures = { referrals: Compared; bookings: Compared; slotIssues: Compared };

export type DashboardFigures = {
  period: DashboardPeriod;
  weekly: { weekEnding: string; referrals: number; bookings: number; slotIssues: number }[];
  totals: HeadlineFigures;
  bySpecialty: ({ specialty: string } & HeadlineFigures)[];
  triage: { outcomes: Compared; averageDays: Rate };
  breaches: Compared;
  /** Rejections per 100 referrals accepted or rejected. */
  rejectionRate: Rate;
  /** Did-not-attends recorded per 100 bookings made in the same period. */
  dnaRate: Rate;
  advice: {
    requests: Compared;
    /** First responses from the provider (advice given or more information asked for). */
    responses: Compared;
    /** Average days from the request to the provider's first response, over the responses in the period. */
    averageResponseDays: Rate;
    /** Conversations converted to a referral per 100 that ended (closed, cancelled or converted) in the period. */
    conversionRate: Rate;
  };
};

export function compared(current: number, previous: number): Compared {
  return { current, previous, change: previous === 0 ? null : round1(((current - previous) / previous) * 100) };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (part: number, whole: number) => (whole === 0 ? null : round1((part / whole) * 100));

/** The dashboard's figures from the weekly counts of one organisation (already filtered by specialty or service). */
export function dashboardFigures(period: DashboardPeriod, activity: readonly WeeklyActivity[]): DashboardFigures {
  const metricOf = new Map<string, DashboardMetric>(
    Object.entries(DASHBOARD_EVENTS).flatMap(([metric, events]) => events.map((e) => [e, metric as DashboardMetric])),
  );
  type Sums = Record<DashboardMetric, number> & { turnaround: number; adviceTurnaround: number };
  const empty = (): Sums => ({
    referrals: 0,
    bookings: 0,
    slotIssues: 0,
    triaged: 0,
    breaches: 0,
    accepted: 0,
    rejected: 0,
    dnas: 0,
    adviceRequests: 0,
    adviceResponses: 0,
    adviceEnded: 0,
    adviceConverted: 0,
    turnaround: 0,
    adviceTurnaround: 0,
  });
  const current = empty();
  const previous = empty();
  const weekly = period.weekEndings.map(() => empty());
  const specialties = new Map<string, { current: Sums; previous: Sums }>();

  for (const row of activity) {
    const metric = metricOf.get(row.event);
    if (!metric || row.week < 0 || row.week >= 2 * period.weeks) continue;
    const isCurrent = row.week < period.weeks;
    const bySpecialty =
      specialties.get(row.specialty) ??
      specialties.set(row.specialty, { current: empty(), previous: empty() }).get(row.specialty)!;
    for (const sums of isCurrent
      ? [current, bySpecialty.current, weekly[period.weeks - 1 - row.week]!]
      : [previous, bySpecialty.previous]) {
      sums[metric] += row.events;
      if (metric === 'triaged') sums.turnaround += row.turnaroundSeconds;
      if (metric === 'adviceResponses') sums.adviceTurnaround += row.turnaroundSeconds;
    }
  }

  const headline = (now: Sums, before: Sums): HeadlineFigures => ({
    referrals: compared(now.referrals, before.referrals),
    bookings: compared(now.bookings, before.bookings),
    slotIssues: compared(now.slotIssues, before.slotIssues),
  });
  const responseDays = (sums: Sums) =>
    sums.adviceResponses === 0 ? null : round1(sums.adviceTurnaround / sums.adviceResponses / 86_400);
  const averageDays = (sums: Sums) => (sums.triaged === 0 ? null : round1(sums.turnaround / sums.triaged / 86_400));
  return {
    period,
    weekly: period.weekEndings.map((weekEnding, i) => ({
      weekEnding,
      referrals: weekly[i]!.referrals,
      bookings: weekly[i]!.bookings,
      slotIssues: weekly[i]!.slotIssues,
    })),
    totals: headline(current, previous),
    bySpecialty: [...specialties]
      .map(([specialty, sums]) => ({ specialty, ...headline(sums.current, sums.previous) }))
      .filter((s) => [s.referrals, s.bookings, s.slotIssues].some((c) => c.current + c.previous > 0))
      .sort((a, b) => b.referrals.current - a.referrals.current || a.specialty.localeCompare(b.specialty)),
    triage: {
      outcomes: compared(current.triaged, previous.triaged),
      averageDays: { current: averageDays(current), previous: averageDays(previous) },
    },
    breaches: compared(current.breaches, previous.breaches),
    rejectionRate: {
      current: percent(current.rejected, current.accepted + current.rejected),
      previous: percent(previous.rejected, previous.accepted + previous.rejected),
    },
    dnaRate: { current: percent(current.dnas, current.bookings), previous: percent(previous.dnas, previous.bookings) },
    advice: {
      requests: compared(current.adviceRequests, previous.adviceRequests),
      responses: compared(current.adviceResponses, previous.adviceResponses),
      averageResponseDays: { current: responseDays(current), previous: responseDays(previous) },
      conversionRate: {
        current: percent(current.adviceConverted, current.adviceEnded),
        previous: percent(previous.adviceConverted, previous.adviceEnded),
      },
    },
  };
}
