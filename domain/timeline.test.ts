import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, SYSTEM_EVENT_LABELS } from './actions';
import { timelineEventLabel, timelineReasonText } from './timeline';

const CODE = /\b[A-Z]+_[A-Z_]+\b/;

describe('the timeline in words', () => {
  it('names every event a referral can record, never by its code', () => {
    const types = ['CREATE', ...COMMAND_TYPES, ...Object.keys(SYSTEM_EVENT_LABELS)];
    for (const type of types) expect(timelineEventLabel(type), type).not.toMatch(CODE);
    expect(timelineEventLabel('TRIAGE_OUTCOME')).toBe('Record triage outcome');
    expect(timelineEventLabel('BOOKING_CONFIRMED')).toBe('Booking confirmed');
  });

  it('words a triage outcome recorded as the reason, with its comment (it read "ACCEPT_BOOK_LATER: ...")', () => {
    expect(timelineReasonText({ code: 'ACCEPT_BOOK_LATER', comment: 'Book within 2 weeks' })).toBe(
      'Accepted, provider to book: Book within 2 weeks',
    );
    expect(timelineReasonText({ code: 'RETURN_WITH_ADVICE' })).toBe('Returned to referrer with advice');
  });

  it('words the coded reasons from the reason tables, and spells out any code it does not know', () => {
    expect(timelineReasonText({ code: 'NO_SLOTS' })).not.toMatch(CODE);
    expect(timelineReasonText({ code: 'SOMETHING_NEW', comment: 'why' })).toBe('Something new: why');
    expect(timelineReasonText(undefined)).toBe('');
    expect(timelineEventLabel('SOMETHING_NEW')).toBe('Something new');
  });
});
