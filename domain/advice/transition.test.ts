import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import { adviceCommandSchema } from './commands';
import { referralFromConversation } from './conversion';
import { FIXTURE_NOW, actorFor, askInput, conversationIn, sampleAdviceCommand } from './fixtures';
import { applyAdvice, askAdvice, expireAdvice } from './transition';
import { isOnAdviceWorklist, isResponseOverdue } from './worklists';

const provider = actorFor('B1110');
const referrer = actorFor('B1101');
// 2026-04-01 is a Wednesday; Good Friday is 2026-04-03 and Easter Monday 2026-04-06.
const ctx = (actor = provider, now = FIXTURE_NOW) => ({ actor, now, policy: defaultPolicy });

describe('advice transitions', () => {
  it('asks: version 1, with the provider, due in two working days, the question as the first message', () => {
    const { conversation, event } = askAdvice(askInput(), ctx(referrer));
    expect(conversation).toMatchObject({ version: 1, state: 'AWAITING_RESPONSE', responseDueBy: '2026-04-07' });
    expect(conversation.messages).toEqual([expect.objectContaining({ kind: 'QUESTION', author: referrer })]);
    expect(event).toMatchObject({ type: 'ASK', fromState: null, toState: 'AWAITING_RESPONSE' });
    expect(event.summary).not.toContain(conversation.patient.familyName);
  });

  it('keeps each message with author, role, organisation and time, and moves the due date on a reply', () => {
    const asked = conversationIn('AWAITING_RESPONSE');
    const info = applyAdvice(asked, adviceCommandSchema.parse(sampleAdviceCommand('REQUEST_INFO', 1)), ctx());
    expect(info.conversation.state).toBe('AWAITING_MORE_INFO');
    expect(info.conversation.responseDueBy).toBeUndefined();
    const later = '2026-04-08T10:00:00.000Z';
    const reply = applyAdvice(
      info.conversation,
      adviceCommandSchema.parse(sampleAdviceCommand('REPLY', 2)),
      ctx(referrer, later),
    );
    expect(reply.conversation).toMatchObject({ state: 'AWAITING_RESPONSE', version: 3, responseDueBy: '2026-04-10' });
    expect(reply.conversation.messages.map((m) => [m.kind, m.author.role, m.author.orgCode, m.at])).toEqual([
      ['QUESTION', 'B1101', referrer.orgCode, FIXTURE_NOW],
      ['INFO_REQUEST', 'B1110', provider.orgCode, FIXTURE_NOW],
      ['REPLY', 'B1101', referrer.orgCode, later],
    ]);
  });

  it('records the advice outcome, and a close note as a message', () => {
    const answered = conversationIn('RESPONDED');
    expect(answered.outcome).toBe('ADVICE_ONLY');
    const closed = applyAdvice(
      answered,
      adviceCommandSchema.parse({ type: 'CLOSE', expectedVersion: 2, note: 'Thanks' }),
      ctx(referrer),
    );
    expect(closed.conversation.state).toBe('CLOSED');
    expect(closed.conversation.messages.at(-1)).toMatchObject({ kind: 'NOTE', text: 'Thanks' });
  });

  it('converts: the referral keeps the UBRN, patient and requester and lands with the provider to book', () => {
    const converted = conversationIn('CONVERTED');
    expect(converted.conversion).toEqual({ by: 'PROVIDER', at: FIXTURE_NOW });
    const { referral, event } = referralFromConversation(converted, {
      priority: 'URGENT',
      actor: provider,
      now: FIXTURE_NOW,
    });
    expect(referral).toMatchObject({
      ubrn: converted.ubrn,
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      priority: 'URGENT',
      patient: converted.patient,
      referrer: converted.requester,
      service: { serviceId: converted.service.serviceId, requestType: 'DBS' },
      clinicalInformation: converted.messages[0]!.text,
      expiresAt: converted.expiresAt,
    });
    expect(event).toMatchObject({ version: 1, type: 'CREATE', toState: 'TRIAGED_PROVIDER_TO_ACTION' });
  });

  it('expires into a stub event without content', () => {
    const event = expireAdvice(conversationIn('CLOSED'), FIXTURE_NOW);
    expect(event).toMatchObject({ type: 'EXPIRE', toState: 'EXPIRED', version: 3 });
    expect(event.message).toBeUndefined();
  });
});

describe('advice worklists', () => {
  it('puts unread provider messages on the referrer’s Responses to read, and only those', () => {
    const facts = { state: 'RESPONDED', lastFrom: 'PROVIDER', referrerRead: false } as const;
    expect(isOnAdviceWorklist('responses', facts)).toBe(true);
    expect(isOnAdviceWorklist('responses', { ...facts, referrerRead: true })).toBe(false);
    expect(isOnAdviceWorklist('responses', { ...facts, state: 'CANCELLED', lastFrom: 'REFERRER' })).toBe(false);
    expect(isOnAdviceWorklist('awaiting-response', { ...facts, state: 'AWAITING_RESPONSE' })).toBe(true);
  });

  it('tags a breach only after the due date, and only while the provider owes a response', () => {
    expect(isResponseOverdue('AWAITING_RESPONSE', '2026-04-07', '2026-04-07')).toBe(false);
    expect(isResponseOverdue('AWAITING_RESPONSE', '2026-04-07', '2026-04-08')).toBe(true);
    expect(isResponseOverdue('AWAITING_MORE_INFO', '2026-04-07', '2026-04-08')).toBe(false);
  });
});
