import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { ubrnSchema } from '../../domain/ids';
import { OPS_PERMISSIONS } from '../../domain/ops/permissions';
import { requirePermission } from '../../domain/permissions';
import {
  type OutboxCounts,
  type Reconciliation,
  breachCounts,
  lastReconciliation,
  outboxCounts,
} from '../../db/ops/ops.repository';
import { referralWorkflowId } from '../../workflows/referral.messages';
import type { ServiceDeps } from '../deps';
import { type ScheduleState, scheduleStates } from './schedules';
import { type WorkflowProblems, findWorkflowProblems } from './workflow-problems';

/** What the operations page shows: counts, UBRNs and schedule states, never a patient's details. */
export type OpsOverview = {
  namespace: string;
  workflows: WorkflowProblems;
  outbox: OutboxCounts;
  breaches: { priority: string; count: number }[];
  lastReconciliation?: Reconciliation;
  schedules: ScheduleState[];
};

export function opsService({ db, temporal, taskQueue }: Pick<ServiceDeps, 'db' | 'temporal' | 'taskQueue'>) {
  return {
    async overview(actor: Actor): Promise<OpsOverview> {
      requirePermission(OPS_PERMISSIONS, 'viewOps', actor);
      const [workflows, outbox, breaches, reconciliation, schedules] = await Promise.all([
        findWorkflowProblems(temporal, taskQueue),
        outboxCounts(db),
        breachCounts(db),
        lastReconciliation(db),
        scheduleStates(temporal, taskQueue),
      ]);
      return {
        namespace: temporal.options.namespace,
        workflows,
        outbox,
        breaches,
        ...(reconciliation ? { lastReconciliation: reconciliation } : {}),
        schedules,
      };
    },

    /**
     * The workflow id of the referral with this booking reference (spaces allowed), for a link
     * into the Temporal UI. Does not look the referral up: the UI says whether it exists.
     */
    async workflowIdFor(actor: Actor, ubrn: string): Promise<string> {
      requirePermission(OPS_PERMISSIONS, 'viewOps', actor);
      const parsed = ubrnSchema.safeParse(ubrn.replace(/\s/g, ''));
      if (!parsed.success) throw CarepathError.forField('VALIDATION', parsed.error.issues[0]!.message, 'ubrn');
      return referralWorkflowId(parsed.data);
    },
  };
}

export type OpsService = ReturnType<typeof opsService>;
