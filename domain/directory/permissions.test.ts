import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { requirePermission } from '../permissions';
import type { RoleCode } from '../roles';
import { DIRECTORY_PERMISSIONS, type DirectoryAction } from './permissions';

// The specification, written out independently of permissions.ts: one column a role.
// prettier-ignore
const COLUMNS: readonly RoleCode[] = ['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120', 'B1107', 'B1106', 'B1130', 'CP0001', 'CP0002', 'CP0003'];
const Y = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<DirectoryAction, readonly boolean[]> = {
  //                     B1101 B1102 B1103 B1110 B1115 B1120 B1107 B1106 B1130 CP0001 CP0002 CP0003
  manageServices:       [_,    _,    _,    _,    _,    _,    Y,    _,    _,    _,    _,    _],
  generateSlots:        [_,    _,    _,    _,    _,    _,    Y,    _,    _,    _,    _,    _],
  commission:           [_,    _,    _,    _,    _,    _,    _,    Y,    _,    _,    _,    _],
  viewCapacity:         [_,    _,    _,    Y,    Y,    Y,    Y,    _,    _,    _,    _,    _],
  manageCapacityAlerts: [_,    _,    _,    _,    _,    Y,    Y,    _,    _,    _,    _,    _],
  cancelClinic:         [_,    _,    _,    _,    _,    Y,    Y,    _,    _,    _,    _,    _],
  cancelBookedClinic:   [_,    _,    _,    _,    _,    Y,    _,    _,    _,    _,    _,    _],
  search:               [Y,    Y,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _],
};

const actorIn = (role: RoleCode): Actor => ({ userId: 'u-1', displayName: 'Test User', role, orgCode: 'RR8' });

describe('directory permissions', () => {
  expectExhaustive(DIRECTORY_PERMISSIONS, { columns: COLUMNS, rows: EXPECTED });

  it('names the role and the action in a refusal', () => {
    expect(() => requirePermission(DIRECTORY_PERMISSIONS, 'commission', actorIn('B1107'))).toThrow(
      'Your role (Service Definer) does not allow: commission local services for your area',
    );
  });
});
