import { describe, expect, it } from 'vitest';
import { type WeeklyActivity, compared, dashboardFigures, dashboardPeriod, dashboardQuerySchema } from './dashboard';

describe('dashboard period', () => {
  it('is whole seven-day weeks ending on the last day, with as many before to compare', () => {
    expect(dashboardPeriod('2026-11-30', 2)).toEqual({
      weeks: 2,
      from: '2026-11-17',
      to: '2026-11-30',
      previousFrom: '2026-11-03',
      previousTo: '2026-11-16',
      weekEndings: ['2026-11-23', '2026-11-30'],
    });
  });
});

describe('dashboard query', () => {
  it('defaults to four weeks and reads blanks as no filter', () => {
    expect(dashboardQuerySchema.parse({ weeks: '', to: '', specialty: '', serviceId: '' })).toEqual({ weeks: 4 });
  });

  it('names the field at fault', () => {
    const result = dashboardQuerySchema.safeParse({
      weeks: '5',
      to: '2026-02-30',
      specialty: 'x; drop',
      serviceId: 'abc',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual(['serviceId', 'specialty', 'to', 'weeks']);
  });
});

describe('dashboard figures', () => {
  const period = dashboardPeriod('2026-11-30', 2);
  const row = (
    specialty: string,
    week: number,
    event: string,
    events: number,
    turnaroundSeconds = 0,
  ): WeeklyActivity => ({
    specialty,
    week,
    event,
    events,
    turnaroundSeconds,
  });

  it('changes in per cent, none when there was nothing before', () => {
    expect(compared(15, 10)).toEqual({ current: 15, previous: 10, change: 50 });
    expect(compared(2, 3).change).toBe(-33.3);
    expect(compared(4, 0).change).toBeNull();
  });

  it('adds the weeks of each period, by week and by specialty, and works out the rates', () => {
    const figures = dashboardFigures(period, [
      row('CARDIOLOGY', 0, 'CREATE', 3),
      row('CARDIOLOGY', 1, 'CREATE', 2),
      row('CARDIOLOGY', 2, 'CREATE', 4),
      row('DERMATOLOGY', 0, 'CREATE', 1),
      row('CARDIOLOGY', 0, 'BOOK', 2),
      row('CARDIOLOGY', 1, 'RECORD_IBS_ARRANGED', 2),
      row('CARDIOLOGY', 3, 'BOOK', 5),
      row('DERMATOLOGY', 1, 'DEFER_TO_PROVIDER', 2),
      row('CARDIOLOGY', 0, 'TRIAGE_OUTCOME', 2, 3 * 86_400),
      row('CARDIOLOGY', 2, 'TRIAGE_OUTCOME', 1, 2 * 86_400),
      row('CARDIOLOGY', 0, 'ACCEPT', 3),
      row('CARDIOLOGY', 0, 'REJECT', 1),
      row('CARDIOLOGY', 1, 'RECORD_DNA', 1),
      row('CARDIOLOGY', 0, 'CONTACT_TARGET_BREACHED', 2),
      // Outside both periods and not a counted event: ignored.
      row('CARDIOLOGY', 4, 'CREATE', 100),
      row('CARDIOLOGY', 0, 'ADD_LETTER', 100),
    ]);
    expect(figures.weekly).toEqual([
      { weekEnding: '2026-11-23', referrals: 2, bookings: 2, slotIssues: 2 },
      { weekEnding: '2026-11-30', referrals: 4, bookings: 2, slotIssues: 0 },
    ]);
    expect(figures.totals).toEqual({
      referrals: { current: 6, previous: 4, change: 50 },
      bookings: { current: 4, previous: 5, change: -20 },
      slotIssues: { current: 2, previous: 0, change: null },
    });
    expect(figures.bySpecialty.map((s) => [s.specialty, s.referrals.current, s.slotIssues.current])).toEqual([
      ['CARDIOLOGY', 5, 0],
      ['DERMATOLOGY', 1, 2],
    ]);
    expect(figures.triage).toEqual({
      outcomes: { current: 2, previous: 1, change: 100 },
      averageDays: { current: 1.5, previous: 2 },
    });
    expect(figures.breaches).toEqual({ current: 2, previous: 0, change: null });
    expect(figures.rejectionRate).toEqual({ current: 25, previous: null });
    expect(figures.dnaRate).toEqual({ current: 25, previous: 0 });
  });
});
