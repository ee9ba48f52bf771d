import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

const SERVICE_DEFINER: RoleCode = 'B1107';
const PROVIDER_ADMIN: RoleCode = 'B1120';
const PROVIDER_CLINICAL: readonly RoleCode[] = ['B1110', 'B1115'];
const REFERRERS: readonly RoleCode[] = ['B1101', 'B1102', 'B1103'];

/**
 * Who may do what in the Directory of Services. Each action that acts on a service is also
 * limited to the service's own provider organisation: the service checks that relationship.
 */
export type DirectoryAction =
  | 'manageServices'
  | 'generateSlots'
  | 'commission'
  | 'viewCapacity'
  | 'manageCapacityAlerts'
  | 'cancelClinic'
  | 'cancelBookedClinic'
  | 'search';

export const DIRECTORY_PERMISSIONS: PermissionTable<DirectoryAction> = {
  manageServices: {
    roles: [SERVICE_DEFINER],
    label: 'create, change, publish or retire services and set their booking windows',
  },
  generateSlots: { roles: [SERVICE_DEFINER], label: 'add weekly clinics and publish their slots' },
  commission: { roles: ['B1106'], label: 'commission local services for your area' },
  viewCapacity: {
    roles: [SERVICE_DEFINER, PROVIDER_ADMIN, ...PROVIDER_CLINICAL],
    label: 'see the capacity hotspots of your services',
  },
  manageCapacityAlerts: { roles: [SERVICE_DEFINER, PROVIDER_ADMIN], label: 'flag or clear a capacity alert' },
  cancelClinic: { roles: [SERVICE_DEFINER, PROVIDER_ADMIN], label: 'cancel a clinic' },
  // Each booking must move to cancelled-by-provider, which the referral guard allows provider admins only.
  cancelBookedClinic: {
    roles: [PROVIDER_ADMIN],
    label: 'cancel a clinic with appointments booked in it',
  },
  search: { roles: REFERRERS, label: 'search the Directory of Services for a referral' },
};
