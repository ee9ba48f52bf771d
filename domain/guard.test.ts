import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type Command, type CommandType } from './actions';
import { type Situation, SERVICES, SITUATIONS, actorFor, createInput, sampleCommand, situations } from './fixtures';
import { availableActions, canView, check, checkCreate, checkEvent } from './guard';
import { ROLE_CODES, type RoleCode, isProviderRole } from './roles';

const S = situations();

// The specification, written out independently of guard-rules.ts.
const REFERRER_BOOKING: Situation[] = [
  'NOT_BOOKED',
  'REJECTED',
  'TRIAGE_RESPONSE',
  'APPT_CANCELLED_BY_PATIENT',
  'DNA_RETURNED',
];
const PROVIDER_BOOKING: Situation[] = [
  'DEFERRED_TO_PROVIDER',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PROVIDER',
  'DNA_REBOOK',
];
const WITH_APPOINTMENT: Situation[] = ['BOOKED_DBS', 'BOOKED_DBS_ACCEPTED', 'BOOKED_IBS_ARRANGED'];
const LIVE: Situation[] = SITUATIONS.filter((s) => s !== 'CANCELLED_REFERRAL' && s !== 'EXPIRED');
const RC: RoleCode[] = ['B1101', 'B1102', 'B1103'];
const RC_CLINICAL: RoleCode[] = ['B1101', 'B1102'];
const SP_CLINICAL: RoleCode[] = ['B1110', 'B1115'];
const SP_ADMIN: RoleCode[] = ['B1120'];

const ALLOWED: Record<CommandType, [RoleCode[], Situation[]][]> = {
  BOOK: [
    [RC, REFERRER_BOOKING],
    [SP_ADMIN, PROVIDER_BOOKING],
  ],
  REQUEST_IBS: [[RC, REFERRER_BOOKING]],
  DEFER_TO_PROVIDER: [[RC, REFERRER_BOOKING]],
  SEND_FOR_TRIAGE: [[RC, REFERRER_BOOKING]],
  RECORD_IBS_ARRANGED: [[SP_ADMIN, ['BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED', 'TRIAGED_PROVIDER_TO_ACTION']]],
  ACCEPT: [[SP_CLINICAL, ['BOOKED_DBS', 'BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED']]],
  REJECT: [[SP_CLINICAL, ['BOOKED_DBS', 'BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED']]],
  TRIAGE_OUTCOME: [[SP_CLINICAL, ['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER']]],
  PROVIDER_CANCEL_APPOINTMENT: [[SP_ADMIN, WITH_APPOINTMENT]],
  PATIENT_CANCEL_APPOINTMENT: [[RC, WITH_APPOINTMENT]],
  CHANGE_APPOINTMENT: [[RC, ['BOOKED_DBS', 'BOOKED_DBS_ACCEPTED']]],
  RECORD_DNA: [[SP_ADMIN, WITH_APPOINTMENT]],
  CANCEL_REFERRAL: [
    [RC_CLINICAL, LIVE],
    [SP_CLINICAL, LIVE],
  ],
  ADD_LETTER: [[RC_CLINICAL, LIVE]],
  CHANGE_PRIORITY: [[RC_CLINICAL, REFERRER_BOOKING]],
  CHANGE_SHORTLIST: [[RC_CLINICAL, REFERRER_BOOKING]],
};

function expected(type: CommandType, role: RoleCode, situation: Situation): string {
  const rows = ALLOWED[type].filter(([roles]) => roles.includes(role));
  if (rows.length === 0) return 'NOT_PERMITTED';
  if (isProviderRole(role) && S[situation].service === undefined) return 'NO_RELATIONSHIP';
  return rows.some(([, where]) => where.includes(situation)) ? 'ok' : 'INVALID_REQUEST_STATE';
}

const matrix = COMMAND_TYPES.flatMap((type) =>
  ROLE_CODES.flatMap((role) =>
    SITUATIONS.map((situation) => [type, role, situation, expected(type, role, situation)] as const),
  ),
);

describe('check: every command x role x situation', () => {
  it.each(matrix)('%s by %s in %s -> %s', (type, role, situation, code) => {
    const result = check(sampleCommand(type, situation), S[situation], actorFor(role));
    expect(result.ok ? 'ok' : result.code).toBe(code);
    if (!result.ok) expect(result.message).toMatch(/^[A-Z].*[a-z]/);
  });

  it('allows something for each command (the matrix is not vacuous)', () => {
    for (const type of COMMAND_TYPES) expect(matrix.some(([t, , , code]) => t === type && code === 'ok')).toBe(true);
  });
});

describe('availableActions matches check', () => {
  it.each(ROLE_CODES.flatMap((role) => SITUATIONS.map((s) => [role, s] as const)))('%s in %s', (role, situation) => {
    const allowed = COMMAND_TYPES.filter((t) => expected(t, role, situation) === 'ok');
    expect(availableActions(S[situation], actorFor(role))).toEqual(allowed);
  });

  it('offers a referring clinician the booking actions on a new referral', () => {
    expect(availableActions(S.NOT_BOOKED, actorFor('B1101'))).toEqual([
      'BOOK',
      'REQUEST_IBS',
      'SEND_FOR_TRIAGE',
      'DEFER_TO_PROVIDER',
      'ADD_LETTER',
      'CHANGE_SHORTLIST',
      'CHANGE_PRIORITY',
      'CANCEL_REFERRAL',
    ]);
  });
});

describe('check: relationship, version and order of checks', () => {
  it.each(matrix.filter(([, , , code]) => code === 'ok'))(
    '%s by %s in %s from another organisation -> NO_RELATIONSHIP',
    (type, role, situation) => {
      const result = check(sampleCommand(type, situation), S[situation], actorFor(role, 'ZZZ99'));
      expect(result).toMatchObject({ ok: false, code: 'NO_RELATIONSHIP' });
    },
  );

  it.each(matrix.filter(([, , , code]) => code === 'ok'))(
    '%s by %s in %s with an old version -> STALE_VERSION',
    (type, role, situation) => {
      expect(check(sampleCommand(type, situation, 2), S[situation], actorFor(role))).toMatchObject({
        ok: false,
        code: 'STALE_VERSION',
      });
    },
  );

  it('checks role before relationship, relationship before state, state before version, version before fields', () => {
    const stale = (c: Command) => ({ ...c, expectedVersion: 1 });
    expect(check(stale(sampleCommand('ACCEPT', 'NOT_BOOKED')), S.NOT_BOOKED, actorFor('B1101', 'ZZZ99'))).toMatchObject(
      {
        code: 'NOT_PERMITTED',
      },
    );
    expect(check(stale(sampleCommand('BOOK', 'BOOKED_DBS')), S.BOOKED_DBS, actorFor('B1101', 'ZZZ99'))).toMatchObject({
      code: 'NO_RELATIONSHIP',
    });
    expect(check(stale(sampleCommand('SEND_FOR_TRIAGE', 'BOOKED_DBS')), S.BOOKED_DBS, actorFor('B1101'))).toEqual({
      ok: false,
      code: 'INVALID_REQUEST_STATE',
      message: "This referral is Booked; it can't be sent for triage",
    });
    const badAndStale = { type: 'REJECT', expectedVersion: 1, reason: 'OTHER' } as Command;
    expect(check(badAndStale, S.BOOKED_DBS, actorFor('B1110'))).toMatchObject({ code: 'STALE_VERSION' });
  });

  it('explains role refusals with the role name', () => {
    expect(check(sampleCommand('ACCEPT', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1120'))).toEqual({
      ok: false,
      code: 'NOT_PERMITTED',
      message: 'Your role (Service Provider Admin) does not allow: Accept',
    });
  });

  it('explains preconditions', () => {
    expect(
      check(sampleCommand('ACCEPT', 'BOOKED_DBS_ACCEPTED'), S.BOOKED_DBS_ACCEPTED, actorFor('B1110')),
    ).toMatchObject({
      message: 'This referral has already been accepted',
    });
    expect(check(sampleCommand('BOOK', 'DNA_RETURNED'), S.DNA_RETURNED, actorFor('B1120'))).toMatchObject({
      message: 'This referral was returned to the referrer after the missed appointment',
    });
    expect(
      check(
        sampleCommand('ADD_LETTER', 'NOT_BOOKED'),
        { ...S.NOT_BOOKED, letter: { status: 'ATTACHED', documentId: 'd' } },
        actorFor('B1101'),
      ),
    ).toMatchObject({
      code: 'INVALID_REQUEST_STATE',
      message: 'The referral letter is already attached',
    });
  });

  it('refuses an unknown command type as VALIDATION', () => {
    expect(
      check({ type: 'TELEPORT', expectedVersion: 3 } as unknown as Command, S.NOT_BOOKED, actorFor('B1101')),
    ).toMatchObject({
      code: 'VALIDATION',
      field: 'type',
    });
  });
});

describe('canView', () => {
  it.each([
    ['B1101', 'NOT_BOOKED', true],
    ['B1103', 'CANCELLED_REFERRAL', true],
    ['B1110', 'NOT_BOOKED', false], // not yet with any service
    ['B1110', 'AWAITING_TRIAGE', true],
    ['B1120', 'BOOKED_DBS', true],
    ['B1130', 'BOOKED_DBS', false],
    ['CP0001', 'BOOKED_DBS', false],
  ] as const)('%s sees %s: %s', (role, situation, visible) => {
    expect(canView(S[situation], actorFor(role))).toBe(visible);
  });

  it('needs the matching organisation', () => {
    expect(canView(S.BOOKED_DBS, actorFor('B1101', 'B99999'))).toBe(false);
    expect(canView(S.BOOKED_DBS, actorFor('B1110', 'RYY'))).toBe(false);
  });
});

describe('checkCreate', () => {
  it.each([
    ['B1101', undefined, createInput(), { ok: true }],
    ['B1102', undefined, createInput(), { ok: true }], // on behalf of the named clinician
    ['B1103', undefined, createInput(), { ok: false, code: 'NOT_PERMITTED' }],
    ['B1110', undefined, createInput(), { ok: false, code: 'NOT_PERMITTED' }],
    ['B1101', 'Y12345', createInput(), { ok: false, code: 'NO_RELATIONSHIP' }],
    [
      'B1101',
      undefined,
      createInput({ referrer: { orgCode: 'A81001', clinicianUserId: 'someone-else', clinicianName: 'Dr X' } }),
      { ok: false, code: 'VALIDATION', field: 'referrer.clinicianUserId' },
    ],
    [
      'B1101',
      undefined,
      createInput({ shortlist: [] }),
      { ok: false, code: 'VALIDATION', field: 'shortlist', message: 'Choose at least one service' },
    ],
    [
      'B1101',
      undefined,
      createInput({ shortlist: [SERVICES.dbs, SERVICES.dbs] }),
      { ok: false, code: 'VALIDATION', message: 'A service is on the shortlist twice' },
    ],
    [
      'B1101',
      undefined,
      { ...createInput(), patient: { ...createInput().patient, nhsNumber: '9434765918' } },
      {
        ok: false,
        code: 'VALIDATION',
        field: 'patient.nhsNumber',
        message: 'NHS number is not valid: check the digits',
      },
    ],
    [
      'B1101',
      undefined,
      { ...createInput(), reason: '' },
      { ok: false, code: 'VALIDATION', field: 'reason', message: 'Enter the reason for referral' },
    ],
  ] as const)('%s (org %s) -> %j', (role, org, input, result) => {
    expect(checkCreate(input, actorFor(role, org))).toMatchObject(result);
  });
});

describe('checkEvent', () => {
  it.each([
    ['BOOKING_CONFIRMED', 'BOOKED_DBS', true],
    ['BOOKING_CONFIRMED', 'BOOKED_IBS_AWAITING', false],
    ['BOOKING_CONFIRMED', 'BOOKED_IBS_ARRANGED', false], // already confirmed
    ['REMINDER_SENT', 'NOT_BOOKED', true],
    ['REMINDER_SENT', 'CANCELLED_REFERRAL', false],
    ['CONTACT_TARGET_BREACHED', 'AWAITING_TRIAGE', true],
    ['CONTACT_TARGET_BREACHED', 'DEFERRED_TO_PROVIDER', true],
    ['CONTACT_TARGET_BREACHED', 'BOOKED_DBS', false],
    ['EXPIRE', 'NOT_BOOKED', true],
    ['EXPIRE', 'REJECTED', true],
    ['EXPIRE', 'BOOKED_DBS', false],
    ['EXPIRE', 'EXPIRED', false],
  ] as const)('%s in %s: %s', (type, situation, ok) => {
    expect(checkEvent({ type }, S[situation]).ok).toBe(ok);
  });

  it('refuses a breach twice and a confirmation for another slot', () => {
    expect(checkEvent({ type: 'CONTACT_TARGET_BREACHED' }, { ...S.AWAITING_TRIAGE, breached: true }).ok).toBe(false);
    expect(checkEvent({ type: 'BOOKING_CONFIRMED', slotId: 'slot-2' }, S.BOOKED_DBS).ok).toBe(false);
  });
});
