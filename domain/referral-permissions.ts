import type { CommandType } from './actions';
import { RULES } from './guard-rules';
import type { PermissionTable } from './permissions';
import type { RoleCode } from './roles';

/** The role a referral is made in the name of. */
export const REFERRING_CLINICIAN: RoleCode = 'B1101';

export type ReferralAction = 'create' | 'createForAClinician';

/**
 * Who may start a referral, beside the guard's `RULES` for what follows. A referring clinician
 * refers in their own name; a clinician admin (B1102) in the name of one of their
 * organisation's referring clinicians. `checkCreate` refuses through this table.
 */
export const REFERRAL_PERMISSIONS: PermissionTable<ReferralAction> = {
  create: { roles: [REFERRING_CLINICIAN, 'B1102'], label: 'Create referral' },
  createForAClinician: { roles: ['B1102'], label: "Create a referral in a referring clinician's name" },
};

/** The roles the guard lets take a staff command in some state: what a page serving only that command requires. */
export function rolesAllowedTo(type: CommandType): RoleCode[] {
  return [...new Set(RULES[type].flatMap((rule) => rule.roles))];
}
