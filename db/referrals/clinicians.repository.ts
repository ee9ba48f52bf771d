import type { RoleCode } from '../../domain/roles';
import type { Executor } from '../executor';

/** The users holding `role` at an organisation, by name: the clinicians a referral may name. */
export function usersWithRoleAt(
  db: Executor,
  orgCode: string,
  role: RoleCode,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('ra.org_code', '=', orgCode)
    .where('ra.role', '=', role)
    .orderBy('u.display_name')
    .execute();
}
