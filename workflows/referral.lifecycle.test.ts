import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrailFor } from '../db/audit/audit.repository';
import { notificationsFor } from '../db/referrals/notifications.repository';
import { getReferralRow, getTimeline } from '../db/referrals/referrals.repository';
import { defaultPolicy } from '../domain/policy';
import type { ReferralState } from '../domain/states';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/database';
import { type PathName, drivePath } from '../tests/helpers/referral-paths';
import { randomiseUbrns } from '../tests/helpers/referrals';
import { startTestTemporal } from '../tests/helpers/temporal';
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
  let database: TestDatabase;
  let temporal: Awaited<ReturnType<typeof startTestTemporal>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    await randomiseUbrns(database.db);
    temporal = await startTestTemporal(database.db);
  });
  afterAll(async () => {
    await temporal?.stop();
    await database?.destroy();
  });

  it.concurrent.each(Object.keys(ENDS) as PathName[])('%s', async (path) => {
    const deps = {
      client: temporal.client,
      db: database.db,
      taskQueue: temporal.target.taskQueue,
      policy: defaultPolicy,
    };
    const { ubrn, referrals } = await drivePath(deps, path);
    const final = referrals.at(-1)!;
    expect(final.state).toBe(ENDS[path].state);

    // The read side matches the workflow exactly once: one timeline row and one audit entry per version.
    const row = await getReferralRow(database.db, ubrn);
    expect(row?.version).toBe(final.version);
    expect(row?.snapshot).toEqual(final);
    const timeline = await getTimeline(database.db, ubrn);
    expect(timeline.map((t) => t.type)).toEqual(ENDS[path].timeline);
    expect(timeline.map((t) => t.version)).toEqual(referrals.map((r) => r.version));
    expect(await auditTrailFor(database.db, 'referral', ubrn)).toHaveLength(final.version);

    // Every slot the referral held but no longer does is free again; the one it holds is its own.
    const slots = await database.db
      .selectFrom('slots')
      .select(['id', 'status', 'ubrn'])
      .where('ubrn', '=', ubrn)
      .execute();
    expect(slots.map((s) => String(s.id))).toEqual(final.appointment?.slotId ? [final.appointment.slotId] : []);

    const notifications = await notificationsFor(database.db, ubrn);
    expect(notifications.find((n) => n.version === 1)?.recipient).toBe('PATIENT');

    if (path === 'change-then-cancel') {
      const result = await temporal.client.workflow.getHandle(referralWorkflowId(ubrn)).result();
      expect(result).toEqual({ ubrn, state: 'CANCELLED_REFERRAL', version: final.version });
    }
  });
});
