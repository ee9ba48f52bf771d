import { describe, expect, it } from 'vitest';
import { PRIORITIES, PRIORITY_LABELS, contactTargetWorkingDays, priorityRank, prioritySchema } from './priorities';

describe('priorities', () => {
  it('ranks most urgent first', () => {
    expect(priorityRank('TWO_WEEK_WAIT')).toBe(0);
    expect(priorityRank('URGENT')).toBe(1);
    expect(priorityRank('ROUTINE')).toBe(2);
    const sorted = (['ROUTINE', 'TWO_WEEK_WAIT', 'URGENT'] as const).toSorted(
      (a, b) => priorityRank(a) - priorityRank(b),
    );
    expect(sorted).toEqual([...PRIORITIES]);
  });

  it('labels', () => {
    expect(PRIORITY_LABELS).toEqual({ TWO_WEEK_WAIT: 'Two week wait', URGENT: 'Urgent', ROUTINE: 'Routine' });
  });

  it.each([
    ['ROUTINE', 'deferred', 40],
    ['ROUTINE', 'triage', 40],
    ['URGENT', 'deferred', 10],
    ['URGENT', 'triage', 5],
    ['TWO_WEEK_WAIT', 'deferred', 5],
    ['TWO_WEEK_WAIT', 'triage', 2],
  ] as const)('%s %s contact target is %i working days', (priority, kind, days) => {
    expect(contactTargetWorkingDays(priority, kind)).toBe(days);
  });

  it('schema refuses unknown priorities with a message', () => {
    const result = prioritySchema.safeParse('SOON');
    expect(result.error?.issues[0]?.message).toBe('Choose a priority');
  });
});
