import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Command } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import { OTHER_PROVIDER_ORG, SERVICES, actorFor, createInput } from '../../domain/fixtures';
import type { Policy } from '../../domain/policy';
import type { Referral, Service } from '../../domain/referral';
import type { RoleCode } from '../../domain/roles';
import type { Database } from '../../db/database';
import {
  actOnReferral,
  confirmBooking,
  createReferral,
  getReferral,
} from '../../services/referrals/referral-workflows';
import { addDbsService, addSlot } from './referrals';

type Unversioned<C> = C extends unknown ? Omit<C, 'expectedVersion'> : never;
type Ctx = { referral: Referral; clinic: Service; slot: () => ReturnType<typeof addSlot> };
type Step =
  | { role: RoleCode; org?: string; command: (ctx: Ctx) => Promise<Unversioned<Command>> | Unversioned<Command> }
  | { confirmBooking: true };

const book = (role: RoleCode): Step => ({
  role,
  command: async ({ clinic, slot }) => ({ type: 'BOOK', serviceId: clinic.serviceId, ...(await slot()) }),
});
const accept: Step = { role: 'B1110', command: () => ({ type: 'ACCEPT' }) };
const sendForTriage: Step = {
  role: 'B1101',
  command: () => ({ type: 'SEND_FOR_TRIAGE', serviceId: SERVICES.ras.serviceId }),
};

/** Every lifecycle path of the domain brief, as the steps staff take (the referral starts NOT_BOOKED). */
export const PATHS = {
  'book-accept': [book('B1101'), { confirmBooking: true }, accept],
  'triage-book-later': [
    sendForTriage,
    { role: 'B1110', command: () => ({ type: 'TRIAGE_OUTCOME', outcome: 'ACCEPT_BOOK_LATER' }) },
    book('B1120'),
  ],
  redirect: [
    sendForTriage,
    {
      role: 'B1110',
      command: () => ({
        type: 'TRIAGE_OUTCOME',
        outcome: 'REFER_BOOK_NOW',
        serviceId: SERVICES.elsewhere.serviceId,
        service: SERVICES.elsewhere,
        redirectReason: 'APPROPRIATE_CLINIC',
      }),
    },
    {
      role: 'B1101',
      command: () => ({
        type: 'DEFER_TO_PROVIDER',
        serviceId: SERVICES.elsewhere.serviceId,
        reason: 'NO_SLOTS',
        slotsAvailable: false,
      }),
    },
    {
      role: 'B1110',
      org: OTHER_PROVIDER_ORG,
      command: () => ({ type: 'TRIAGE_OUTCOME', outcome: 'RETURN_WITH_ADVICE', advice: 'Manage in primary care' }),
    },
  ],
  'dna-rebook': [
    book('B1101'),
    { role: 'B1120', command: () => ({ type: 'RECORD_DNA', outcome: 'REBOOK' }) },
    book('B1120'),
    accept,
  ],
  'slot-issue': [
    {
      role: 'B1101',
      command: ({ clinic }) => ({
        type: 'DEFER_TO_PROVIDER',
        serviceId: clinic.serviceId,
        reason: 'NO_SLOTS',
        slotsAvailable: false,
      }),
    },
    {
      role: 'B1110',
      command: async ({ clinic, slot }) => ({
        type: 'TRIAGE_OUTCOME',
        outcome: 'REFER_BOOK_NOW',
        serviceId: clinic.serviceId,
        ...(await slot()),
      }),
    },
  ],
  ibs: [
    { role: 'B1101', command: () => ({ type: 'REQUEST_IBS', serviceId: SERVICES.ibs.serviceId }) },
    {
      role: 'B1120',
      command: () => ({ type: 'RECORD_IBS_ARRANGED', start: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
    },
    accept,
  ],
  reject: [
    book('B1101'),
    {
      role: 'B1110',
      command: () => ({ type: 'REJECT', reason: 'FURTHER_INFORMATION_REQUIRED', comment: 'Please add recent bloods' }),
    },
  ],
  'change-then-cancel': [
    book('B1101'),
    {
      role: 'B1103',
      command: async ({ slot }) => ({ type: 'CHANGE_APPOINTMENT', reason: 'HOLIDAY', ...(await slot()) }),
    },
    { role: 'B1101', command: () => ({ type: 'PATIENT_CANCEL_APPOINTMENT', reason: 'ILL' }) },
    { role: 'B1101', command: () => ({ type: 'ADD_LETTER', documentId: 'letter-1' }) },
    { role: 'B1101', command: () => ({ type: 'CANCEL_REFERRAL', reason: 'NO_LONGER_REQUIRED' }) },
  ],
} satisfies Record<string, Step[]>;
export type PathName = keyof typeof PATHS;

export type PathDeps = { client: Client; db: Kysely<Database>; taskQueue: string; policy: Policy };

/**
 * Creates a referral (shortlist: a DOS clinic with slots made on demand, an IBS and a triage
 * service) and takes it down the named path. Returns the UBRN and the referral after each step.
 */
export async function drivePath(deps: PathDeps, name: PathName): Promise<{ ubrn: string; referrals: Referral[] }> {
  const clinic = await addDbsService(deps.db, `Cardiology clinic ${Math.random().toString(36).slice(2, 8)}`);
  const { ubrn: _placeholder, ...input } = createInput({ shortlist: [clinic, SERVICES.ibs, SERVICES.ras] });
  let { referral } = await createReferral(deps.client, deps.db, input, actorFor('B1101'), deps.policy, {
    taskQueue: deps.taskQueue,
  });
  const referrals = [referral];
  for (const step of PATHS[name] as Step[]) {
    if ('confirmBooking' in step) {
      await confirmBooking(deps.client, referral.ubrn, referral.appointment?.slotId);
      // A signal returns before it is handled: wait for the version it adds.
      const seen = referral.version;
      while (referral.version === seen) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        ({ referral } = await getReferral(deps.client, referral.ubrn, actorFor('B1101')));
      }
      referrals.push(referral);
      continue;
    }
    const actor: Actor = actorFor(step.role, step.org);
    const command = {
      ...(await step.command({ referral, clinic, slot: () => addSlot(deps.db, clinic) })),
      expectedVersion: referral.version,
    } as Command;
    ({ referral } = await actOnReferral(deps.client, referral.ubrn, command, actor));
    referrals.push(referral);
  }
  return { ubrn: referral.ubrn, referrals };
}
