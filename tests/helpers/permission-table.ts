import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { type PermissionTable, isPermitted, requirePermission, rolesFor } from '../../domain/permissions';
import { ROLE_CODES, type RoleCode } from '../../domain/roles';

/**
 * What a permissions test expects, written out by hand and never derived from the table: the
 * roles that may take each action, or a grid of one row an action and one column a role.
 */
export type ExpectedPermissions<A extends string> =
  Record<A, readonly RoleCode[]> | { columns: readonly RoleCode[]; rows: Record<A, readonly boolean[]> };

/**
 * The exhaustive test every rules table has (decision record 0009), inside the caller's
 * `describe`: the table names exactly the expected actions (and a grid exactly every role),
 * and for every action and every role it permits what is expected and refuses the rest with a
 * NOT_PERMITTED `CarepathError` naming the action; a route gets exactly the roles allowed.
 */
export function expectExhaustive<A extends string>(table: PermissionTable<A>, expected: ExpectedPermissions<A>) {
  const grid = 'columns' in expected && 'rows' in expected ? expected : undefined;
  const spec = (grid ? grid.rows : expected) as Record<A, unknown>;
  const actions = Object.keys(spec) as A[];
  const allowed = (action: A, role: RoleCode): boolean =>
    grid
      ? grid.rows[action][grid.columns.indexOf(role)] === true
      : (spec[action] as readonly RoleCode[]).includes(role);

  it('is specified for every action and every role, no more', () => {
    expect(Object.keys(table).sort()).toEqual([...actions].sort());
    if (grid) {
      expect([...grid.columns].sort()).toEqual([...ROLE_CODES].sort());
      for (const action of actions) expect(grid.rows[action], action).toHaveLength(grid.columns.length);
    }
  });

  describe.each(actions)('%s', (action) => {
    it.each([...ROLE_CODES])('by %s', (role) => {
      expect(isPermitted(table, action, role)).toBe(allowed(action, role));
      const actor: Actor = { userId: 'u-1', displayName: 'Test User', role, orgCode: 'A81001' };
      const attempt = () => requirePermission(table, action, actor);
      if (allowed(action, role)) expect(attempt).not.toThrow();
      else {
        expect(attempt).toThrow(CarepathError);
        expect(attempt).toThrow(
          expect.objectContaining({ code: 'NOT_PERMITTED', message: expect.stringContaining(table[action].label) }),
        );
      }
    });

    it('gives a route exactly the roles allowed', () => {
      const roles = ROLE_CODES.filter((role) => allowed(action, role));
      expect(rolesFor(table, action).sort()).toEqual([...roles].sort());
    });
  });
}
