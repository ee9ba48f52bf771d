export type DatePart = 'day' | 'month' | 'year';
export type DateParts = Record<DatePart, string>;

/** What a person typed in an NHS.UK date input, and either the ISO date or what is wrong with it. */
export type DateReading =
  | { parts: DateParts; iso: string; error?: undefined; invalid?: undefined }
  | { parts: DateParts; iso?: undefined; error: string; invalid: DatePart[] };

const NAMES: Record<DatePart, string> = { day: 'a day', month: 'a month', year: 'a year' };

/**
 * Reads the three boxes `${name}-day`, `-month`, `-year` (an optional date left empty reads
 * as '') as the NHS.UK date pattern asks: a message that names the missing or wrong part, and only those boxes marked, so the
 * person fixes one thing without retyping the rest. `label` starts the message ("Date of
 * the clinic must include a month").
 */
export function readDate(
  values: Record<string, unknown>,
  name: string,
  label: string,
  options: { optional?: boolean } = {},
): DateReading {
  // A multi-valued form field reads as its first value, as a browser would send one box.
  const box = (part: DatePart) => {
    const value = values[`${name}-${part}`];
    return String((Array.isArray(value) ? value[0] : value) ?? '').trim();
  };
  const parts: DateParts = { day: box('day'), month: box('month'), year: box('year') };
  const keys: DatePart[] = ['day', 'month', 'year'];
  const missing = keys.filter((k) => parts[k] === '');
  if (missing.length === 3) {
    return options.optional ? { parts, iso: '' } : { parts, error: `Enter ${label.toLowerCase()}`, invalid: keys };
  }
  if (missing.length > 0) {
    return { parts, error: `${label} must include ${missing.map((k) => NAMES[k]).join(' and ')}`, invalid: missing };
  }
  const notNumbers = keys.filter((k) => !/^\d+$/.test(parts[k]));
  if (notNumbers.length > 0) return { parts, error: `${label} must be a real date`, invalid: notNumbers };
  if (parts.year.length !== 4) return { parts, error: 'Year must include 4 numbers', invalid: ['year'] };
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  if (month < 1 || month > 12) return { parts, error: `${label} must be a real date`, invalid: ['month'] };
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > lastDay) return { parts, error: `${label} must be a real date`, invalid: ['day'] };
  return { parts, iso: `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}` };
}
