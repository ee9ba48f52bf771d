import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES, isBankHoliday } from './bank-holidays';
import {
  addWorkingDays,
  endOfLondonDay,
  isBritishSummerTime,
  isWorkingDay,
  isoDateOf,
  londonDateOf,
} from './working-days';

// An independent derivation of the rules (anonymous Gregorian Easter algorithm) to check the data.
function easterSunday(y: number): Date {
  const a = y % 19,
    b = Math.floor(y / 100),
    c = y % 100,
    d = Math.floor(b / 4),
    e = b % 4;
  const f = Math.floor((b + 8) / 25),
    g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30,
    i = Math.floor(c / 4),
    k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7,
    m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31),
    day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(y, month - 1, day));
}
const iso = (d: Date) => d.toISOString().slice(0, 10);
const plus = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const nextWeekday = (d: Date) => (d.getUTCDay() === 6 ? plus(d, 2) : d.getUTCDay() === 0 ? plus(d, 1) : d);
function monday(y: number, m: number, which: 'first' | 'last'): Date {
  let d = which === 'first' ? new Date(Date.UTC(y, m, 1)) : new Date(Date.UTC(y, m + 1, 0));
  while (d.getUTCDay() !== 1) d = plus(d, which === 'first' ? 1 : -1);
  return d;
}
function derive(y: number): string[] {
  const easter = easterSunday(y);
  let christmas = new Date(Date.UTC(y, 11, 25));
  let boxing = new Date(Date.UTC(y, 11, 26));
  if (christmas.getUTCDay() === 6) [christmas, boxing] = [plus(christmas, 2), plus(boxing, 2)];
  else if (christmas.getUTCDay() === 0) christmas = plus(christmas, 2);
  else if (boxing.getUTCDay() === 6) boxing = plus(boxing, 2);
  return [
    nextWeekday(new Date(Date.UTC(y, 0, 1))),
    plus(easter, -2),
    plus(easter, 1),
    monday(y, 4, 'first'),
    monday(y, 4, 'last'),
    monday(y, 7, 'last'),
    christmas,
    boxing,
  ].map(iso);
}

describe('bank holidays', () => {
  it('match the rules for 2024-2030', () => {
    const derived = [2024, 2025, 2026, 2027, 2028, 2029, 2030].flatMap(derive);
    expect(BANK_HOLIDAYS_ENGLAND_AND_WALES).toEqual(derived);
  });

  it.each([
    // gov.uk published dates, including substitute days
    '2026-04-03',
    '2026-04-06',
    '2026-12-25',
    '2026-12-28',
    '2027-12-27',
    '2027-12-28',
    '2028-01-03',
  ])('%s is a bank holiday', (d) => expect(isBankHoliday(d)).toBe(true));

  it.each(['2026-12-26', '2027-12-25', '2023-05-08'])('%s is not in the table', (d) =>
    expect(isBankHoliday(d)).toBe(false),
  );
});

describe('working days', () => {
  it.each([
    ['2026-04-01', true], // Wednesday
    ['2026-04-03', false], // Good Friday
    ['2026-04-04', false], // Saturday
    ['2026-04-06', false], // Easter Monday
    ['2026-04-07', true],
    ['2026-12-28', false], // Boxing Day substitute
  ])('isWorkingDay(%s) = %s', (d, working) => expect(isWorkingDay(d)).toBe(working));

  it.each([
    ['2026-04-01', 0, '2026-04-01'],
    ['2026-04-01', 1, '2026-04-02'], // Wed -> Thu
    ['2026-04-02', 1, '2026-04-07'], // Thu -> over Good Friday, weekend, Easter Monday
    ['2026-04-02', 2, '2026-04-08'],
    ['2026-04-03', 2, '2026-04-08'], // starting on a holiday
    ['2026-04-07', -1, '2026-04-02'],
    ['2026-12-23', 2, '2026-12-29'], // Thu 24, then over Christmas Fri, weekend, Boxing Day substitute Mon
    ['2026-12-24', 5, '2027-01-05'], // 29, 30, 31, (New Year's Day, weekend), Mon 4, Tue 5
    ['2026-03-02', 40, '2026-04-29'], // routine target across Easter
    ['2031-01-03', 1, '2031-01-06'], // beyond the table: weekends only
  ])('addWorkingDays(%s, %i) = %s', (from, days, to) => expect(addWorkingDays(from, days)).toBe(to));

  it.each(['2026-02-30', '2026-4-1', 'tomorrow'])('refuses %j', (d) => {
    expect(() => addWorkingDays(d, 1)).toThrow(RangeError);
  });

  it('refuses fractional days', () => expect(() => addWorkingDays('2026-04-01', 1.5)).toThrow(RangeError));

  it('takes the UTC date of a date-time', () => {
    expect(isoDateOf('2026-04-02T23:30:00.000Z')).toBe('2026-04-02');
    expect(isoDateOf('2026-04-03T00:30:00+01:00')).toBe('2026-04-02');
  });

  // Summer time 2026: from 01:00 UTC on Sunday 29 March to 01:00 UTC on Sunday 25 October.
  it.each([
    ['2026-03-29T00:59:59.000Z', false],
    ['2026-03-29T01:00:00.000Z', true],
    ['2026-10-25T00:59:59.000Z', true],
    ['2026-10-25T01:00:00.000Z', false],
    ['2027-03-28T01:00:00.000Z', true], // the last Sunday of March 2027
  ])('isBritishSummerTime(%s) = %s', (at, summer) => expect(isBritishSummerTime(Date.parse(at))).toBe(summer));

  it.each([
    ['2026-07-01T22:59:59.000Z', '2026-07-01'],
    ['2026-07-01T23:00:00.000Z', '2026-07-02'], // midnight in London
    ['2026-07-02T00:30:00.000Z', '2026-07-02'], // the UTC date would be right here too
    ['2026-12-01T23:30:00.000Z', '2026-12-01'], // winter: London is on UTC
    ['2026-03-29T00:30:00.000Z', '2026-03-29'],
  ])('londonDateOf(%s) = %s', (at, date) => expect(londonDateOf(at)).toBe(date));

  it('ends a London day at midnight in London', () => {
    expect(new Date(endOfLondonDay('2026-07-01')).toISOString()).toBe('2026-07-01T23:00:00.000Z');
    expect(new Date(endOfLondonDay('2026-12-01')).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(new Date(endOfLondonDay('2026-10-24')).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(new Date(endOfLondonDay('2026-10-25')).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});
