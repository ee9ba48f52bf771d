/**
 * A demographics record (`domain/patients/patient-directory.ts`), as a demographics source must
 * return it: a valid NHS number (check digit), the patient's names, date of birth, sex, an
 * address and a full postcode. The adapters' tests live in services/; this keeps the schema under
 * mutation testing's `domain/` scope (decision record 0016).
 */
import { describe, expect, it } from 'vitest';
import { demographicRecordSchema } from './patient-directory';

const record = {
  // 943 476 5919: the NHS's own example of a valid NHS number.
  nhsNumber: '943 476 5919',
  givenName: 'Ada',
  familyName: 'Okafor',
  dateOfBirth: '1970-05-04',
  sex: 'female',
  address: ' 1 Park Row, Leeds ',
  postcode: 'LS1 5HD',
};

describe('a demographics record', () => {
  it('is read with the NHS number as ten digits and the address trimmed', () => {
    const parsed = demographicRecordSchema.parse(record);
    expect(parsed.nhsNumber).toBe('9434765919');
    expect(parsed.address).toBe('1 Park Row, Leeds');
    expect(parsed.registeredPracticeCode).toBeUndefined();
  });

  it('refuses an NHS number whose check digit is wrong, and an address that is empty or too long', () => {
    const fields = (input: object) =>
      (demographicRecordSchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(fields({ ...record, nhsNumber: '9434765918' })).toEqual([expect.stringMatching(/^nhsNumber: /)]);
    expect(fields({ ...record, address: ' ' })).toEqual(['address: Enter the address']);
    expect(fields({ ...record, address: 'x'.repeat(501) })).toEqual([
      'address: Address must be 500 characters or fewer',
    ]);
    expect(fields({ ...record, address: 'x'.repeat(500) })).toEqual([]);
  });
});
