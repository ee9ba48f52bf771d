import { describe, expect, it } from 'vitest';
import { CarepathError } from '../errors';
import { isPermitted, requirePermission, rolesFor } from '../permissions';
import { ROLE_CODES, type RoleCode } from '../roles';
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
  it('names every action, and only those', () => {
    expect(Object.keys(USER_ADMINISTRATION).sort()).toEqual(Object.keys(MAY).sort());
    expect([...USER_ADMINISTRATION_ACTIONS].sort()).toEqual(Object.keys(MAY).sort());
  });

  for (const action of USER_ADMINISTRATION_ACTIONS) {
    for (const role of ROLE_CODES) {
      const allowed = MAY[action].includes(role);
      it(`${allowed ? 'lets' : 'refuses'} ${role}: ${action}`, () => {
        expect(isPermitted(USER_ADMINISTRATION, action, role)).toBe(allowed);
        const actor = { userId: 'u1', displayName: 'A User', orgCode: 'A81001', role };
        const attempt = () => requirePermission(USER_ADMINISTRATION, action, actor);
        if (allowed) expect(attempt).not.toThrow();
        else {
          expect(attempt).toThrow(CarepathError);
          expect(attempt).toThrow(
            expect.objectContaining({
              code: 'NOT_PERMITTED',
              message: expect.stringContaining(USER_ADMINISTRATION[action].label),
            }),
          );
        }
      });
    }
  }

  it('gives the routes the same roles', () => {
    expect(rolesFor(USER_ADMINISTRATION, ...USER_ADMINISTRATION_ACTIONS)).toEqual(['CP0001']);
  });
});
