import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { addUser } from '../../fixtures/identity';
import { type ReferralWorld, TRUST, createReferralWorld } from '../../tests/helpers/referral-world';
import type { WorklistService } from './worklists.service';

describe('the worklist service', () => {
  let w: ReferralWorld;
  let worklists: WorklistService;
  let clinician: Actor;
  let definer: Actor;
  let triaged: string;
  let urgent: string;
  beforeAll(async () => {
    w = await createReferralWorld();
    worklists = w.system.services.worklists;
    clinician = w.sessions.clinician.actor;
    definer = await addUser(w.db, { orgCode: TRUST, role: 'B1107' });
    const { referrals } = w.system.services;
    const gp = w.sessions.gp.actor;
    triaged = (await w.refer({ priority: 'ROUTINE' })).ubrn;
    await referrals.act(gp, triaged, {
      type: 'SEND_FOR_TRIAGE',
      expectedVersion: 1,
      serviceId: w.services.ras.serviceId,
    });
    urgent = (await w.refer({ priority: 'URGENT' })).ubrn;
    await referrals.act(gp, urgent, {
      type: 'SEND_FOR_TRIAGE',
      expectedVersion: 1,
      serviceId: w.services.ras.serviceId,
    });
  });
  afterAll(() => w?.stop());

  it("draws a worklist page: the list, the side's tile counts and the filter choices", async () => {
    const page = await worklists.page(clinician, 'review', {});
    expect(page.side).toBe('provider');
    expect(page.rows.map((r) => r.ubrn)).toEqual([urgent, triaged]);
    expect(page.counts).toEqual({ review: 2, 'slot-issues': 0, 'for-booking': 0 });
    expect(page.options.services.map((s) => s.name)).toContain('Cardiology Referral Assessment');
    expect(page.options.specialties).toContainEqual({ code: 'CARDIOLOGY', name: 'Cardiology' });
    expect(page.next).toBeUndefined();
  });

  it('reads filters from the query string, dropping what makes no sense', async () => {
    const urgentOnly = await worklists.rows(clinician, 'review', { priority: 'URGENT', after: 'garbage' });
    expect(urgentOnly.filters).toEqual({ priority: 'URGENT' });
    expect(urgentOnly.rows.map((r) => r.ubrn)).toEqual([urgent]);
    const nonsense = await worklists.rows(clinician, 'review', { priority: 'SOMEDAY' });
    expect(nonsense.rows).toHaveLength(2);
  });

  it("refuses a worklist that does not exist, and the other side's", async () => {
    await expect(worklists.page(clinician, 'nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(worklists.page(clinician, 'toString', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(worklists.rows(clinician, 'awaiting-booking', {})).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      message: 'Awaiting Booking is a referrer worklist. Change your role to use it.',
    });
    await expect(worklists.page(definer, 'review', {})).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('counts tiles for the sides that have worklists only', async () => {
    expect(await worklists.counts(clinician)).toEqual({
      side: 'provider',
      counts: { review: 2, 'slot-issues': 0, 'for-booking': 0 },
    });
    expect((await worklists.counts(w.sessions.gp.actor))?.side).toBe('referrer');
    expect(await worklists.counts(definer)).toBeUndefined();
  });

  it("lists the notices for the actor's side of their organisation", async () => {
    const notices = await worklists.notices(clinician);
    expect(notices.map((n) => n.template)).toEqual(['SEND_FOR_TRIAGE', 'SEND_FOR_TRIAGE']);
    expect(notices[0]?.ubrn).toBe(urgent);
    expect(await worklists.notices(w.sessions.otherTrust.actor)).toEqual([]);
    await expect(worklists.notices(definer)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });
});
