import { isBankHoliday } from './bank-holidays';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Date-only arithmetic on UTC calendar days: no time zone or clock can shift the answer,
// which keeps it deterministic inside workflow code.
function toDayNumber(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Expected a yyyy-mm-dd date, got "${isoDate}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (fromDayNumber(ms / DAY_MS) !== isoDate) throw new RangeError(`Not a calendar date: "${isoDate}"`);
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday to Friday and not an England and Wales bank holiday. */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(toDayNumber(isoDate) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(isoDate);
}

/**
 * The date `days` working days after `isoDate` (before it when negative). The start date
 * itself never counts, so a target of 2 working days from a Friday is the Tuesday.
 */
export function addWorkingDays(isoDate: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Working days must be a whole number, got ${days}`);
  let day = toDayNumber(isoDate);
  const step = days < 0 ? -1 : 1;
  for (let left = Math.abs(days); left > 0;) {
    day += step;
    if (isWorkingDay(fromDayNumber(day))) left--;
  }
  return fromDayNumber(day);
}

/** The calendar (UTC) date of an ISO date-time: "2026-04-02T15:00:00Z" -> "2026-04-02". */
export function isoDateOf(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString().slice(0, 10);
}

// UK summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the Summer Time Order 2002). Computed, not looked up in the time-zone
// database: workflow code must give the same answer on every worker, whatever its ICU data.
function lastSundayAt1amUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Whether UK clocks are on summer time (BST, UTC+1) at this instant. */
export function isBritishSummerTime(instant: number): boolean {
  const year = new Date(instant).getUTCFullYear();
  return instant >= lastSundayAt1amUtc(year, 2) && instant < lastSundayAt1amUtc(year, 9);
}

/**
 * The calendar date in England of an ISO date-time: "2026-06-02T23:30:00Z" is already
 * "2026-06-03" in London. Contact targets count from the day staff acted on, as they see it.
 */
export function londonDateOf(isoDateTime: string): string {
  const instant = Date.parse(isoDateTime);
  if (Number.isNaN(instant)) throw new RangeError(`Expected an ISO date-time, got "${isoDateTime}"`);
  const offset = isBritishSummerTime(instant) ? 3_600_000 : 0;
  return new Date(instant + offset).toISOString().slice(0, 10);
}

/** The instant a London calendar day ends (the next day's midnight in England), in ms. */
export function endOfLondonDay(isoDate: string): number {
  const nextMidnightUtc = toDayNumber(isoDate) * DAY_MS + DAY_MS;
  // Midnight in London is 23:00 UTC the day before while summer time is on.
  return isBritishSummerTime(nextMidnightUtc - 3_600_000) ? nextMidnightUtc - 3_600_000 : nextMidnightUtc;
}
