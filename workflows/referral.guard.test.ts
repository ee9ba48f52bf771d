import { describe, expect, it } from 'vitest';
import { CarepathError } from '../domain/errors';
import { COMMAND_TYPES, type Command, type CommandType } from '../domain/actions';
import { SITUATIONS, actorFor, sampleCommand, situations, type Situation } from '../domain/fixtures';
import { AFTER_APPOINTMENTS, type Expected, expectedAnswer } from '../domain/guard-expectations';
import { ROLE_CODES, type RoleCode, isProviderRole } from '../domain/roles';
import type { Referral } from '../domain/referral';
import type { ReferralState } from '../domain/states';
import { addSlot, bookable } from '../fixtures/directory';
import { addDbsService, historyLength, referralSuite, startInSituation } from '../tests/helpers/referrals';
import { actOnReferral, getAvailableActions } from '../services/referrals/referral-workflows';

/*
 * Every (situation, command, role) through the real workflow, against an expectation written
 * from e-RS's rules (`domain/guard-expectations.ts`), not from the guard itself: a wrong rule
 * in `guard-rules.ts` fails here as in `domain/guard.test.ts`.
 *
 * The workflow runs on the real clock, long after the fixtures' appointments (April 2026): the
 * "after the appointments" column of the expectations applies (`AFTER_APPOINTMENTS`).
 */
expect(Date.now()).toBeGreaterThan(Date.parse(AFTER_APPOINTMENTS));

const expected = (type: CommandType, role: RoleCode, situation: Situation): Expected =>
  expectedAnswer(type, role, situation, 'after', situations()[situation].service !== undefined, isProviderRole(role));

/**
 * What each allowed command leaves, from the lifecycle of `../shared/domain.md` (e-RS state
 * codes): the state after it, and one fact of the referral that shows the command's own effect.
 * `sampleCommand` gives the commands (a triage outcome returns the referral with advice).
 */
const OUTCOME: Record<CommandType, { state: ReferralState | 'unchanged'; shows: (r: Referral) => unknown }> = {
  BOOK: { state: 'BOOKED', shows: (r) => r.appointment?.arrangedBy },
  REQUEST_IBS: { state: 'BOOKED', shows: (r) => r.service?.requestType },
  DEFER_TO_PROVIDER: { state: 'DEFERRED_TO_PROVIDER', shows: (r) => r.lastReason?.code },
  SEND_FOR_TRIAGE: { state: 'AWAITING_TRIAGE', shows: (r) => r.service?.requestType },
  RECORD_IBS_ARRANGED: { state: 'BOOKED', shows: (r) => r.appointment?.arrangedBy },
  ACCEPT: { state: 'unchanged', shows: (r) => typeof r.acceptedAt },
  REJECT: { state: 'REJECTED', shows: (r) => r.lastReason?.code },
  TRIAGE_OUTCOME: { state: 'TRIAGE_RESPONSE', shows: (r) => r.advice },
  PROVIDER_CANCEL_APPOINTMENT: { state: 'APPT_CANCELLED_BY_PROVIDER', shows: (r) => r.lastReason?.code },
  PATIENT_CANCEL_APPOINTMENT: { state: 'APPT_CANCELLED_BY_PATIENT', shows: (r) => r.lastReason?.code },
  CHANGE_APPOINTMENT: { state: 'BOOKED', shows: (r) => r.lastReason?.code },
  RECORD_DNA: { state: 'DID_NOT_ATTEND', shows: (r) => [r.lastReason?.code, r.nonAttendance?.reason] },
  CANCEL_REFERRAL: { state: 'CANCELLED_REFERRAL', shows: (r) => [r.lastReason?.code, r.cancelledByOrgCode] },
  ADD_LETTER: { state: 'unchanged', shows: (r) => r.letter.status },
  CHANGE_PRIORITY: { state: 'unchanged', shows: (r) => r.priority },
  CHANGE_SHORTLIST: { state: 'NOT_BOOKED', shows: (r) => r.shortlist.length },
};
const SHOWN: Record<CommandType, (role: RoleCode) => unknown> = {
  BOOK: () => 'SYSTEM',
  REQUEST_IBS: () => 'IBS',
  DEFER_TO_PROVIDER: () => 'NO_SLOTS',
  SEND_FOR_TRIAGE: () => 'TRIAGE',
  RECORD_IBS_ARRANGED: () => 'PROVIDER',
  ACCEPT: () => 'string',
  REJECT: () => 'SERVICE_INAPPROPRIATE',
  TRIAGE_OUTCOME: () => 'Manage in primary care',
  PROVIDER_CANCEL_APPOINTMENT: () => 'CLINIC_CANCELLED',
  PATIENT_CANCEL_APPOINTMENT: () => 'PATIENT_HOLIDAY',
  CHANGE_APPOINTMENT: () => 'PATIENT_ILL',
  RECORD_DNA: () => ['REBOOK', 'PATIENT_FORGOT'],
  CANCEL_REFERRAL: (role) => ['TREATMENT_NO_LONGER_REQUIRED', actorFor(role).orgCode],
  ADD_LETTER: () => 'ATTACHED',
  CHANGE_PRIORITY: () => 'URGENT',
  CHANGE_SHORTLIST: () => 2,
};

/** Runs `work` over `items`, at most `size` at a time: what two loaded cores serve without deadlines passing. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
const AT_ONCE = 4;

describe('the referral workflow enforces the e-RS rules', () => {
  const stack = referralSuite();

  // Validator-only: refusals, and allowed commands sent with a stale version (which proves role,
  // relationship and state passed). One workflow per (situation, role), a few at a time.
  it.each(SITUATIONS)(
    'refuses in %s what the rules refuse, leaving no history',
    async (situation: Situation) => {
      await inBatches(ROLE_CODES, AT_ONCE, async (role) => {
        const actor = actorFor(role);
        const referral = await startInSituation(stack.client, stack.taskQueue, situations()[situation]);
        const allowed = COMMAND_TYPES.filter((type) => expected(type, role, situation) === 'ok');
        expect(await getAvailableActions(stack.client, referral.ubrn, actor), role).toEqual(allowed);
        const before = await historyLength(stack.client, referral.ubrn);
        for (const type of COMMAND_TYPES) {
          const answer = expected(type, role, situation);
          const command = sampleCommand(type, situation, referral.version);
          const sent = answer === 'ok' ? { ...command, expectedVersion: command.expectedVersion + 1 } : command;
          const error = await actOnReferral(stack.client, referral.ubrn, sent, actor).catch((e) => e);
          expect(error, `${type} by ${role}`).toBeInstanceOf(CarepathError);
          const code = answer === 'ok' ? 'STALE_VERSION' : answer;
          expect({ type, role, code: error.code }).toEqual({ type, role, code });
        }
        expect(await historyLength(stack.client, referral.ubrn)).toBe(before);
      });
    },
    60_000,
  );

  it('allows each command the rules allow in each situation, with the e-RS transition', async () => {
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
    // The first role the rules allow for each (situation, command); the others were proved above.
    const cases = SITUATIONS.flatMap((situation) =>
      COMMAND_TYPES.flatMap((type) => {
        const role = ROLE_CODES.find((r) => expected(type, r, situation) === 'ok');
        return role ? [{ situation, type, role }] : [];
      }),
    );
    expect(cases.length).toBeGreaterThan(50);
    await inBatches(cases, AT_ONCE, async ({ situation, type, role }) => {
      const { swap, slotIn } = await withDirectoryServices(`${situation} ${type}`);
      const referral = await startInSituation(stack.client, stack.taskQueue, swap(situations()[situation]));
      const sent = swap(sampleCommand(type, situation, referral.version));
      const booked: Command =
        'slotId' in sent
          ? { ...sent, ...(await slotIn('serviceId' in sent ? sent.serviceId : referral.service!.serviceId)) }
          : sent;
      const { referral: after } = await actOnReferral(stack.client, referral.ubrn, booked, actorFor(role));
      const outcome = OUTCOME[type];
      const state = outcome.state === 'unchanged' ? referral.state : outcome.state;
      expect({
        situation,
        type,
        role,
        state: after.state,
        version: after.version,
        shows: outcome.shows(after),
      }).toEqual({ situation, type, role, state, version: referral.version + 1, shows: SHOWN[type](role) });
    });
  }, 240_000);
});
