/**
 * England and Wales bank holidays, 2024-2030, as published rules give them: New Year's Day,
 * Good Friday, Easter Monday, early May (first Monday), spring (last Monday in May), summer
 * (last Monday in August), Christmas Day and Boxing Day, each moved to the next weekday when it
 * falls at a weekend. No one-off holidays fall in this range (the last was the 2023 coronation).
 * Data, not computation, so a proclaimed one-off can simply be added. Extend it before 2030 ends:
 * dates after the last year count only weekends as non-working days.
 */
// One row per year reads better than one date per line.
// prettier-ignore
export const BANK_HOLIDAYS_ENGLAND_AND_WALES: readonly string[] = [
  '2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26',
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
  '2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26',
  '2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26',
  '2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26',
];

const HOLIDAYS = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES);

export function isBankHoliday(isoDate: string): boolean {
  return HOLIDAYS.has(isoDate);
}
