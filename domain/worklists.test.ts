import { describe, expect, it } from 'vitest';
import { type Situation, SITUATIONS, situations } from './fixtures';
import { REFERRER_BOOKING_STATES, PROVIDER_BOOKING_STATES } from './guard-rules';
import { ROLE_CODES } from './roles';
import {
  WORKLISTS,
  type WorklistKey,
  isOnWorklist,
  isWorklistKey,
  statesOn,
  worklistOwner,
  worklistSideOf,
  worklistsOf,
} from './worklists';

const S = situations();

// The specification, written out independently of worklists.ts from e-RS's A008 descriptions
// (NHSDigital/e-referrals-service-api, specification/components/stu3/schemas/endpoints/
// a008-retrieve-worklist.yaml): where each situation stands. Awaiting Booking: "referrals for
// which an appointment booking could be made but they do not currently have an appointment
// booking ... awaiting triage, deferred to provider, or have had their appointment booking
// cancelled". Returned / Cancelled / DNA: "cancelled by someone outside the initial referring
// organisation", or DNA returned to the referrer. Every fixture's letter is to follow, so every
// live one is also on Letters Outstanding. The fixture's cancellation is the referrer's own.
const ON: Record<Situation, WorklistKey[]> = {
  NOT_BOOKED: ['awaiting-booking'],
  BOOKED_DBS: ['review'],
  BOOKED_DBS_ACCEPTED: [],
  BOOKED_IBS_AWAITING: ['review', 'for-booking'],
  BOOKED_IBS_ARRANGED: ['review'],
  DEFERRED_TO_PROVIDER: ['slot-issues', 'awaiting-booking'],
  AWAITING_TRIAGE: ['review', 'awaiting-booking'],
  TRIAGED_PROVIDER_TO_ACTION: ['for-booking'],
  TRIAGE_RESPONSE: ['rejected-triage'],
  REJECTED: ['rejected-triage'],
  APPT_CANCELLED_BY_PATIENT: ['awaiting-booking'],
  APPT_CANCELLED_BY_PROVIDER: ['for-booking', 'awaiting-booking'],
  DNA_REBOOK: ['for-booking'],
  DNA_RETURNED: ['returned'],
  CANCELLED_REFERRAL: [],
  EXPIRED: [],
};
const ENDED: Situation[] = ['CANCELLED_REFERRAL', 'EXPIRED'];

describe('worklist membership', () => {
  for (const situation of SITUATIONS) {
    it(`puts ${situation} on exactly its worklists`, () => {
      const expected = [...ON[situation], ...(ENDED.includes(situation) ? [] : ['letters'])];
      const found = (Object.keys(WORKLISTS) as WorklistKey[]).filter((key) => isOnWorklist(key, S[situation]));
      expect(found.sort()).toEqual(expected.sort());
    });
  }

  it('lists a cancellation on Returned / Cancelled / DNA only when it came from outside the referrer', () => {
    const cancelled = S.CANCELLED_REFERRAL;
    expect(isOnWorklist('returned', { ...cancelled, cancelledByOrgCode: S.BOOKED_DBS.service!.providerOrgCode })).toBe(
      true,
    );
    expect(isOnWorklist('returned', { ...cancelled, cancelledByOrgCode: cancelled.referrer.orgCode })).toBe(false);
    const { cancelledByOrgCode: _unknown, ...noOneRecorded } = cancelled;
    expect(isOnWorklist('returned', noOneRecorded)).toBe(false);
  });

  it('takes the letter into account for Letters Outstanding', () => {
    const attached = { ...S.NOT_BOOKED, letter: { status: 'ATTACHED' as const, documentId: 'doc-1' } };
    expect(isOnWorklist('letters', attached)).toBe(false);
  });

  it('lists each side its own worklists, in tile order', () => {
    expect(worklistsOf('provider')).toEqual(['review', 'slot-issues', 'for-booking']);
    expect(worklistsOf('referrer')).toEqual(['awaiting-booking', 'rejected-triage', 'returned', 'letters']);
    expect(isWorklistKey('review')).toBe(true);
    expect(isWorklistKey('toString')).toBe(false);
  });

  it('gives worklists to referrer and provider roles only', () => {
    const sides = Object.fromEntries(ROLE_CODES.map((role) => [role, worklistSideOf(role)]));
    expect(sides).toEqual({
      B1101: 'referrer',
      B1102: 'referrer',
      B1103: 'referrer',
      B1110: 'provider',
      B1115: 'provider',
      B1120: 'provider',
      B1107: undefined,
      B1106: undefined,
      B1130: undefined,
      CP0001: undefined,
    });
  });

  it('owns a referral by its referrer on one side and its service provider on the other', () => {
    expect(worklistOwner('referrer', S.DEFERRED_TO_PROVIDER)).toBe(S.DEFERRED_TO_PROVIDER.referrer.orgCode);
    expect(worklistOwner('provider', S.DEFERRED_TO_PROVIDER)).toBe(S.DEFERRED_TO_PROVIDER.service?.providerOrgCode);
    expect(worklistOwner('provider', S.NOT_BOOKED)).toBeUndefined();
  });

  it('reads the states of a set of worklists, conditions aside', () => {
    expect(statesOn('review')).toEqual(['BOOKED', 'AWAITING_TRIAGE']);
    expect(statesOn('letters')).not.toContain('EXPIRED');
  });

  it('keeps the referrer booking states apart from Awaiting Booking, which also lists what the provider holds', () => {
    expect(statesOn('awaiting-booking')).toEqual(expect.arrayContaining(['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER']));
    expect(REFERRER_BOOKING_STATES).not.toContain('AWAITING_TRIAGE');
    expect(REFERRER_BOOKING_STATES).not.toContain('DEFERRED_TO_PROVIDER');
  });

  it('gives the guard the booking states of the worklists it serves', () => {
    expect([...REFERRER_BOOKING_STATES].sort()).toEqual(
      ['NOT_BOOKED', 'REJECTED', 'TRIAGE_RESPONSE', 'APPT_CANCELLED_BY_PATIENT', 'DID_NOT_ATTEND'].sort(),
    );
    expect([...PROVIDER_BOOKING_STATES].sort()).toEqual(
      ['DEFERRED_TO_PROVIDER', 'TRIAGED_PROVIDER_TO_ACTION', 'APPT_CANCELLED_BY_PROVIDER', 'DID_NOT_ATTEND'].sort(),
    );
  });
});
