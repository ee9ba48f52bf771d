import { describe, expect, it } from 'vitest';
import { actorSchema } from './actor';
import { ROLE_CODES, ROLES, isClinicalRole, isProviderRole, isReferrerRole, roleSchema } from './roles';

describe('roles', () => {
  it.each([
    ['B1101', true, false, true],
    ['B1102', true, false, true],
    ['B1103', true, false, false],
    ['B1110', false, true, true],
    ['B1115', false, true, true],
    ['B1120', false, true, false],
    ['B1107', false, false, false],
    ['B1106', false, false, false],
    ['B1130', false, false, false],
    ['CP0001', false, false, false],
  ] as const)('%s referrer=%s provider=%s clinical=%s', (code, referrer, provider, clinical) => {
    expect(isReferrerRole(code)).toBe(referrer);
    expect(isProviderRole(code)).toBe(provider);
    expect(isClinicalRole(code)).toBe(clinical);
  });

  it('describes every code', () => {
    expect(Object.keys(ROLES).sort()).toEqual([...ROLE_CODES].sort());
    expect(ROLES.CP0001.side).toBe('admin');
  });

  it('refuses unknown codes', () => {
    expect(roleSchema.safeParse('B9999').success).toBe(false);
  });

  it('parses an actor and upper-cases the ODS code', () => {
    const actor = actorSchema.parse({ userId: 'u1', displayName: 'Dr A', role: 'B1101', orgCode: 'a81001' });
    expect(actor.orgCode).toBe('A81001');
    expect(actorSchema.safeParse({ userId: 'u1', displayName: 'Dr A', role: 'B1101', orgCode: 'A-1' }).success).toBe(
      false,
    );
  });
});
