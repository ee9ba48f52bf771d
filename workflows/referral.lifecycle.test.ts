import { describe, expect, it } from 'vitest';
import { auditTrailFor } from '../db/audit/audit.repository';
import { notificationsFor } from '../db/referrals/notifications.repository';
import { getReferralRow, getTimeline } from '../db/referrals/referrals.repository';
import { defaultPolicy } from '../domain/policy';
import type { ReferralState } from '../domain/states';
import { type PathName, drivePath } from '../tests/helpers/referral-paths';
import { referralSuite } from '../tests/helpers/referrals';
import { referralWorkflowId } from './referral.messages';

const ENDS: Record<PathName, { state: ReferralState; timeline: string[] }> = {
  'book-accept': { state: 'BOOKED', timeline: ['CREATE', 'BOOK', 'BOOKING_CONFIRMED', 'ACCEPT'] },
  'triage-book-later': { state: 'BOOKED', timeline: ['CREATE', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'BOOK'] },
  redirect: {
    state: 'TRIAGE_RESPONSE',
    timeline: ['CREATE', 'SEND_FOR_TRIAGE', 'TRIAGE_OUTCOME', 'DEFER_TO_PROVIDER', 'TRIAGE_OUTCOME'],
  },
  'dna-rebook': { state: 'BOOKED', timeline: ['CREATE', 'BOOK', 'RECORD_DNA', 'BOOK', 'ACCEPT'] },
  'slot-issue': { state: 'BOOKED', timeline: ['CREATE', 'DEFER_TO_PROVIDER', 'TRIAGE_OUTCOME'] },
  ibs: { state: 'BOOKED', timeline: ['CREATE', 'REQUEST_IBS', 'RECORD_IBS_ARRANGED', 'ACCEPT'] },
  reject: { state: 'REJECTED', timeline: ['CREATE', 'BOOK', 'REJECT'] },
  'change-then-cancel': {
    state: 'CANCELLED_REFERRAL',
    timeline: ['CREATE', 'BOOK', 'CHANGE_APPOINTMENT', 'PATIENT_CANCEL_APPOINTMENT', 'ADD_LETTER', 'CANCEL_REFERRAL'],
  },
};

describe('referral lifecycle paths, end to end', () => {
  const stack = referralSuite();

  it.concurrent.each(Object.keys(ENDS) as PathName[])('%s', async (path) => {
    const deps = {
      client: stack.client,
      db: stack.db,
      taskQueue: stack.taskQueue,
      policy: defaultPolicy,
    };
    const { ubrn, referrals } = await drivePath(deps, path);
    const final = referrals.at(-1)!;
    expect(final.state).toBe(ENDS[path].state);

    // The read side matches the workflow exactly once: one timeline row and one audit entry per version.
    const row = await getReferralRow(stack.db, ubrn);
    expect(row?.version).toBe(final.version);
    expect(row?.snapshot).toEqual(final);
    const timeline = await getTimeline(stack.db, ubrn);
    expect(timeline.map((t) => t.type)).toEqual(ENDS[path].timeline);
    expect(timeline.map((t) => t.version)).toEqual(referrals.map((r) => r.version));
    expect(await auditTrailFor(stack.db, 'referral', ubrn)).toHaveLength(final.version);

    // Every slot the referral held but no longer does is free again; the one it holds is its own.
    const slots = await stack.db
      .selectFrom('slots')
      .select(['id', 'status', 'ubrn'])
      .where('ubrn', '=', ubrn)
      .execute();
    expect(slots.map((s) => String(s.id))).toEqual(final.appointment?.slotId ? [final.appointment.slotId] : []);

    const notifications = await notificationsFor(stack.db, ubrn);
    expect(notifications.find((n) => n.version === 1)?.recipient).toBe('PATIENT');

    if (path === 'change-then-cancel') {
      const result = await stack.client.workflow.getHandle(referralWorkflowId(ubrn)).result();
      expect(result).toEqual({ ubrn, state: 'CANCELLED_REFERRAL', version: final.version });
    }
  });
});
