import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Reconciliation } from '../../db/ops/ops.repository';
import type { reconcile } from '../../workflows/ops';

/**
 * Runs a reconciliation now, on the worker (which holds the database: the embedded one cannot
 * be opened twice), and waits for its result. The nightly schedule runs the same workflow.
 */
export async function runReconciliation(
  client: Client,
  options: { taskQueue: string; repair: boolean },
): Promise<Reconciliation> {
  return client.workflow.execute<typeof reconcile>('reconcile', {
    workflowId: `reconcile-${options.taskQueue}-${randomUUID()}`,
    taskQueue: options.taskQueue,
    args: [options],
    staticSummary: options.repair ? 'reconcile and repair, by hand' : 'reconcile, by hand',
  });
}
