import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

// Carepath's own role (see ROLES): a standalone Carepath has no national registration
// authority, so one administrator manages every user and every role.
const RA_ADMINISTRATOR: readonly RoleCode[] = ['CP0001'];

export const USER_ADMINISTRATION_ACTIONS = [
  'viewUsers',
  'createUser',
  'giveRole',
  'removeRole',
  'unlockAccount',
  'resetAuthenticators',
] as const;

export type UserAdministrationAction = (typeof USER_ADMINISTRATION_ACTIONS)[number];

/** Who may administer users: the registration authority's table, read by the admin service, routes and pages. */
export const USER_ADMINISTRATION: PermissionTable<UserAdministrationAction> = {
  viewUsers: { roles: RA_ADMINISTRATOR, label: 'see users and their roles' },
  createUser: { roles: RA_ADMINISTRATOR, label: 'create a user' },
  giveRole: { roles: RA_ADMINISTRATOR, label: 'give a user a role' },
  removeRole: { roles: RA_ADMINISTRATOR, label: 'take a role away from a user' },
  unlockAccount: { roles: RA_ADMINISTRATOR, label: 'unlock a user’s account' },
  resetAuthenticators: { roles: RA_ADMINISTRATOR, label: 'reset a user’s authenticators' },
};
