import { describe, expect, it } from 'vitest';
import { dateRangeQuerySchema, lastDayOf, londonDateOf } from './date-range';

const fieldsOf = (query: Record<string, string>) => {
  const result = dateRangeQuerySchema.safeParse(query);
  return result.success
    ? result.data
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('extract date range', () => {
  it('is one day, or whole months from the first day of the first to the last day of the last', () => {
    expect(fieldsOf({ period: 'day', day: '2026-11-30' })).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(fieldsOf({ period: 'months', fromMonth: '2025-12', toMonth: '2026-02' })).toEqual({
      from: '2025-12-01',
      to: '2026-02-28',
    });
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
  });

  it('refuses what is not a real date or month, naming the field', () => {
    expect(fieldsOf({ period: 'day', day: '2026-02-30' })).toEqual({ day: 'Enter a real date, like 2026-12-01' });
    expect(fieldsOf({ period: 'months', fromMonth: '2026-13', toMonth: 'soon' })).toEqual({
      fromMonth: 'Enter the first month, like 2026-10',
      toMonth: 'Enter the last month, like 2026-12',
    });
  });

  it('refuses a range that ends before it starts or runs past twelve months', () => {
    expect(fieldsOf({ period: 'months', fromMonth: '2026-05', toMonth: '2026-04' })).toEqual({
      toMonth: 'The last month must be the same as or after the first month',
    });
    expect(fieldsOf({ period: 'months', fromMonth: '2025-01', toMonth: '2025-12' })).toHaveProperty(
      'from',
      '2025-01-01',
    );
    expect(fieldsOf({ period: 'months', fromMonth: '2025-01', toMonth: '2026-01' })).toEqual({
      toMonth: 'Choose 12 months or fewer',
    });
  });

  it('asks for a day or months when neither was chosen', () => {
    expect(Object.values(fieldsOf({}))).toEqual(['Enter a day, or the first and last months']);
  });
});

describe('London dates', () => {
  it('are the wall-clock day in London, summer and winter', () => {
    expect(londonDateOf(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDateOf(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });
});
