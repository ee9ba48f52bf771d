import { describe, expect, it } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { rolesFor } from '../permissions';
import type { RoleCode } from '../roles';
import { USER_ADMINISTRATION, USER_ADMINISTRATION_ACTIONS, type UserAdministrationAction } from './permissions';

// Written out by hand, not derived from the table: only the registration authority
// administrator manages users, and no clinical or admin role of e-RS may.
const MAY: Record<UserAdministrationAction, readonly RoleCode[]> = {
  viewUsers: ['CP0001'],
  createUser: ['CP0001'],
  giveRole: ['CP0001'],
  removeRole: ['CP0001'],
  unlockAccount: ['CP0001'],
  resetAuthenticators: ['CP0001'],
};

describe('user administration permissions', () => {
  expectExhaustive(USER_ADMINISTRATION, MAY);

  it('lists every action of the table in USER_ADMINISTRATION_ACTIONS, and only those', () => {
    expect([...USER_ADMINISTRATION_ACTIONS].sort()).toEqual(Object.keys(MAY).sort());
  });

  it('gives the routes the same roles', () => {
    expect(rolesFor(USER_ADMINISTRATION, ...USER_ADMINISTRATION_ACTIONS)).toEqual(['CP0001']);
  });
});
