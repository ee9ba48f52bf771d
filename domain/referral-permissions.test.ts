import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { isPermitted, requirePermission } from './permissions';
import { REFERRAL_PERMISSIONS, REFERRING_CLINICIAN, type ReferralAction, rolesAllowedTo } from './referral-permissions';
import { ROLE_CODES, type RoleCode } from './roles';

// The specification, written out independently of referral-permissions.ts: one column a role.
const COLUMNS = ['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120', 'B1107', 'B1106', 'B1130', 'CP0001'] as const;
const Y = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<ReferralAction, readonly boolean[]> = {
  //                    B1101 B1102 B1103 B1110 B1115 B1120 B1107 B1106 B1130 CP0001
  create:              [Y,    Y,    _,    _,    _,    _,    _,    _,    _,    _],
  createForAClinician: [_,    Y,    _,    _,    _,    _,    _,    _,    _,    _],
};

const actions = Object.keys(EXPECTED) as ReferralAction[];
const expected = (action: ReferralAction, role: RoleCode) => EXPECTED[action][COLUMNS.indexOf(role as never)]!;
const actorIn = (role: RoleCode): Actor => ({ userId: 'u-1', displayName: 'Test User', role, orgCode: 'A81001' });

describe('referral permissions', () => {
  it('are specified for every role and every action, no more', () => {
    expect([...COLUMNS].sort()).toEqual([...ROLE_CODES].sort());
    expect(Object.keys(REFERRAL_PERMISSIONS).sort()).toEqual([...actions].sort());
  });

  describe.each(actions)('%s', (action) => {
    it.each([...ROLE_CODES])('by %s', (role) => {
      expect(isPermitted(REFERRAL_PERMISSIONS, action, role)).toBe(expected(action, role));
      const refusal = () => requirePermission(REFERRAL_PERMISSIONS, action, actorIn(role));
      if (expected(action, role)) expect(refusal).not.toThrow();
      else expect(refusal).toThrow(expect.objectContaining({ code: 'NOT_PERMITTED' }));
    });
  });

  it('makes referrals in the name of a referring clinician, who may create them', () => {
    expect(isPermitted(REFERRAL_PERMISSIONS, 'create', REFERRING_CLINICIAN)).toBe(true);
  });

  it('reads the roles for one staff command off the guard', () => {
    expect(rolesAllowedTo('CHANGE_SHORTLIST').sort()).toEqual(['B1101', 'B1102']);
    expect(rolesAllowedTo('BOOK').sort()).toEqual(['B1101', 'B1102', 'B1103', 'B1120']);
  });
});
