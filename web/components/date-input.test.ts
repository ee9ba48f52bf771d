import { describe, expect, it } from 'vitest';
import { readDate } from './date-input';

const typed = (day: string, month: string, year: string) => ({ 'd-day': day, 'd-month': month, 'd-year': year });

describe('reading an NHS.UK date input', () => {
  it('reads a real date, padding what was typed', () => {
    expect(readDate(typed(' 1 ', '3', '2027'), 'd', 'Start date')).toEqual({
      parts: { day: '1', month: '3', year: '2027' },
      iso: '2027-03-01',
    });
  });

  it.each([
    [typed('', '', ''), 'Enter start date', ['day', 'month', 'year']],
    [typed('1', '', '2027'), 'Start date must include a month', ['month']],
    [typed('', '', '2027'), 'Start date must include a day and a month', ['day', 'month']],
    [typed('1', 'March', '2027'), 'Start date must be a real date', ['month']],
    [typed('1', '3', '27'), 'Year must include 4 numbers', ['year']],
    [typed('29', '2', '2027'), 'Start date must be a real date', ['day']],
    [typed('1', '13', '2027'), 'Start date must be a real date', ['month']],
  ])('names the box at fault: %j', (values, error, invalid) => {
    expect(readDate(values, 'd', 'Start date')).toMatchObject({ error, invalid });
  });

  it('accepts a leap day and an optional date left empty', () => {
    expect(readDate(typed('29', '2', '2028'), 'd', 'Start date').iso).toBe('2028-02-29');
    expect(readDate(typed('', '', ''), 'd', 'End date', { optional: true })).toMatchObject({ iso: '' });
  });
});
