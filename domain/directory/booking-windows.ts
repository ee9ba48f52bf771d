import type { Priority } from '../priorities';

/**
 * Our defaults for a service that sets no booking window of its own: days from today
 * in which referrers may book. Two-week-wait must be seen within 14 days.
 */
export const DEFAULT_BOOKING_WINDOWS: Readonly<Record<Priority, { fromDays: number; toDays: number }>> = {
  TWO_WEEK_WAIT: { fromDays: 0, toDays: 14 },
  URGENT: { fromDays: 0, toDays: 28 },
  ROUTINE: { fromDays: 0, toDays: 84 },
};
