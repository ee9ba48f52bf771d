import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../db/referrals/notifications.repository';
import { getReferralRow, getTimeline } from '../db/referrals/referrals.repository';
import { SERVICES, actorFor, createInput } from '../domain/fixtures';
import type { Policy } from '../domain/policy';
import type { Referral } from '../domain/referral';
import { addSlot, bookable } from '../fixtures/directory';
import { addDbsService, compressedPolicy, referralSuite } from '../tests/helpers/referrals';
import { actOnReferral, createReferral, getReferral } from '../services/referrals/referral-workflows';
import { referralWorkflowId } from './referral.messages';

const gp = actorFor('B1101');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('referral timers under a compressed policy', () => {
  const stack = referralSuite();

  async function create(policy: Policy, overrides: Parameters<typeof createInput>[0] = {}) {
    const { ubrn: _placeholder, ...input } = createInput(overrides);
    const { referral } = await createReferral(stack.client, stack.db, input, gp, policy, {
      taskQueue: stack.taskQueue,
    });
    return referral;
  }

  async function until(ubrn: string, done: (r: Referral) => boolean, timeoutMs = 20_000): Promise<Referral> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
      const { referral } = await getReferral(stack.client, ubrn, gp);
      if (done(referral)) return referral;
    }
    throw new Error(`Referral ${ubrn} did not get there in ${timeoutMs} ms`);
  }

  /** Books at the version the workflow has now; a reminder landing first makes it try again, at the new one. */
  async function bookAtLatestVersion(
    ubrn: string,
    slot: { serviceId: string; slotId: string; start: string; end: string },
  ) {
    for (let attempt = 1; ; attempt++) {
      const { referral } = await getReferral(stack.client, ubrn, gp);
      try {
        const { referral: booked } = await actOnReferral(
          stack.client,
          ubrn,
          { type: 'BOOK', expectedVersion: referral.version, ...slot },
          gp,
        );
        return booked;
      } catch (error) {
        if (attempt >= 3 || (error as { code?: string }).code !== 'STALE_VERSION') throw error;
      }
    }
  }

  it('reminds the patient while unbooked, and stops once booked (expiry disarmed too)', async () => {
    // Urgent: a reminder every 6 s, expiry at 30 s (the server's timers are about a second coarse):
    // two reminders come by 12 s, leaving a loaded machine most of 18 s to book before expiry.
    const policy = compressedPolicy(2_000, { ubrnExpiryDays: 15 });
    const clinic = await addDbsService(stack.db, 'Timer clinic');
    const referral = await create(policy, { priority: 'URGENT', shortlist: [clinic] });
    await until(referral.ubrn, (r) => r.remindersSent >= 2, 60_000);
    const slot = bookable(await addSlot(stack.db, clinic.serviceId));
    const booked = await bookAtLatestVersion(referral.ubrn, { serviceId: clinic.serviceId, ...slot });
    expect(booked.state).toBe('BOOKED');
    // Booked before the expiry was due, or the wait below would prove nothing.
    const untilExpiry = Date.parse(booked.expiresAt) - Date.now();
    expect(untilExpiry).toBeGreaterThan(0);
    // Past the expiry and past the next reminder (6 s): neither may have done anything.
    await sleep(Math.max(untilExpiry, 6_000) + 2_000);
    const { referral: later } = await getReferral(stack.client, referral.ubrn, gp);
    expect(later).toEqual(booked);
    const reminders = (await notificationsFor(stack.db, referral.ubrn)).filter((n) => n.template === 'REMINDER_SENT');
    expect(reminders.length).toBe(booked.remindersSent);
    expect(reminders.every((n) => n.recipient === 'PATIENT')).toBe(true);
  }, 120_000);

  it('marks a triage referral breached when its contact target passes', async () => {
    const policy = compressedPolicy(100); // two-week-wait triage: 2 working days, well under a second
    const referral = await create(policy, { priority: 'TWO_WEEK_WAIT' });
    const { referral: sent } = await actOnReferral(
      stack.client,
      referral.ubrn,
      { type: 'SEND_FOR_TRIAGE', expectedVersion: 1, serviceId: SERVICES.ras.serviceId },
      gp,
    );
    expect(sent.breached).toBe(false);
    const breached = await until(referral.ubrn, (r) => r.breached);
    expect(breached.state).toBe('AWAITING_TRIAGE');
    // A timer's transition has no caller waiting on its projection: the row follows a moment later.
    await expect.poll(async () => (await getReferralRow(stack.db, referral.ubrn))?.breached).toBe(true);
    const notices = await notificationsFor(stack.db, referral.ubrn);
    expect(notices.some((n) => n.template === 'CONTACT_TARGET_BREACHED' && n.recipient_org_code === 'RXX')).toBe(true);
  });

  it('expires an unbooked UBRN: the workflow ends, the row leaves the worklists, unsent letters go', async () => {
    const policy = compressedPolicy(100, { ubrnExpiryDays: 3 }); // routine reminder (14 days) never comes first
    const referral = await create(policy);
    const outcome = await stack.client.workflow.getHandle(referralWorkflowId(referral.ubrn)).result();
    expect(outcome).toEqual({ ubrn: referral.ubrn, state: 'EXPIRED', version: 2 });
    const row = await getReferralRow(stack.db, referral.ubrn);
    expect({ state: row?.state, expired: row?.expired }).toEqual({ state: 'EXPIRED', expired: true });
    expect((await getTimeline(stack.db, referral.ubrn)).map((t) => t.type)).toEqual(['CREATE', 'EXPIRE']);
    const left = await notificationsFor(stack.db, referral.ubrn);
    expect(left.map((n) => [n.template, n.recipient])).toEqual([
      ['EXPIRE', 'PATIENT'],
      ['EXPIRE', 'REFERRER'],
    ]);
  });
});
