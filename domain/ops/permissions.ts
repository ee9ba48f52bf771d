import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

// Carepath's own role (see ROLES): the engineers who run its Temporal cluster. Decoding a
// payload shows patient data, so it is this role's alone, and every decode is audited.
const OPERATIONS: readonly RoleCode[] = ['CP0002'];

// Reconciliation runs from the CLI against the worker and metrics sit on their own loopback
// port: neither goes through a signed-in role, so neither has a line here.
export const OPS_ACTIONS = ['viewOps', 'decodePayloads'] as const;

export type OpsAction = (typeof OPS_ACTIONS)[number];

/** Who may operate Carepath: read by the ops service, its routes and the codec endpoint. */
export const OPS_PERMISSIONS: PermissionTable<OpsAction> = {
  viewOps: { roles: OPERATIONS, label: 'see the operations page' },
  decodePayloads: { roles: OPERATIONS, label: 'read decoded workflow payloads in the Temporal UI' },
};
