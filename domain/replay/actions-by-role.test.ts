import { describe, expect, it } from 'vitest';
import { FIXTURE_NOW, situations } from '../fixtures';
import { actionsByRole } from './actions-by-role';

const of = (rows: ReturnType<typeof actionsByRole>, role: string) => rows.find((r) => r.role === role)?.actions;

describe('what each role could do after an event', () => {
  it('offers an unbooked referral to the referrer only (no service has it yet)', () => {
    const rows = actionsByRole({ kind: 'referral', referral: situations().NOT_BOOKED }, FIXTURE_NOW);
    expect(rows.map((r) => r.role)).toEqual(['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120']);
    expect(of(rows, 'B1101')).toContain('Book appointment');
    expect(of(rows, 'B1103')).toContain('Book appointment');
    expect(of(rows, 'B1110')).toEqual([]);
  });

  it('lets the provider clinician triage a referral awaiting triage, and not its admin', () => {
    const rows = actionsByRole({ kind: 'referral', referral: situations().AWAITING_TRIAGE }, FIXTURE_NOW);
    expect(of(rows, 'B1110')).toContain('Record triage outcome');
    expect(of(rows, 'B1120')).not.toContain('Record triage outcome');
  });

  it('offers nothing on a cancelled referral', () => {
    const rows = actionsByRole({ kind: 'referral', referral: situations().CANCELLED_REFERRAL }, FIXTURE_NOW);
    expect(rows.every((r) => r.actions.length === 0)).toBe(true);
  });
});
