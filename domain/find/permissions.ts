import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

const REFERRERS: readonly RoleCode[] = ['B1101', 'B1102', 'B1103'];
const PROVIDERS: readonly RoleCode[] = ['B1110', 'B1115', 'B1120'];

export type FindAction = 'findReferral' | 'listOrganisationReferrals' | 'reprintPatientLetter';

/**
 * Who may look referrals up and print the patient's letter again. Finding never widens what a
 * role sees: results are the referrals its organisation already has a relationship with
 * (`canView`). The letter is the referring organisation's to give the patient (e-RS: "contact
 * your practice" when the letter is lost), so only referrer roles reprint it.
 */
export const FIND_PERMISSIONS: PermissionTable<FindAction> = {
  findReferral: {
    roles: [...REFERRERS, ...PROVIDERS],
    label: 'find a referral by booking reference, NHS number or surname and date of birth',
  },
  listOrganisationReferrals: { roles: REFERRERS, label: 'see all your organisation’s referrals' },
  reprintPatientLetter: { roles: REFERRERS, label: 'print the patient’s letter again' },
};
