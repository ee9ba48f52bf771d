import type { CommandType } from './actions';
import type { Situation } from './fixtures';
import type { RoleCode } from './roles';

/**
 * Who may do what, in which of the fixtures' situations (`fixtures.ts situations()`), written
 * out from e-RS's rules rather than read from `guard-rules.ts`: the oracle of the guard's tests
 * and of the workflow's (`workflows/referral.guard.test.ts`), so a wrong rule fails both.
 *
 * Sources: the e-RS FHIR API specification (NHSDigital/e-referrals-service-api,
 * `specification/components/stu3/schemas/endpoints/`: A013 accept, A014 reject, A022 cancel
 * appointment action later, A028 triage outcome, A036 cancel referral, each naming the roles
 * that may call it), `../shared/domain.md` (the roles and actions table), and decision record
 * 0015 where Carepath keeps a rule of its own (each such row says so). Test data only.
 */

/** The fixtures' appointments start on 2026-04-20 at 09:00 UTC: these clocks fall either side. */
export const BEFORE_APPOINTMENTS = '2026-04-01T09:00:00.000Z';
export const AFTER_APPOINTMENTS = '2026-04-21T09:00:00.000Z';
export type Clock = 'before' | 'after';

const REFERRER_BOOKING: Situation[] = [
  'NOT_BOOKED',
  'REJECTED',
  'TRIAGE_RESPONSE',
  'APPT_CANCELLED_BY_PATIENT',
  'DNA_RETURNED',
];
const PROVIDER_BOOKING: Situation[] = [
  'DEFERRED_TO_PROVIDER',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PROVIDER',
  'DNA_REBOOK',
];
const BOOKED: Situation[] = ['BOOKED_DBS', 'BOOKED_DBS_ACCEPTED', 'BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED'];
const WITH_APPOINTMENT: Situation[] = ['BOOKED_DBS', 'BOOKED_DBS_ACCEPTED', 'BOOKED_IBS_ARRANGED'];
const NOT_YET_ACCEPTED: Situation[] = ['BOOKED_DBS', 'BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED'];
const LIVE: Situation[] = [
  'NOT_BOOKED',
  ...BOOKED,
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  ...['TRIAGED_PROVIDER_TO_ACTION', 'TRIAGE_RESPONSE', 'REJECTED'],
  ...['APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER', 'DNA_REBOOK', 'DNA_RETURNED'],
] as Situation[];

const RC: RoleCode[] = ['B1101', 'B1102', 'B1103'];
const RC_CLINICAL: RoleCode[] = ['B1101', 'B1102'];
const SP_CLINICAL: RoleCode[] = ['B1110', 'B1115'];
const SP_ADMIN: RoleCode[] = ['B1120'];

type Allowed = [RoleCode[], Situation[] | ((clock: Clock) => Situation[])][];

/** Each command: the roles that may give it and the situations in which they may. */
export const ALLOWED: Record<CommandType, Allowed> = {
  BOOK: [
    [RC, REFERRER_BOOKING],
    [SP_ADMIN, PROVIDER_BOOKING],
  ],
  REQUEST_IBS: [[RC, REFERRER_BOOKING]],
  // e-RS: the referrer defers when it cannot book (no slots, slot gone, booking timed out).
  DEFER_TO_PROVIDER: [[RC, REFERRER_BOOKING]],
  SEND_FOR_TRIAGE: [[RC, REFERRER_BOOKING]],
  RECORD_IBS_ARRANGED: [[SP_ADMIN, ['BOOKED_IBS_AWAITING', 'BOOKED_IBS_ARRANGED', 'TRIAGED_PROVIDER_TO_ACTION']]],
  // A013: provider clinicians and clinician admins, a booking not yet accepted, its appointment still to come.
  ACCEPT: [[SP_CLINICAL, (clock) => (clock === 'before' ? NOT_YET_ACCEPTED : ['BOOKED_IBS_AWAITING'])]],
  // A014: the same roles, a booking under review.
  REJECT: [[SP_CLINICAL, NOT_YET_ACCEPTED]],
  // A028: triage referrals and those deferred to the provider (Appointment Slot Issues).
  TRIAGE_OUTCOME: [[SP_CLINICAL, ['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER']]],
  // A022: provider clinicians and clinician admins, a booked referral awaiting review. Provider
  // admins cancel a booked appointment for the provider's own reasons (Carepath, decision 0015).
  PROVIDER_CANCEL_APPOINTMENT: [
    [SP_CLINICAL, NOT_YET_ACCEPTED],
    [SP_ADMIN, WITH_APPOINTMENT],
  ],
  PATIENT_CANCEL_APPOINTMENT: [[RC, WITH_APPOINTMENT]],
  CHANGE_APPOINTMENT: [[RC, ['BOOKED_DBS', 'BOOKED_DBS_ACCEPTED']]],
  // e-RS: provider clinicians and admins record a DNA, once the appointment time has passed.
  RECORD_DNA: [[[...SP_CLINICAL, ...SP_ADMIN], (clock) => (clock === 'after' ? WITH_APPOINTMENT : [])]],
  // A036: referring clinicians and clinician admins, provider clinicians and clinician admins.
  CANCEL_REFERRAL: [
    [RC_CLINICAL, LIVE],
    [SP_CLINICAL, LIVE],
  ],
  ADD_LETTER: [[RC_CLINICAL, LIVE]],
  CHANGE_PRIORITY: [[RC_CLINICAL, REFERRER_BOOKING]],
  CHANGE_SHORTLIST: [[RC_CLINICAL, REFERRER_BOOKING]],
};

export type Expected = 'ok' | 'NOT_PERMITTED' | 'NO_RELATIONSHIP' | 'INVALID_REQUEST_STATE';

/**
 * What the guard should answer to `type` by `role` (in its home organisation) in `situation`.
 * `hasService`: whether the referral sits with a service yet, which a provider needs to relate to it.
 */
export function expectedAnswer(
  type: CommandType,
  role: RoleCode,
  situation: Situation,
  clock: Clock,
  hasService: boolean,
  isProvider: boolean,
): Expected {
  const rows = ALLOWED[type].filter(([roles]) => roles.includes(role));
  if (rows.length === 0) return 'NOT_PERMITTED';
  if (isProvider && !hasService) return 'NO_RELATIONSHIP';
  const where = (w: Allowed[number][1]) => (typeof w === 'function' ? w(clock) : w);
  return rows.some(([, w]) => where(w).includes(situation)) ? 'ok' : 'INVALID_REQUEST_STATE';
}
