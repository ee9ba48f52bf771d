import { describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../../domain/roles';
import { staffNavigation } from './staff-navigation';

const texts = (role: RoleCode, path = '/') => staffNavigation(role, path).map((l) => l.text);

// Written out by hand: what each role's header menu offers.
const EXPECTED: Record<RoleCode, string[]> = {
  B1101: ['Home', 'Create referral', 'Worklists', 'Advice and guidance', 'Find a referral', 'Notifications'],
  B1102: ['Home', 'Create referral', 'Worklists', 'Advice and guidance', 'Find a referral', 'Notifications'],
  B1103: ['Home', 'Worklists', 'Find a referral', 'Notifications'],
  B1110: ['Home', 'Worklists', 'Advice and guidance', 'Find a referral', 'Notifications', 'Capacity'],
  B1115: ['Home', 'Worklists', 'Advice and guidance', 'Find a referral', 'Notifications', 'Capacity'],
  B1120: ['Home', 'Worklists', 'Find a referral', 'Notifications', 'Capacity'],
  B1107: ['Home', 'Services', 'Advice targets', 'Capacity'],
  B1106: ['Home', 'Commissioning'],
  B1130: ['Home', 'Reports'],
  CP0001: ['Users'],
  CP0002: ['Operations', 'Replay a case'],
  CP0003: ['Training', 'Replay a case'],
};

describe('the header menu of every signed-in page', () => {
  it.each([...ROLE_CODES])('offers %s its home and main actions', (role) => {
    expect(texts(role)).toEqual(EXPECTED[role]);
  });

  it('links each to its page, the home first', () => {
    expect(staffNavigation('B1101', '/').map((l) => l.href)).toEqual([
      '/referrer',
      '/referrals/new',
      '/worklists',
      '/advice/worklists',
      '/find',
      '/notifications',
    ]);
    expect(staffNavigation('B1130', '/').map((l) => l.href)).toEqual(['/analyst', '/reports']);
  });

  it('marks the link the page falls under, and only that one', () => {
    const current = (role: RoleCode, path: string) =>
      staffNavigation(role, path)
        .filter((l) => l.current)
        .map((l) => l.text);
    expect(current('B1101', '/referrer')).toEqual(['Home']);
    expect(current('B1101', '/worklists/letters')).toEqual(['Worklists']);
    expect(current('B1101', '/referrals/drafts/abc/shortlist')).toEqual(['Create referral']);
    expect(current('B1110', '/find')).toEqual(['Find a referral']);
    expect(current('B1110', '/referrals/000123456789')).toEqual([]);
    expect(current('CP0001', '/admin/users')).toEqual(['Users']);
    // Every advice page falls under the A&G link: worklists, asking, a conversation.
    expect(current('B1101', '/advice/new/12')).toEqual(['Advice and guidance']);
    expect(current('B1110', '/advice/worklists/awaiting-response')).toEqual(['Advice and guidance']);
    expect(current('B1115', '/advice/000123456789')).toEqual(['Advice and guidance']);
    expect(current('B1107', '/advice/response-targets/7')).toEqual(['Advice targets']);
    expect(current('CP0002', '/replay/steps/3')).toEqual(['Replay a case']);
  });
});
