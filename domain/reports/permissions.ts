import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

// e-RS gives reports and extracts to one business function, the Information Analyst (B1130):
// a manager who needs them is given that role in their organisation by the registration
// authority, as e-RS does, rather than every manager role getting patient-level extracts by
// default (decision record 0012). One line per extract, so a future grant is one line too.
const ANALYSTS: readonly RoleCode[] = ['B1130'];

export const REPORT_ACTIONS = [
  'viewDashboard',
  'extractActions',
  'extractActiveReferrals',
  'extractSlotIssues',
  'extractSlots',
  'extractAdviceRequests',
  'extractUserRoles',
] as const;

export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** Who may read the activity dashboard and download each extract: read by the reports service and its routes. */
export const REPORT_PERMISSIONS: PermissionTable<ReportAction> = {
  viewDashboard: { roles: ANALYSTS, label: 'see the activity dashboard' },
  extractActions: { roles: ANALYSTS, label: 'download the action extract' },
  extractActiveReferrals: { roles: ANALYSTS, label: 'download the active referrals extract' },
  extractSlotIssues: { roles: ANALYSTS, label: 'download the appointment slot issues extract' },
  extractSlots: { roles: ANALYSTS, label: 'download the appointment slots extract' },
  extractAdviceRequests: { roles: ANALYSTS, label: 'download the advice requests extract' },
  extractUserRoles: { roles: ANALYSTS, label: 'download the user roles extract' },
};
