import { describe, expect, it } from 'vitest';
import { CarepathError } from '../domain/errors';
import { actorFor, createInput } from '../domain/fixtures';
import { defaultPolicy } from '../domain/policy';
import { addSlot, bookable } from '../fixtures/directory';
import { addDbsService, referralSuite, slotHolder } from '../tests/helpers/referrals';
import { actOnReferral, createReferral } from '../services/referrals/referral-workflows';

const gp = actorFor('B1101');

describe('referrals racing for one slot', () => {
  const stack = referralSuite();

  it('books exactly one; the other 19 are told the slot is gone, stay unchanged, and can defer', async () => {
    const clinic = await addDbsService(stack.db, 'Race clinic');
    const slot = bookable(await addSlot(stack.db, clinic.serviceId));
    const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic] });
    const referrals = await Promise.all(
      Array.from({ length: 20 }, () =>
        createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
          taskQueue: stack.taskQueue,
        }),
      ),
    );
    const results = await Promise.all(
      referrals.map(({ referral }) =>
        actOnReferral(
          stack.client,
          referral.ubrn,
          { type: 'BOOK', expectedVersion: 1, serviceId: clinic.serviceId, ...slot },
          gp,
        ).then(
          (view) => ({ ubrn: referral.ubrn, view }),
          (error: unknown) => ({ ubrn: referral.ubrn, error }),
        ),
      ),
    );
    const winners = results.filter((r) => 'view' in r);
    const losers = results.filter((r) => 'error' in r);
    expect(winners).toHaveLength(1);
    expect(losers.map((l) => (l.error as CarepathError).code)).toEqual(Array(19).fill('SLOT_UNAVAILABLE'));
    expect(await slotHolder(stack.db, slot.slotId)).toEqual({ status: 'booked', ubrn: winners[0]!.ubrn });

    const rows = await stack.db.selectFrom('referrals').select(['ubrn', 'state', 'version']).execute();
    const booked = rows.filter((r) => r.state === 'BOOKED');
    expect(booked.map((r) => r.ubrn)).toEqual([winners[0]!.ubrn]);
    expect(rows.filter((r) => r.state === 'NOT_BOOKED' && r.version === 1)).toHaveLength(19);

    // No slot left to book, so each loser may defer to the provider.
    const deferred = await Promise.all(
      losers.map(({ ubrn }) =>
        actOnReferral(
          stack.client,
          ubrn,
          {
            type: 'DEFER_TO_PROVIDER',
            expectedVersion: 1,
            serviceId: clinic.serviceId,
            reason: 'SLOT_UNAVAILABLE',
            slotsAvailable: false,
          },
          gp,
        ),
      ),
    );
    expect(deferred.every((d) => d.referral.state === 'DEFERRED_TO_PROVIDER')).toBe(true);
  });

  it('refuses a deferral while the service still has bookable slots, whatever the form said', async () => {
    const clinic = await addDbsService(stack.db, 'Open clinic');
    await addSlot(stack.db, clinic.serviceId);
    const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic] });
    const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
      taskQueue: stack.taskQueue,
    });
    const command = {
      type: 'DEFER_TO_PROVIDER',
      expectedVersion: 1,
      serviceId: clinic.serviceId,
      reason: 'NO_SLOTS',
      slotsAvailable: false,
    } as const;
    const error = await actOnReferral(stack.client, referral.ubrn, command, gp).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST_STATE' });
  });

  it('refuses a slot of another service, or beyond the booking window, and leaves the referral unchanged', async () => {
    const clinic = await addDbsService(stack.db, 'Shortlisted clinic');
    const elsewhere = await addDbsService(stack.db, 'Clinic not on the shortlist');
    const otherServicesSlot = bookable(await addSlot(stack.db, elsewhere.serviceId));
    const beyondRoutineWindow = bookable(await addSlot(stack.db, clinic.serviceId, { daysAhead: 200 }));
    const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic] });
    const { referral } = await createReferral(stack.client, stack.db, input, gp, defaultPolicy, {
      taskQueue: stack.taskQueue,
    });
    for (const slot of [otherServicesSlot, beyondRoutineWindow]) {
      const command = { type: 'BOOK', expectedVersion: 1, serviceId: clinic.serviceId, ...slot } as const;
      const error = await actOnReferral(stack.client, referral.ubrn, command, gp).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SLOT_UNAVAILABLE' });
      expect(await slotHolder(stack.db, slot.slotId)).toEqual({ status: 'free', ubrn: null });
    }
    const row = await stack.db.selectFrom('referrals').select(['state', 'version']).where('ubrn', '=', referral.ubrn);
    expect(await row.executeTakeFirst()).toEqual({ state: 'NOT_BOOKED', version: 1 });
  });
});
