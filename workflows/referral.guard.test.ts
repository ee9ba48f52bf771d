import { describe, expect, it } from 'vitest';
import { CarepathError } from '../domain/errors';
import { COMMAND_TYPES, type Command } from '../domain/actions';
import { availableActions, check } from '../domain/guard';
import { SITUATIONS, actorFor, sampleCommand, situations, type Situation } from '../domain/fixtures';
import { ROLE_CODES } from '../domain/roles';
import { apply } from '../domain/transition';
import { defaultPolicy } from '../domain/policy';
import type { Referral } from '../domain/referral';
import { addSlot, bookable } from '../fixtures/directory';
import { addDbsService, historyLength, referralSuite, startInSituation } from '../tests/helpers/referrals';
import { actOnReferral, getAvailableActions } from '../services/referrals/referral-workflows';

// Every (situation, command, role) through the real workflow, expectations from the guard itself.
const cases = SITUATIONS.flatMap((situation) =>
  COMMAND_TYPES.flatMap((type) =>
    ROLE_CODES.map((role) => {
      const referral = situations()[situation];
      const command = sampleCommand(type, situation, referral.version);
      return { situation, type, role, command, expected: check(command, referral, actorFor(role)) };
    }),
  ),
);

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

describe('the referral workflow enforces the guard', () => {
  const stack = referralSuite();

  // Validator-only: refusals, and allowed commands sent with a stale version (which proves role,
  // relationship and state passed). One workflow per role keeps them in parallel.
  it.concurrent.each(SITUATIONS)(
    'refuses what the guard refuses in %s, leaving no history',
    async (situation: Situation) => {
      await Promise.all(
        ROLE_CODES.map(async (role) => {
          const actor = actorFor(role);
          const referral = await startInSituation(stack.client, stack.taskQueue, situations()[situation]);
          expect(await getAvailableActions(stack.client, referral.ubrn, actor), role).toEqual(
            availableActions(referral, actor),
          );
          const before = await historyLength(stack.client, referral.ubrn);
          for (const { type, command, expected } of cases.filter((c) => c.situation === situation && c.role === role)) {
            const sent = expected.ok ? { ...command, expectedVersion: command.expectedVersion + 1 } : command;
            const error = await actOnReferral(stack.client, referral.ubrn, sent, actor).catch((e) => e);
            expect(error, `${type} by ${role}`).toBeInstanceOf(CarepathError);
            const code = expected.ok ? 'STALE_VERSION' : expected.code;
            expect({ type, role, code: error.code }).toEqual({ type, role, code });
          }
          expect(await historyLength(stack.client, referral.ubrn)).toBe(before);
        }),
      );
    },
  );

  it('allows each command the guard allows in each situation, with the transition apply() makes', async () => {
    // Fixture services have symbolic ids; a slot must belong to the service booked, so each case
    // gets its own real directory services in their place (and sees no other case's free slots).
    const withDirectoryServices = async (caseName: string) => {
      const cardio = await addDbsService(stack.db, `${caseName}: cardiology`);
      const chestPain = await addDbsService(stack.db, `${caseName}: chest pain`);
      const swap = <T>(value: T): T =>
        JSON.parse(
          JSON.stringify(value)
            .replaceAll('"svc-cardio-dbs"', JSON.stringify(cardio.serviceId))
            .replaceAll('"svc-chest-pain-dbs"', JSON.stringify(chestPain.serviceId)),
        );
      return { swap, slotIn: async (serviceId: string) => bookable(await addSlot(stack.db, serviceId)) };
    };
    // The first role the guard allows for each (situation, command); the others were proved above.
    const firstAllowed = new Map<string, (typeof cases)[number]>();
    for (const c of cases) {
      const key = `${c.situation} ${c.type}`;
      if (c.expected.ok && !firstAllowed.has(key)) firstAllowed.set(key, c);
    }
    expect(firstAllowed.size).toBeGreaterThan(50);
    await inBatches([...firstAllowed.values()], 20, async ({ situation, type, role, command }) => {
      const { swap, slotIn } = await withDirectoryServices(`${situation} ${type}`);
      const referral = await startInSituation(stack.client, stack.taskQueue, swap(situations()[situation]));
      const sent = swap(command);
      const booked: Command =
        'slotId' in sent
          ? { ...sent, ...(await slotIn('serviceId' in sent ? sent.serviceId : referral.service!.serviceId)) }
          : sent;
      const actor = actorFor(role);
      const view = await actOnReferral(stack.client, referral.ubrn, booked, actor);
      const now = view.referral.updatedAt;
      const expected: Referral = apply(referral, booked, { actor, now, policy: defaultPolicy }).referral;
      expect({ situation, type, role, referral: view.referral }).toEqual({ situation, type, role, referral: expected });
    });
  }, 180_000);
});
