/**
 * Advice and Guidance transitions, for what `transition.test.ts` leaves open (issue 19's
 * mutation testing, decision record 0016; kept apart from the files others edit here).
 * Oracles from e-RS's A&G rules (`/work/shared/domain.md`, "Advice and guidance", and the
 * expiry policy under "Reminders and expiry"):
 * - the provider answers with advice (and an outcome) or asks for more information; the
 *   referrer replies; either side converts it into a referral, or it is closed or cancelled;
 * - a UBRN that reaches no booked appointment expires 180 days on, and its conversation with it;
 * - each history row says what happened in words, names the service where there is one, and no
 *   two kinds of row read alike; a message is kept only where someone wrote one.
 */
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../policy';
import { type AdviceCommandType, adviceCommandSchema } from './commands';
import { ADVICE_OUTCOMES } from './conversation';
import { ADVICE_SERVICE, FIXTURE_NOW, actorFor, askInput, conversationIn, sampleAdviceCommand } from './fixtures';
import { applyAdvice, askAdvice, expireAdvice } from './transition';

const provider = actorFor('B1110');
const referrer = actorFor('B1101');
const ctx = (actor = provider) => ({ actor, now: FIXTURE_NOW, policy: defaultPolicy });
const apply = (state: Parameters<typeof conversationIn>[0], input: Record<string, unknown>, actor = provider) => {
  const conversation = conversationIn(state);
  return applyAdvice(
    conversation,
    adviceCommandSchema.parse({ expectedVersion: conversation.version, ...input }),
    ctx(actor),
  );
};

describe('asking for advice', () => {
  it('expires with its UBRN 180 days on', () => {
    const { conversation, event } = askAdvice(askInput(), ctx(referrer));
    // 1 April 2026 09:00 UTC + 180 days.
    expect(conversation.expiresAt).toBe('2026-09-28T09:00:00.000Z');
    expect(event.summary).toContain(ADVICE_SERVICE.name);
  });
});

describe('each step of a conversation', () => {
  it('advice carries its outcome, on the message and the conversation, and says it', () => {
    const { conversation, event } = apply('AWAITING_RESPONSE', {
      type: 'RESPOND',
      text: 'Start ramipril.',
      outcome: 'REFER_IF_NEEDED',
    });
    expect(conversation).toMatchObject({ state: 'RESPONDED', outcome: 'REFER_IF_NEEDED' });
    expect(conversation.messages.at(-1)).toMatchObject({
      kind: 'ADVICE',
      text: 'Start ramipril.',
      outcome: 'REFER_IF_NEEDED',
    });
    expect(event.message).toMatchObject({ kind: 'ADVICE', text: 'Start ramipril.' });
    expect(event.summary).toContain(ADVICE_OUTCOMES.REFER_IF_NEEDED);
  });

  it('a request for information or a reply has no outcome, and files only if some were attached', () => {
    const info = apply('AWAITING_RESPONSE', { type: 'REQUEST_INFO', text: 'Send the ECG.' });
    expect(info.conversation).not.toHaveProperty('outcome');
    const asked = info.conversation.messages.at(-1)!;
    expect(asked).toMatchObject({ kind: 'INFO_REQUEST', text: 'Send the ECG.' });
    expect(asked).not.toHaveProperty('outcome');
    expect(asked.attachments).toEqual([]);
    const reply = apply('AWAITING_MORE_INFO', { type: 'REPLY', text: 'Attached.' }, referrer);
    expect(reply.conversation.messages.at(-1)).toMatchObject({ kind: 'REPLY', text: 'Attached.', attachments: [] });
    expect(reply.conversation.state).toBe('AWAITING_RESPONSE');
  });

  it('closing keeps a note as a message, or writes none; cancelling is the referrer’s', () => {
    const closed = apply('AWAITING_RESPONSE', { type: 'CLOSE', note: 'Answered by phone.' });
    expect(closed.conversation.state).toBe('CLOSED');
    expect(closed.conversation.messages.at(-1)).toMatchObject({
      kind: 'NOTE',
      text: 'Answered by phone.',
      attachments: [],
    });
    expect(closed.event.message).toMatchObject({ kind: 'NOTE' });
    const cancelled = apply('AWAITING_RESPONSE', { type: 'CANCEL' }, referrer);
    expect(cancelled.conversation.state).toBe('CANCELLED');
    expect(cancelled.conversation.messages).toHaveLength(1);
    expect(cancelled.event).not.toHaveProperty('message');
  });

  it('converting records who converted it and when, by either side', () => {
    const byProvider = apply('RESPONDED', { type: 'CONVERT_BY_PROVIDER', priority: 'URGENT' });
    expect(byProvider.conversation).toMatchObject({
      state: 'CONVERTED',
      conversion: { by: 'PROVIDER', at: FIXTURE_NOW },
    });
    expect(byProvider.event.summary).toContain(ADVICE_SERVICE.name);
    const byReferrer = apply('RESPONDED', { type: 'CONVERT_BY_REFERRER' }, referrer);
    expect(byReferrer.conversation).toMatchObject({
      state: 'CONVERTED',
      conversion: { by: 'REFERRER', at: FIXTURE_NOW },
    });
    expect(byReferrer.event).toMatchObject({
      type: 'CONVERT_BY_REFERRER',
      fromState: 'RESPONDED',
      toState: 'CONVERTED',
    });
    expect(byReferrer.event).not.toHaveProperty('message');
    // Only a conversion records one.
    expect(apply('AWAITING_RESPONSE', { type: 'CLOSE' }).conversation).not.toHaveProperty('conversion');
  });

  it('reads differently for each kind of row, and never empty', () => {
    const rows: [Parameters<typeof conversationIn>[0], AdviceCommandType][] = [
      ['AWAITING_RESPONSE', 'RESPOND'],
      ['AWAITING_RESPONSE', 'REQUEST_INFO'],
      ['AWAITING_MORE_INFO', 'REPLY'],
      ['RESPONDED', 'CONVERT_BY_PROVIDER'],
      ['RESPONDED', 'CONVERT_BY_REFERRER'],
      ['AWAITING_RESPONSE', 'CLOSE'],
      ['AWAITING_RESPONSE', 'CANCEL'],
    ];
    const summaries = rows.map(([state, type]) => {
      const conversation = conversationIn(state);
      return applyAdvice(
        conversation,
        adviceCommandSchema.parse(sampleAdviceCommand(type, conversation.version)),
        ctx(type === 'REPLY' || type === 'CANCEL' || type === 'CONVERT_BY_REFERRER' ? referrer : provider),
      ).event.summary;
    });
    summaries.push(askAdvice(askInput(), ctx(referrer)).event.summary);
    summaries.push(expireAdvice(conversationIn('RESPONDED'), FIXTURE_NOW).summary);
    for (const summary of summaries) expect(summary.trim()).not.toBe('');
    expect(new Set(summaries).size).toBe(summaries.length);
  });
});
