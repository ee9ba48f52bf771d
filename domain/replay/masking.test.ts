import { describe, expect, it } from 'vitest';
import { situations } from '../fixtures';
import { MASK, maskDeep } from './masking';

describe('masking a replayed referral', () => {
  const referral = { ...situations().BOOKED_DBS, lastReason: { code: 'OTHER', comment: 'Seen privately by Dr Who' } };

  it('replaces every personal detail, wherever it sits', () => {
    const masked = maskDeep({ referral, event: { actor: { displayName: 'Dr A Jones', role: 'B1101' } } });
    const text = JSON.stringify(masked);
    for (const secret of [
      referral.patient.nhsNumber,
      referral.patient.givenName,
      referral.patient.familyName,
      referral.patient.dateOfBirth,
      referral.patient.postcode,
      referral.reason,
      referral.referrer.clinicianName,
      referral.ubrn,
      'Seen privately',
      'Dr A Jones',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(masked).toMatchObject({ referral: { patient: { nhsNumber: MASK, givenName: MASK } } });
  });

  it('keeps the codes, states, versions and times a trainer walks through', () => {
    const masked = maskDeep(referral) as typeof referral;
    expect(masked.state).toBe('BOOKED');
    expect(masked.priority).toBe(referral.priority);
    expect(masked.version).toBe(referral.version);
    expect(masked.service).toEqual(referral.service);
    expect(masked.appointment?.start).toBe(referral.appointment?.start);
    expect(masked.lastReason).toEqual({ code: 'OTHER', comment: MASK });
    expect(masked.breached).toBe(referral.breached);
  });

  it('masks a field it has never heard of', () => {
    expect(maskDeep({ patient: { name: 'Ann Smith' }, somethingNew: 'Ann Smith' })).toEqual({
      patient: { name: MASK },
      somethingNew: MASK,
    });
  });
});
