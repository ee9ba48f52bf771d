import { describe, expect, it } from 'vitest';
import { CarepathError } from '../errors';
import { findQueryOf } from './search';

const refusal = (input: { q: string; dateOfBirth?: string }) => {
  try {
    findQueryOf(input);
  } catch (error) {
    if (error instanceof CarepathError) return { code: error.code, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('reading the search box', () => {
  it('reads 12 digits as a booking reference and 10 as an NHS number, spaces and dashes aside', () => {
    expect(findQueryOf({ q: '0001 2345 6789' })).toEqual({ kind: 'ubrn', ubrn: '000123456789' });
    expect(findQueryOf({ q: '943-476-5919' })).toEqual({ kind: 'nhsNumber', nhsNumber: '9434765919' });
  });

  it('reads anything else as a surname, which needs the date of birth', () => {
    expect(findQueryOf({ q: " O'Neil-Smith ", dateOfBirth: '1961-02-03' })).toEqual({
      kind: 'patient',
      familyName: "O'Neil-Smith",
      dateOfBirth: '1961-02-03',
    });
    expect(refusal({ q: 'Example' })).toEqual({
      code: 'VALIDATION',
      fields: { dob: 'Enter the patient’s date of birth to search by surname' },
    });
  });

  it('says what is wrong with the box, naming it', () => {
    expect(refusal({ q: '  ' }).fields).toEqual({ q: 'Enter a booking reference, an NHS number or a surname' });
    expect(refusal({ q: '12345' }).fields).toEqual({
      q: 'Enter a 12-digit booking reference or a 10-digit NHS number',
    });
    expect(refusal({ q: '9434765918' }).fields).toEqual({ q: 'NHS number is not valid: check the digits' });
    expect(refusal({ q: 'Smith1', dateOfBirth: '1961-02-03' }).fields.q).toMatch(/only include letters/);
  });
});
