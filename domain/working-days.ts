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
