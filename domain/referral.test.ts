import { describe, expect, it } from 'vitest';
import { newReferral } from './fixtures';
import { patientSchema, referralSchema, shortlistSchema } from './referral';

const patient = newReferral().patient;

describe('referral schema', () => {
  it('accepts a created referral', () => {
    const referral = newReferral();
    expect(referralSchema.parse(referral)).toEqual(referral);
  });

  it.each([
    ['postcode', { postcode: 'ls1 4ap' }, 'ok'],
    ['postcode', { postcode: 'LS1' }, 'Enter a real postcode, like SW1A 1AA'],
    ['email', { email: 'not-an-email' }, 'Enter an email address, like name@example.com'],
    ['phone', { phone: '07700 900123' }, 'ok'],
    ['phone', { phone: 'call me' }, 'Enter a phone number, like 07700 900123'],
    ['dateOfBirth', { dateOfBirth: '1960-02-30' }, 'Enter a real date'],
    ['nhsNumber', { nhsNumber: '1234567890' }, 'NHS number is not valid: check the digits'],
    ['givenName', { givenName: ' ' }, 'Enter the patient’s given name'],
  ])('patient %s %j -> %s', (_field, change, message) => {
    const result = patientSchema.safeParse({ ...patient, ...change });
    expect(result.success ? 'ok' : result.error.issues[0]?.message).toBe(message);
  });

  it('upper-cases postcodes', () => {
    expect(patientSchema.parse({ ...patient, postcode: 'ls1 4ap' }).postcode).toBe('LS1 4AP');
  });

  it('holds 1 to 20 distinct services', () => {
    const service = (i: number) => ({ serviceId: `s${i}`, name: `S${i}`, providerOrgCode: 'RXX', requestType: 'DBS' });
    expect(shortlistSchema.safeParse(Array.from({ length: 20 }, (_, i) => service(i))).success).toBe(true);
    expect(shortlistSchema.safeParse(Array.from({ length: 21 }, (_, i) => service(i))).error?.issues[0]?.message).toBe(
      'A shortlist holds at most 20 services',
    );
  });
});
