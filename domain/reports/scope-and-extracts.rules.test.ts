/**
 * Report scope and extract definitions, against the rules of e-RS reporting as
 * `/work/shared/domain.md` ("Reports and extracts") and data minimisation state them:
 * - a GP practice reports on its own referrals, a provider on those of its services, a
 *   commissioner on its area's; any other kind of organisation has no reports;
 * - the action, slot and advice request extracts are per day or month, the others a picture of now;
 * - no extract carries a patient's name, NHS number, date of birth, address or free text.
 * Written apart from the files other engineers edit in this folder (decision record 0016).
 */
import { describe, expect, it } from 'vitest';
import { EXTRACTS, EXTRACT_KINDS, isExtractKind } from './extracts';
import { REPORT_ACTIONS } from './permissions';
import { reportScopeOf } from './scope';

describe('report scope', () => {
  it('follows the kind of organisation', () => {
    expect(reportScopeOf('B86001', 'GP_PRACTICE')).toEqual({ orgCode: 'B86001', side: 'referrer' });
    expect(reportScopeOf('RR8', 'PROVIDER')).toEqual({ orgCode: 'RR8', side: 'provider' });
    expect(reportScopeOf('15F', 'COMMISSIONER')).toEqual({ orgCode: '15F', side: 'commissioner' });
  });

  it('is refused to any other kind of organisation, naming it', () => {
    expect(() => reportScopeOf('X1', 'PHARMACY')).toThrow('No report scope for an organisation of type PHARMACY');
  });
});

describe('extracts', () => {
  it('are the ones e-RS offers, each known by its name', () => {
    expect([...EXTRACT_KINDS].sort()).toEqual([
      'actions',
      'active-referrals',
      'advice-requests',
      'slot-issues',
      'slots',
      'user-roles',
    ]);
    for (const kind of EXTRACT_KINDS) expect(isExtractKind(kind)).toBe(true);
    for (const other of ['advice', 'patients', '', 'ACTIONS', 'toString']) expect(isExtractKind(other)).toBe(false);
  });

  it('ask for a day or months only where they count what happened in them', () => {
    const ranged = EXTRACT_KINDS.filter((kind) => EXTRACTS[kind].ranged).sort();
    expect(ranged).toEqual(['actions', 'advice-requests', 'slots']);
  });

  it('carry no patient identifier and no free text a clinician typed', () => {
    const forbidden = /nhs|patient|given|family|birth|dob|address|postcode|comment|advice|clinical|letter_text|note/i;
    for (const kind of EXTRACT_KINDS) {
      for (const column of EXTRACTS[kind].columns) expect(column, `${kind}.${column}`).not.toMatch(forbidden);
      expect(new Set(EXTRACTS[kind].columns).size).toBe(EXTRACTS[kind].columns.length);
      for (const column of EXTRACTS[kind].columns) expect(column).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('identify a referral by its UBRN, and each is guarded by a report permission', () => {
    for (const kind of ['actions', 'active-referrals', 'slot-issues', 'advice-requests'] as const) {
      expect(EXTRACTS[kind].columns[0]).toBe('ubrn');
    }
    for (const kind of EXTRACT_KINDS) expect(REPORT_ACTIONS).toContain(EXTRACTS[kind].permission);
  });
});
