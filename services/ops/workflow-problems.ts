import type { Client } from '@temporalio/client';
import { referralWorkflowId } from '../../workflows/referral.messages';

/** A referral whose workflow is retrying something: an activity, or its own workflow task. */
export type WorkflowProblem = { ubrn: string; failing: string; attempt: number };

export type WorkflowProblems = { problems: WorkflowProblem[]; checked: number; limitReached: boolean };

/** Visibility cannot filter on retries, so each running referral is described: the newest this many. */
export const PROBLEM_SCAN_LIMIT = 200;
const CONCURRENCY = 10;
const PREFIX = referralWorkflowId('');

/**
 * Running referrals on this task queue whose workflow retries an activity (attempt above 1) or
 * whose workflow task keeps failing. An update waiting on either shows up here too: an update
 * only stays pending while its workflow waits for an activity or cannot run its task.
 */
export async function findWorkflowProblems(client: Client, taskQueue: string): Promise<WorkflowProblems> {
  const query = `WorkflowType = 'referral' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`;
  const ids: string[] = [];
  let limitReached = false;
  for await (const workflow of client.workflow.list({ query })) {
    if (ids.length === PROBLEM_SCAN_LIMIT) {
      limitReached = true;
      break;
    }
    ids.push(workflow.workflowId);
  }
  const problems: WorkflowProblem[] = [];
  for (let i = 0; i < ids.length; i += CONCURRENCY) {
    const described = await Promise.all(
      ids.slice(i, i + CONCURRENCY).map((id) => client.workflow.getHandle(id).describe()),
    );
    for (const { workflowId, raw } of described) {
      const ubrn = workflowId.slice(PREFIX.length);
      for (const activity of raw.pendingActivities ?? []) {
        const attempt = activity.attempt ?? 1;
        if (attempt > 1) problems.push({ ubrn, failing: `activity ${activity.activityType?.name ?? '?'}`, attempt });
      }
      const task = raw.pendingWorkflowTask;
      if ((task?.attempt ?? 1) > 1) problems.push({ ubrn, failing: 'workflow task', attempt: task!.attempt! });
    }
  }
  return { problems, checked: ids.length, limitReached };
}
