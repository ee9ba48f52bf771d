import { ROLES, type RoleCode, type RoleSide } from '../../domain/roles';

/** Each role's home page: where sign-in and role switching land. */
export const HOME_PATHS: Record<RoleSide, string> = {
  referrer: '/referrer',
  provider: '/provider',
  definer: '/service-definer',
  commissioner: '/commissioner',
  analyst: '/analyst',
  admin: '/admin/users',
  ops: '/ops',
  trainer: '/training',
};

export function homePath(role: RoleCode): string {
  return HOME_PATHS[ROLES[role].side];
}

/** The roles whose home is on `side`, for `requireRole(...)`. */
export function rolesOfSide(side: RoleSide): RoleCode[] {
  return (Object.keys(ROLES) as RoleCode[]).filter((role) => ROLES[role].side === side);
}
