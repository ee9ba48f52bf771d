import type { ServiceDefinition, SlotTemplateInput } from '../../domain/directory/service.schema';

/**
 * What a directory change leaves in the audit trail: the setting before and after, so a
 * question such as "who narrowed this booking window, and from what?" has an answer. Staff
 * names (clinicians) stay out of it, as every audit detail keeps names out; no patient data is
 * in the directory.
 */
export type BeforeAfter<T> = { before: T; after: T };

/** A clinic as the audit records it: when it runs and how many slots, not who runs it. */
export const clinicShape = ({ weekday, startTime, slotMinutes, slotCount }: SlotTemplateInput) => ({
  weekday,
  startTime,
  slotMinutes,
  slotCount,
});

/** The fields of a service definition that changed, each before and after; clinicians only as changed. */
export function changedDefinition(
  before: ServiceDefinition,
  after: ServiceDefinition,
): Record<string, BeforeAfter<unknown> | 'changed'> {
  const changes: Record<string, BeforeAfter<unknown> | 'changed'> = {};
  for (const key of Object.keys({ ...before, ...after }) as (keyof ServiceDefinition)[]) {
    if (key === 'version') continue;
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changes[key] = key === 'clinicians' ? 'changed' : { before: before[key], after: after[key] };
  }
  return changes;
}
