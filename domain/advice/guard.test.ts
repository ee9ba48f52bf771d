import { describe, expect, it } from 'vitest';
import { ROLE_CODES, type RoleCode } from '../roles';
import { ADVICE_COMMAND_TYPES, type AdviceCommandType } from './commands';
import { MAX_MESSAGES } from './conversation';
import { ADVICE_SERVICE, actorFor, askInput, conversationIn, sampleAdviceCommand } from './fixtures';
import { availableAdviceActions, canViewConversation, checkAdvice, checkAsk } from './guard';
import { ADVICE_STATES, type AdviceState } from './states';

// The specification, written out independently of rules.ts: who may give each command, in which states.
const LIVE: AdviceState[] = ['AWAITING_RESPONSE', 'AWAITING_MORE_INFO', 'RESPONDED'];
const SPEC: Record<AdviceCommandType, { roles: RoleCode[]; states: AdviceState[] }> = {
  RESPOND: { roles: ['B1110', 'B1115'], states: ['AWAITING_RESPONSE'] },
  REQUEST_INFO: { roles: ['B1110', 'B1115'], states: ['AWAITING_RESPONSE'] },
  REPLY: { roles: ['B1101', 'B1102'], states: ['AWAITING_MORE_INFO', 'RESPONDED'] },
  CONVERT_BY_PROVIDER: { roles: ['B1110', 'B1115'], states: LIVE },
  CONVERT_BY_REFERRER: { roles: ['B1101', 'B1102'], states: LIVE },
  CLOSE: { roles: ['B1101', 'B1102', 'B1110', 'B1115'], states: LIVE },
  CANCEL: { roles: ['B1101', 'B1102'], states: LIVE },
};

describe('the advice guard, every role x state x command', () => {
  describe.each([...ADVICE_STATES])('in %s', (state) => {
    const conversation = conversationIn(state);
    it.each([...ROLE_CODES])('as %s', (role) => {
      const actor = actorFor(role);
      for (const type of ADVICE_COMMAND_TYPES) {
        const result = checkAdvice(sampleAdviceCommand(type, conversation.version), conversation, actor);
        const roleOk = SPEC[type].roles.includes(role);
        const expected = !roleOk ? 'NOT_PERMITTED' : SPEC[type].states.includes(state) ? 'ok' : 'INVALID_REQUEST_STATE';
        expect(result.ok ? 'ok' : result.code, `${type} as ${role} in ${state}`).toBe(expected);
        expect(availableAdviceActions(conversation, actor).includes(type), `${type} drawn`).toBe(expected === 'ok');
      }
    });
  });
});

describe('the advice guard, beyond role and state', () => {
  const asked = conversationIn('AWAITING_RESPONSE');

  it('refuses the clinicians of any other organisation (NO_RELATIONSHIP), on both sides', () => {
    const otherProvider = checkAdvice(sampleAdviceCommand('RESPOND', 1), asked, actorFor('B1110', 'RZZ'));
    expect(otherProvider).toMatchObject({ ok: false, code: 'NO_RELATIONSHIP' });
    const otherPractice = checkAdvice(sampleAdviceCommand('CANCEL', 1), asked, actorFor('B1101', 'B99999'));
    expect(otherPractice).toMatchObject({ ok: false, code: 'NO_RELATIONSHIP' });
  });

  it('lets only the clinical roles of the two organisations see the conversation', () => {
    const seeing = ROLE_CODES.filter((role) => canViewConversation(asked, actorFor(role)));
    expect(seeing.sort()).toEqual(['B1101', 'B1102', 'B1110', 'B1115']);
    expect(canViewConversation(asked, actorFor('B1110', 'RZZ'))).toBe(false);
  });

  it('refuses a stale version', () => {
    expect(checkAdvice(sampleAdviceCommand('RESPOND', 7), asked, actorFor('B1110'))).toMatchObject({
      ok: false,
      code: 'STALE_VERSION',
    });
  });

  it('names the field at fault: an empty answer, a missing outcome, text over 8,000 characters', () => {
    const provider = actorFor('B1110');
    expect(checkAdvice({ ...sampleAdviceCommand('RESPOND', 1), text: '  ' }, asked, provider)).toMatchObject({
      code: 'VALIDATION',
      field: 'text',
      message: 'Enter your advice',
    });
    expect(checkAdvice({ type: 'RESPOND', expectedVersion: 1, text: 'Fine' }, asked, provider)).toMatchObject({
      code: 'VALIDATION',
      field: 'outcome',
    });
    const long = { ...sampleAdviceCommand('REQUEST_INFO', 1), text: 'x'.repeat(8001) };
    expect(checkAdvice(long, asked, provider)).toMatchObject({ code: 'VALIDATION', field: 'text' });
    const note = { type: 'CLOSE', expectedVersion: 1, note: 'x'.repeat(2001) };
    expect(checkAdvice(note, asked, provider)).toMatchObject({ code: 'VALIDATION', field: 'note' });
    expect(checkAdvice({ type: 'NOPE', expectedVersion: 1 }, asked, provider)).toMatchObject({ field: 'type' });
  });

  it('refuses the provider a conversion the requester did not allow, but not the requester', () => {
    const notAllowed = conversationIn('RESPONDED', { conversionAllowed: false });
    const byProvider = checkAdvice(sampleAdviceCommand('CONVERT_BY_PROVIDER', 2), notAllowed, actorFor('B1110'));
    expect(byProvider).toMatchObject({ ok: false, code: 'INVALID_REQUEST_STATE' });
    expect(!byProvider.ok && byProvider.message).toContain('did not allow');
    expect(checkAdvice(sampleAdviceCommand('CONVERT_BY_REFERRER', 2), notAllowed, actorFor('B1101')).ok).toBe(true);
  });

  it('refuses the provider a conversion into an advice-only service', () => {
    const adviceOnly = conversationIn('RESPONDED', { service: { ...ADVICE_SERVICE, referralType: undefined } });
    const result = checkAdvice(sampleAdviceCommand('CONVERT_BY_PROVIDER', 2), adviceOnly, actorFor('B1115'));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_REQUEST_STATE' });
  });

  it(`refuses a message past ${MAX_MESSAGES} but still lets the conversation close`, () => {
    const full = { ...asked, messages: Array.from({ length: MAX_MESSAGES }, () => asked.messages[0]!) };
    expect(checkAdvice(sampleAdviceCommand('RESPOND', 1), full, actorFor('B1110'))).toMatchObject({
      code: 'INVALID_REQUEST_STATE',
    });
    expect(checkAdvice(sampleAdviceCommand('CLOSE', 1), full, actorFor('B1110')).ok).toBe(true);
  });
});

describe('checkAsk', () => {
  const clinician = actorFor('B1101');
  const input = askInput({
    requester: { orgCode: clinician.orgCode, clinicianUserId: clinician.userId, clinicianName: 'Dr A' },
  });

  it('lets a referring clinician ask in their own name only', () => {
    expect(checkAsk(input, clinician).ok).toBe(true);
    const forAnother = { ...input, requester: { ...input.requester, clinicianUserId: 'someone-else' } };
    expect(checkAsk(forAnother, clinician)).toMatchObject({ code: 'VALIDATION', field: 'requester.clinicianUserId' });
    expect(checkAsk(forAnother, actorFor('B1102')).ok).toBe(true);
  });

  it('refuses the roles that may not ask, and another organisation', () => {
    for (const role of ['B1103', 'B1110', 'B1120', 'B1107'] as const) {
      expect(checkAsk(input, actorFor(role, clinician.orgCode))).toMatchObject({ code: 'NOT_PERMITTED' });
    }
    expect(checkAsk(input, actorFor('B1101', 'B99999'))).toMatchObject({ code: 'NO_RELATIONSHIP' });
  });

  it('needs a question of at most 8,000 characters and the conversion answer', () => {
    expect(checkAsk({ ...input, question: ' ' }, clinician)).toMatchObject({ field: 'question' });
    expect(checkAsk({ ...input, question: 'x'.repeat(8001) }, clinician)).toMatchObject({ field: 'question' });
    const { conversionAllowed: _omitted, ...noAnswer } = input;
    expect(checkAsk(noAnswer as typeof input, clinician)).toMatchObject({ field: 'conversionAllowed' });
  });
});
