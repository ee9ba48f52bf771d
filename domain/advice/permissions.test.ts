import { describe } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import type { RoleCode } from '../roles';
import { ADVICE_PERMISSIONS, type AdviceAction } from './permissions';

// The specification, written out independently of permissions.ts: one column a role.
// prettier-ignore
const COLUMNS: readonly RoleCode[] = ['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120', 'B1107', 'B1106', 'B1130', 'CP0001', 'CP0002', 'CP0003'];
const Y = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<AdviceAction, readonly boolean[]> = {
  //                  B1101 B1102 B1103 B1110 B1115 B1120 B1107 B1106 B1130 CP0001 CP0002 CP0003
  ask:               [Y,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _],
  askForAClinician:  [_,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _],
  view:              [Y,    Y,    _,    Y,    Y,    _,    _,    _,    _,    _,    _,    _],
  downloadSummary:   [Y,    Y,    _,    Y,    Y,    _,    _,    _,    _,    _,    _,    _],
  referrerWorklists: [Y,    Y,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _],
  providerWorklists: [_,    _,    _,    Y,    Y,    _,    _,    _,    _,    _,    _,    _],
  setResponseTarget: [_,    _,    _,    _,    _,    _,    Y,    _,    _,    _,    _,    _],
};

describe('advice permissions', () => {
  expectExhaustive(ADVICE_PERMISSIONS, { columns: COLUMNS, rows: EXPECTED });
});
