import { DIRECTORY_PERMISSIONS } from '../directory/permissions';
import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

const REFERRING_CLINICIAN: RoleCode = 'B1101';
const REFERRING_CLINICIAN_ADMIN: RoleCode = 'B1102';
const PROVIDER_CLINICAL: readonly RoleCode[] = ['B1110', 'B1115'];

/**
 * Who may do what with advice and guidance besides the conversation's own commands
 * (`rules.ts`). Advice is clinical: only the clinical roles see it (roles.ts), and each only for
 * a conversation of their own organisation (the guard's `canViewConversation`).
 */
export type AdviceAction =
  | 'ask'
  | 'askForAClinician'
  | 'view'
  | 'downloadSummary'
  | 'referrerWorklists'
  | 'providerWorklists'
  | 'setResponseTarget';

export const ADVICE_PERMISSIONS: PermissionTable<AdviceAction> = {
  ask: { roles: [REFERRING_CLINICIAN, REFERRING_CLINICIAN_ADMIN], label: 'Ask for advice and guidance' },
  askForAClinician: {
    roles: [REFERRING_CLINICIAN_ADMIN],
    label: "Ask for advice and guidance in a referring clinician's name",
  },
  view: {
    roles: [REFERRING_CLINICIAN, REFERRING_CLINICIAN_ADMIN, ...PROVIDER_CLINICAL],
    label: 'See advice and guidance conversations',
  },
  downloadSummary: {
    roles: [REFERRING_CLINICIAN, REFERRING_CLINICIAN_ADMIN, ...PROVIDER_CLINICAL],
    label: 'Download an advice summary',
  },
  referrerWorklists: {
    roles: [REFERRING_CLINICIAN, REFERRING_CLINICIAN_ADMIN],
    label: 'See your Advice and Guidance worklists',
  },
  providerWorklists: { roles: PROVIDER_CLINICAL, label: 'See the Advice and Guidance Requests worklists' },
  // Part of the service's definition: whoever e-RS lets manage the service (the directory's table).
  setResponseTarget: {
    roles: DIRECTORY_PERMISSIONS.manageServices.roles,
    label: 'Set the response-time target of an advice service',
  },
};
