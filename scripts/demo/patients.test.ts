import { describe, expect, it } from 'vitest';
import { demographicRecordSchema } from '../../domain/patients/patient-directory';
import { DEMO_PATIENTS } from './patients';
import { PATIENTS, testNhsNumber } from './seed-referrals';

describe('the demo demographics service', () => {
  it('holds valid records, one per NHS number, for every demo referral patient and a few more', () => {
    for (const record of DEMO_PATIENTS) expect(demographicRecordSchema.parse(record)).toEqual(record);
    const numbers = DEMO_PATIENTS.map((p) => p.nhsNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    // The demo referrals' patients are found by the NHS numbers their referrals carry.
    expect(numbers).toEqual(expect.arrayContaining(PATIENTS.map((_, i) => testNhsNumber(i * 7 + 1))));
    expect(numbers).toContain('9434765919');
    expect(DEMO_PATIENTS.length).toBeGreaterThan(PATIENTS.length);
  });
});
