import { describe, expect, it } from 'vitest';
import { expectExhaustive } from '../tests/helpers/permission-table';
import { isPermitted } from './permissions';
import { REFERRAL_PERMISSIONS, REFERRING_CLINICIAN, type ReferralAction, rolesAllowedTo } from './referral-permissions';

// The specification, written out independently of referral-permissions.ts: one column a role.
// prettier-ignore
const COLUMNS = ['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120', 'B1107', 'B1106', 'B1130', 'CP0001', 'CP0002', 'CP0003'] as const;
const Y = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<ReferralAction, readonly boolean[]> = {
  //                    B1101 B1102 B1103 B1110 B1115 B1120 B1107 B1106 B1130 CP0001 CP0002 CP0003
  create:              [Y,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _],
  createForAClinician: [_,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _],
};

describe('referral permissions', () => {
  expectExhaustive(REFERRAL_PERMISSIONS, { columns: COLUMNS, rows: EXPECTED });

  it('makes referrals in the name of a referring clinician, who may create them', () => {
    expect(isPermitted(REFERRAL_PERMISSIONS, 'create', REFERRING_CLINICIAN)).toBe(true);
  });

  it('reads the roles for one staff command off the guard', () => {
    expect(rolesAllowedTo('CHANGE_SHORTLIST').sort()).toEqual(['B1101', 'B1102']);
    expect(rolesAllowedTo('BOOK').sort()).toEqual(['B1101', 'B1102', 'B1103', 'B1120']);
  });
});
