import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor';
import { addUser } from '../../fixtures/identity';
import { ACTORS, TRUST, referralWorldSuite } from '../../tests/helpers/referral-world';

const { clinician } = ACTORS;

describe('the worklist service', () => {
  const w = referralWorldSuite();
  let definer: Actor;
  let triaged: string;
  let urgent: string;
  beforeAll(async () => {
    definer = await addUser(w.db, { orgCode: TRUST, role: 'B1107' });
    triaged = (await w.refer({ priority: 'ROUTINE' })).ubrn;
    await w.referrals.act(ACTORS.gp, triaged, {
      type: 'SEND_FOR_TRIAGE',
      expectedVersion: 1,
      serviceId: w.services.ras.serviceId,
    });
    urgent = (await w.refer({ priority: 'URGENT' })).ubrn;
    await w.referrals.act(ACTORS.gp, urgent, {
      type: 'SEND_FOR_TRIAGE',
      expectedVersion: 1,
      serviceId: w.services.ras.serviceId,
    });
  });

  it("draws a worklist page: the list, the side's tile counts and the filter choices", async () => {
    const page = await w.worklists.page(clinician, 'review', {});
    expect(page.side).toBe('provider');
    expect(page.rows.map((r) => r.ubrn)).toEqual([urgent, triaged]);
    expect(page.counts).toEqual({ review: 2, 'slot-issues': 0, 'for-booking': 0 });
    expect(page.options.services.map((s) => s.name)).toContain('Cardiology Referral Assessment');
    expect(page.options.specialties).toContainEqual({ code: 'CARDIOLOGY', name: 'Cardiology' });
    expect(page.next).toBeUndefined();
  });

  it('reads filters from the query string, dropping what makes no sense', async () => {
    const urgentOnly = await w.worklists.rows(clinician, 'review', { priority: 'URGENT', after: 'garbage' });
    expect(urgentOnly.filters).toEqual({ priority: 'URGENT' });
    expect(urgentOnly.rows.map((r) => r.ubrn)).toEqual([urgent]);
    const nonsense = await w.worklists.rows(clinician, 'review', { priority: 'SOMEDAY' });
    expect(nonsense.rows).toHaveLength(2);
  });

  it("refuses a worklist that does not exist, and the other side's", async () => {
    await expect(w.worklists.page(clinician, 'nope', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.worklists.page(clinician, 'toString', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(w.worklists.rows(clinician, 'awaiting-booking', {})).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      message: 'Awaiting Booking is a referrer worklist. Change your role to use it.',
    });
    await expect(w.worklists.page(definer, 'review', {})).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('counts tiles for the sides that have worklists only', async () => {
    expect(await w.worklists.counts(clinician)).toEqual({
      side: 'provider',
      counts: { review: 2, 'slot-issues': 0, 'for-booking': 0 },
    });
    expect((await w.worklists.counts(ACTORS.gp))?.side).toBe('referrer');
    expect(await w.worklists.counts(definer)).toBeUndefined();
  });

  it("lists the notices for the actor's side of their organisation", async () => {
    const notices = await w.worklists.notices(clinician);
    expect(notices.map((n) => n.template)).toEqual(['SEND_FOR_TRIAGE', 'SEND_FOR_TRIAGE']);
    expect(notices[0]?.ubrn).toBe(urgent);
    expect(await w.worklists.notices(ACTORS.otherTrust)).toEqual([]);
    await expect(w.worklists.notices(definer)).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });
});
