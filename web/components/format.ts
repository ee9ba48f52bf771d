// Staff read times as the clock on the ward wall: always Europe/London, whatever the server's zone.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(value: string | Date): string {
  return dateTime.format(new Date(value));
}

export function formatShortDateTime(value: string | Date): string {
  return shortDateTime.format(new Date(value));
}

/** An ISO date ("2026-05-28") is a calendar day, not an instant: format it at noon UTC so no zone shifts it. */
export function formatDate(value: string | Date): string {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : value;
  return dateOnly.format(new Date(date));
}
