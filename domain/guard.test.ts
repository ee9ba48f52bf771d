import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type Command, type CommandType } from './actions';
import { type Situation, SERVICES, SITUATIONS, actorFor, createInput, sampleCommand, situations } from './fixtures';
import { availableActions, canView, check, checkCreate, checkEvent } from './guard';
import { AFTER_APPOINTMENTS, BEFORE_APPOINTMENTS, type Clock, expectedAnswer } from './guard-expectations';
import { ROLE_CODES, type RoleCode, isProviderRole } from './roles';

const S = situations();

const NOW = BEFORE_APPOINTMENTS;

function expected(type: CommandType, role: RoleCode, situation: Situation, clock: Clock = 'before'): string {
  return expectedAnswer(type, role, situation, clock, S[situation].service !== undefined, isProviderRole(role));
}

const matrix = (['before', 'after'] as const).flatMap((clock) =>
  COMMAND_TYPES.flatMap((type) =>
    ROLE_CODES.flatMap((role) =>
      SITUATIONS.map((situation) => [type, role, situation, clock, expected(type, role, situation, clock)] as const),
    ),
  ),
);
const at = (clock: Clock) => (clock === 'before' ? BEFORE_APPOINTMENTS : AFTER_APPOINTMENTS);

describe('check: every command x role x situation, before and after the appointments', () => {
  it.each(matrix)('%s by %s in %s (%s the appointment) -> %s', (type, role, situation, clock, code) => {
    const result = check(sampleCommand(type, situation), S[situation], actorFor(role), at(clock));
    expect(result.ok ? 'ok' : result.code).toBe(code);
    if (!result.ok) expect(result.message).toMatch(/^[A-Z].*[a-z]/);
  });

  it('allows something for each command (the matrix is not vacuous)', () => {
    for (const type of COMMAND_TYPES) expect(matrix.some(([t, , , , code]) => t === type && code === 'ok')).toBe(true);
  });
});

describe('availableActions matches check', () => {
  it.each(
    (['before', 'after'] as const).flatMap((clock) =>
      ROLE_CODES.flatMap((role) => SITUATIONS.map((s) => [role, s, clock] as const)),
    ),
  )('%s in %s (%s the appointment)', (role, situation, clock) => {
    const allowed = COMMAND_TYPES.filter((t) => expected(t, role, situation, clock) === 'ok');
    expect(availableActions(S[situation], actorFor(role), at(clock))).toEqual(allowed);
  });

  it('offers a referring clinician the booking actions on a new referral', () => {
    expect(availableActions(S.NOT_BOOKED, actorFor('B1101'), NOW)).toEqual([
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
  it.each(matrix.filter(([, , , , code]) => code === 'ok'))(
    '%s by %s in %s (%s) from another organisation -> NO_RELATIONSHIP',
    (type, role, situation, clock) => {
      const result = check(sampleCommand(type, situation), S[situation], actorFor(role, 'ZZZ99'), at(clock));
      expect(result).toMatchObject({ ok: false, code: 'NO_RELATIONSHIP' });
    },
  );

  it.each(matrix.filter(([, , , , code]) => code === 'ok'))(
    '%s by %s in %s (%s) with an old version -> STALE_VERSION',
    (type, role, situation, clock) => {
      expect(check(sampleCommand(type, situation, 2), S[situation], actorFor(role), at(clock))).toMatchObject({
        ok: false,
        code: 'STALE_VERSION',
      });
    },
  );

  it('checks role before relationship, relationship before state, state before version, version before fields', () => {
    const stale = (c: Command) => ({ ...c, expectedVersion: 1 });
    expect(
      check(stale(sampleCommand('ACCEPT', 'NOT_BOOKED')), S.NOT_BOOKED, actorFor('B1101', 'ZZZ99'), NOW),
    ).toMatchObject({
      code: 'NOT_PERMITTED',
    });
    expect(
      check(stale(sampleCommand('BOOK', 'BOOKED_DBS')), S.BOOKED_DBS, actorFor('B1101', 'ZZZ99'), NOW),
    ).toMatchObject({
      code: 'NO_RELATIONSHIP',
    });
    expect(check(stale(sampleCommand('SEND_FOR_TRIAGE', 'BOOKED_DBS')), S.BOOKED_DBS, actorFor('B1101'), NOW)).toEqual({
      ok: false,
      code: 'INVALID_REQUEST_STATE',
      message: "This referral is Booked; it can't be sent for triage",
    });
    const badAndStale = { type: 'REJECT', expectedVersion: 1, reason: 'OTHER' } as Command;
    expect(check(badAndStale, S.BOOKED_DBS, actorFor('B1110'), NOW)).toMatchObject({ code: 'STALE_VERSION' });
  });

  it('explains role refusals with the role name', () => {
    expect(check(sampleCommand('ACCEPT', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1120'), NOW)).toEqual({
      ok: false,
      code: 'NOT_PERMITTED',
      message: 'Your role (Service Provider Admin) does not allow: Accept',
    });
  });

  it('explains preconditions', () => {
    expect(
      check(sampleCommand('ACCEPT', 'BOOKED_DBS_ACCEPTED'), S.BOOKED_DBS_ACCEPTED, actorFor('B1110'), NOW),
    ).toMatchObject({
      message: 'This referral has already been accepted',
    });
    expect(check(sampleCommand('BOOK', 'DNA_RETURNED'), S.DNA_RETURNED, actorFor('B1120'), NOW)).toMatchObject({
      message: 'This referral was returned to the referrer after the missed appointment',
    });
    expect(
      check(
        sampleCommand('ADD_LETTER', 'NOT_BOOKED'),
        { ...S.NOT_BOOKED, letter: { status: 'ATTACHED', documentId: 'd' } },
        actorFor('B1101'),
        NOW,
      ),
    ).toMatchObject({
      code: 'INVALID_REQUEST_STATE',
      message: 'The referral letter is already attached',
    });
  });

  it('refuses an unknown command type as VALIDATION', () => {
    expect(
      check({ type: 'TELEPORT', expectedVersion: 3 } as unknown as Command, S.NOT_BOOKED, actorFor('B1101'), NOW),
    ).toMatchObject({
      code: 'VALIDATION',
      field: 'type',
    });
  });
});

describe('e-RS rules on the command itself (decision record 0015)', () => {
  const cancelLater = (comment?: string): Command =>
    ({
      type: 'PROVIDER_CANCEL_APPOINTMENT',
      expectedVersion: 3,
      reason: 'CLINIC_CANCELLED',
      ...(comment === undefined ? {} : { comment }),
    }) as Command;

  it('a provider clinician cancelling for action later must tell the admin team what to do', () => {
    expect(check(cancelLater(), S.BOOKED_DBS, actorFor('B1110'), NOW)).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      field: 'comment',
      message: 'Enter a comment telling your admin team what to do next',
    });
    expect(check(cancelLater('Rebook with Dr Patel'), S.BOOKED_DBS, actorFor('B1115'), NOW)).toEqual({ ok: true });
    // A provider admin's cancellation needs a comment only where the reason does.
    expect(check(cancelLater(), S.BOOKED_DBS, actorFor('B1120'), NOW)).toEqual({ ok: true });
  });

  it.each([
    ['B1101', 'RAISED_IN_ERROR', true],
    ['B1101', 'BOOKED_OUTSIDE_CAB', false],
    ['B1110', 'BOOKED_OUTSIDE_CAB', true],
    ['B1110', 'REFERRER_CANCELLATION', false],
    ['B1115', 'PATIENT_DIED', true],
  ] as const)('%s cancelling a referral with %s: %s', (role, reason, ok) => {
    const command = { type: 'CANCEL_REFERRAL', expectedVersion: 3, reason } as Command;
    const result = check(command, S.BOOKED_DBS, actorFor(role), NOW);
    expect(result.ok ? 'ok' : [result.code, result.field]).toEqual(ok ? 'ok' : ['VALIDATION', 'reason']);
  });

  it.each([
    ['NO_SLOTS', false],
    ['SLOT_UNAVAILABLE', true],
    ['BOOKING_TIMEOUT', true],
  ] as const)('defers with %s while slots exist: %s', (reason, ok) => {
    const command = {
      type: 'DEFER_TO_PROVIDER',
      expectedVersion: 3,
      serviceId: SERVICES.dbs.serviceId,
      reason,
      slotsAvailable: true,
    } as Command;
    expect(check(command, S.NOT_BOOKED, actorFor('B1101'), NOW).ok).toBe(ok);
  });

  it('accept, book later needs a review comment and may reset the priority', () => {
    const later = { type: 'TRIAGE_OUTCOME', expectedVersion: 3, outcome: 'ACCEPT_BOOK_LATER' };
    expect(check(later as Command, S.AWAITING_TRIAGE, actorFor('B1110'), NOW)).toMatchObject({
      code: 'VALIDATION',
      field: 'comment',
    });
    const withComment = { ...later, comment: 'Book in the next clinic', priority: 'URGENT' } as Command;
    expect(check(withComment, S.AWAITING_TRIAGE, actorFor('B1110'), NOW)).toEqual({ ok: true });
  });

  it('says why an appointment time forbids accepting or recording a DNA', () => {
    expect(check(sampleCommand('ACCEPT', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1110'), AFTER_APPOINTMENTS)).toEqual({
      ok: false,
      code: 'INVALID_REQUEST_STATE',
      message: 'The appointment has already passed: record whether the patient attended instead',
    });
    expect(check(sampleCommand('RECORD_DNA', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1120'), NOW)).toMatchObject({
      code: 'INVALID_REQUEST_STATE',
      message: 'The appointment has not happened yet: record a missed appointment after it',
    });
    // The moment it starts counts as passed.
    const start = S.BOOKED_DBS.appointment!.start;
    expect(check(sampleCommand('RECORD_DNA', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1120'), start).ok).toBe(true);
    expect(check(sampleCommand('ACCEPT', 'BOOKED_DBS'), S.BOOKED_DBS, actorFor('B1110'), start).ok).toBe(false);
  });

  it('a DNA names e-RS reason', () => {
    const noReason = { type: 'RECORD_DNA', expectedVersion: 3, outcome: 'REBOOK' } as Command;
    expect(check(noReason, S.BOOKED_DBS, actorFor('B1120'), AFTER_APPOINTMENTS)).toMatchObject({
      code: 'VALIDATION',
      field: 'reason',
      message: 'Choose why the patient did not attend',
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
