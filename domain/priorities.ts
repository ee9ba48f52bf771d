import { z } from 'zod';

/** In clinical order, most urgent first: worklists sort by this index. */
export const PRIORITIES = ['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'] as const;

export const prioritySchema = z.enum(PRIORITIES, { error: 'Choose a priority' });
export type Priority = z.infer<typeof prioritySchema>;

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  TWO_WEEK_WAIT: 'Two week wait',
  URGENT: 'Urgent',
  ROUTINE: 'Routine',
};

/** 0 for the most urgent; compare ranks to sort. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

export type ContactTargetKind = 'deferred' | 'triage';

// e-RS contact targets, in working days from the deferral or the triage request.
const CONTACT_TARGETS: Readonly<Record<Priority, Record<ContactTargetKind, number>>> = {
  ROUTINE: { deferred: 40, triage: 40 },
  URGENT: { deferred: 10, triage: 5 },
  TWO_WEEK_WAIT: { deferred: 5, triage: 2 },
};

/** Working days the provider has to contact the patient about a deferred or triage referral. */
export function contactTargetWorkingDays(priority: Priority, kind: ContactTargetKind): number {
  return CONTACT_TARGETS[priority][kind];
}
