import type { Actor } from './actor';
import { CarepathError } from './errors';
import { ROLES, type RoleCode } from './roles';

/**
 * A feature's permissions as a table, in the style of the referral guard's `RULES`: each action
 * names the roles that may take it and how it reads in a refusal. Services refuse through
 * `requirePermission`; routes declare the same roles (`rolesFor`) and pages draw only the
 * actions `isPermitted` allows, so the table is the one place to read who may do what.
 */
export type PermissionTable<Action extends string> = Readonly<
  Record<Action, { readonly roles: readonly RoleCode[]; readonly label: string }>
>;

export function isPermitted<A extends string>(table: PermissionTable<A>, action: A, role: RoleCode): boolean {
  return table[action].roles.includes(role);
}

/** NOT_PERMITTED, in words that name the role and the action, unless the table allows it. */
export function requirePermission<A extends string>(table: PermissionTable<A>, action: A, actor: Actor): void {
  if (!isPermitted(table, action, actor.role)) {
    throw new CarepathError(
      'NOT_PERMITTED',
      `Your role (${ROLES[actor.role].name}) does not allow: ${table[action].label}`,
    );
  }
}

/** The roles that may take `action`, for a route's `requireRole(...)`. */
export function rolesFor<A extends string>(table: PermissionTable<A>, ...actions: A[]): RoleCode[] {
  return [...new Set(actions.flatMap((action) => table[action].roles))];
}
