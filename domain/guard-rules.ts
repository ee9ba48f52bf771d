import type { CommandType } from './actions';
import type { Referral } from './referral';
import type { RoleCode } from './roles';
import { STATES, type ReferralState, isEndState } from './states';
import { WORKLIST_CONDITIONS, statesOn } from './worklists';

/**
 * Who may do what, in which states: the single table behind both `check` and `availableActions`.
 * Referring admins (B1103) book and manage appointments only; provider admins (B1120) book,
 * manage appointments and record DNAs but make no clinical decisions (accept, reject, triage).
 * Where this differs from e-RS on purpose, decision record 0015 says why.
 */
const REFERRING_CLINICAL: readonly RoleCode[] = ['B1101', 'B1102'];
const REFERRING_ANY: readonly RoleCode[] = ['B1101', 'B1102', 'B1103'];
const PROVIDER_CLINICAL: readonly RoleCode[] = ['B1110', 'B1115'];
const PROVIDER_ADMIN: readonly RoleCode[] = ['B1120'];

/**
 * States in which the referral is back with the referrer to book, defer or send for triage. Not
 * read off the worklists: e-RS's Awaiting Booking also lists referrals that wait on the provider
 * (awaiting triage, deferred), which the referrer must not book over. After a DNA the returned
 * list's condition decides (`referrerOwnsDna`).
 */
export const REFERRER_BOOKING_STATES: readonly ReferralState[] = [
  'NOT_BOOKED',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'APPT_CANCELLED_BY_PATIENT',
  'DID_NOT_ATTEND',
];

/**
 * States on the provider's Appointment Slot Issues and Appointments for Booking worklists, in
 * which a provider admin books a slot. BOOKED is there only for an IBS appointment to arrange,
 * which is RECORD_IBS_ARRANGED's, not BOOK's.
 */
export const PROVIDER_BOOKING_STATES: readonly ReferralState[] = statesOn('slot-issues', 'for-booking').filter(
  (state) => state !== 'BOOKED',
);

const LIVE_STATES: readonly ReferralState[] = STATES.filter((s) => !isEndState(s));

/**
 * A refusal in words for the user when the referral's details (not its state code) forbid the
 * action. `now` (an ISO instant) is the caller's clock: the workflow's, so replays agree.
 */
type Precondition = (referral: Referral, now: string) => string | undefined;

export interface Rule {
  readonly roles: readonly RoleCode[];
  readonly states: readonly ReferralState[];
  readonly precondition?: Precondition;
}

// After a DNA the outcome decides whose worklist the referral is on, so who may rebook it.
const referrerOwnsDna: Precondition = (r) =>
  r.state === 'DID_NOT_ATTEND' && !WORKLIST_CONDITIONS.returnedToReferrer(r)
    ? 'The provider is rebooking this referral after the missed appointment'
    : undefined;

const providerOwnsDna: Precondition = (r) =>
  r.state === 'DID_NOT_ATTEND' && !WORKLIST_CONDITIONS.providerRebooks(r)
    ? 'This referral was returned to the referrer after the missed appointment'
    : undefined;

// Outside "triaged: provider to book" the provider books into the service the referral is
// already with, so that service's type decides between booking a slot and recording an IBS date.
const providerBooksInto =
  (type: 'DBS' | 'IBS'): Precondition =>
  (r, now) => {
    const dna = providerOwnsDna(r, now);
    if (dna) return dna;
    if (r.state === 'TRIAGED_PROVIDER_TO_ACTION' || r.service?.requestType === type) return undefined;
    return type === 'DBS'
      ? 'This service is indirectly bookable: record the appointment you arranged instead'
      : 'This service is directly bookable: book a slot instead';
  };

const hasAppointment: Precondition = (r) => (r.appointment ? undefined : 'This referral has no appointment yet');

const hasSlotAppointment: Precondition = (r) =>
  r.appointment?.slotId
    ? undefined
    : 'Only a booked slot can be changed; contact the provider to change an arranged appointment';

const notYetAccepted: Precondition = (r) => (r.acceptedAt ? 'This referral has already been accepted' : undefined);

const hasStarted = (r: Referral, now: string) =>
  r.appointment !== undefined && Date.parse(r.appointment.start) <= Date.parse(now);

// e-RS: a referral is accepted for an appointment still to come; one already past is a DNA or a rebooking.
const acceptable: Precondition = (r, now) =>
  notYetAccepted(r, now) ??
  (hasStarted(r, now) ? 'The appointment has already passed: record whether the patient attended instead' : undefined);

// A missed appointment can only be recorded once its time has come.
const appointmentPassed: Precondition = (r, now) =>
  hasAppointment(r, now) ??
  (hasStarted(r, now) ? undefined : 'The appointment has not happened yet: record a missed appointment after it');

const letterToFollow: Precondition = (r) =>
  r.letter.status === 'TO_FOLLOW' ? undefined : 'The referral letter is already attached';

export const RULES: Readonly<Record<CommandType, readonly Rule[]>> = {
  BOOK: [
    { roles: REFERRING_ANY, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna },
    { roles: PROVIDER_ADMIN, states: PROVIDER_BOOKING_STATES, precondition: providerBooksInto('DBS') },
  ],
  REQUEST_IBS: [{ roles: REFERRING_ANY, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna }],
  DEFER_TO_PROVIDER: [{ roles: REFERRING_ANY, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna }],
  SEND_FOR_TRIAGE: [{ roles: REFERRING_ANY, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna }],
  RECORD_IBS_ARRANGED: [
    // DEFERRED_TO_PROVIDER is absent: only DBS services defer, so there is no IBS date to arrange.
    {
      roles: PROVIDER_ADMIN,
      states: ['BOOKED', 'TRIAGED_PROVIDER_TO_ACTION', 'APPT_CANCELLED_BY_PROVIDER', 'DID_NOT_ATTEND'],
      precondition: providerBooksInto('IBS'),
    },
  ],
  ACCEPT: [{ roles: PROVIDER_CLINICAL, states: ['BOOKED'], precondition: acceptable }],
  REJECT: [{ roles: PROVIDER_CLINICAL, states: ['BOOKED'], precondition: notYetAccepted }],
  TRIAGE_OUTCOME: [{ roles: PROVIDER_CLINICAL, states: ['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER'] }],
  PROVIDER_CANCEL_APPOINTMENT: [
    // e-RS A022 "cancel appointment, action later": the clinician reviewing a booked referral
    // hands it to the admin team to rebook or redirect (a comment is required: guard-fields.ts).
    { roles: PROVIDER_CLINICAL, states: ['BOOKED'], precondition: notYetAccepted },
    // Provider admins cancel appointments for the provider's own reasons (a clinic cancelled).
    { roles: PROVIDER_ADMIN, states: ['BOOKED'], precondition: hasAppointment },
  ],
  PATIENT_CANCEL_APPOINTMENT: [{ roles: REFERRING_ANY, states: ['BOOKED'], precondition: hasAppointment }],
  CHANGE_APPOINTMENT: [{ roles: REFERRING_ANY, states: ['BOOKED'], precondition: hasSlotAppointment }],
  RECORD_DNA: [
    { roles: [...PROVIDER_CLINICAL, ...PROVIDER_ADMIN], states: ['BOOKED'], precondition: appointmentPassed },
  ],
  CANCEL_REFERRAL: [
    { roles: REFERRING_CLINICAL, states: LIVE_STATES },
    { roles: PROVIDER_CLINICAL, states: LIVE_STATES },
  ],
  ADD_LETTER: [{ roles: REFERRING_CLINICAL, states: LIVE_STATES, precondition: letterToFollow }],
  // Priority is the referrer's to change only while the referral is back with them; once it
  // sits with a provider (booked, deferred, in triage) the provider has prioritised it.
  CHANGE_PRIORITY: [{ roles: REFERRING_CLINICAL, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna }],
  // Choosing services is a clinical decision, so referring admins (B1103) book from the shortlist
  // but do not change it; the same states as priority: the referral is back with the referrer.
  CHANGE_SHORTLIST: [{ roles: REFERRING_CLINICAL, states: REFERRER_BOOKING_STATES, precondition: referrerOwnsDna }],
};

/** How a refused state reads after "This referral is <state>; ". */
export const STATE_REFUSALS: Readonly<Record<CommandType, string>> = {
  BOOK: "it can't be booked",
  REQUEST_IBS: "it can't be sent to a provider to arrange an appointment",
  DEFER_TO_PROVIDER: "it can't be deferred to the provider",
  SEND_FOR_TRIAGE: "it can't be sent for triage",
  RECORD_IBS_ARRANGED: "an arranged appointment can't be recorded",
  ACCEPT: "it can't be accepted",
  REJECT: "it can't be rejected",
  TRIAGE_OUTCOME: "a triage outcome can't be recorded",
  PROVIDER_CANCEL_APPOINTMENT: "its appointment can't be cancelled",
  PATIENT_CANCEL_APPOINTMENT: "its appointment can't be cancelled",
  CHANGE_APPOINTMENT: "its appointment can't be changed",
  RECORD_DNA: "a missed appointment can't be recorded",
  CANCEL_REFERRAL: "it can't be cancelled",
  ADD_LETTER: "a letter can't be attached",
  CHANGE_PRIORITY: "its priority can't be changed",
  CHANGE_SHORTLIST: "its shortlist can't be changed",
};
