import { z } from 'zod';

/** e-RS referral state codes, plus EXPIRED (Carepath policy: the UBRN timed out unbooked). */
export const STATES = [
  'NOT_BOOKED',
  'BOOKED',
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  'TRIAGED_PROVIDER_TO_ACTION',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
  'CANCELLED_REFERRAL',
  'EXPIRED',
] as const;

export const stateSchema = z.enum(STATES);
export type ReferralState = z.infer<typeof stateSchema>;

export const STATE_LABELS: Readonly<Record<ReferralState, string>> = {
  NOT_BOOKED: 'Not booked',
  BOOKED: 'Booked',
  DEFERRED_TO_PROVIDER: 'Deferred to provider',
  AWAITING_TRIAGE: 'Awaiting triage',
  TRIAGED_PROVIDER_TO_ACTION: 'Triaged: provider to book',
  TRIAGE_RESPONSE: 'Triage response',
  REJECTED: 'Rejected',
  APPT_CANCELLED_BY_PATIENT: 'Appointment cancelled by patient',
  APPT_CANCELLED_BY_PROVIDER: 'Appointment cancelled by provider',
  DID_NOT_ATTEND: 'Did not attend',
  CANCELLED_REFERRAL: 'Cancelled',
  EXPIRED: 'Expired',
};

/** NHS.UK frontend tag colours (`nhsuk-tag--<colour>`). */
export type TagColour =
  'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

// Colour groups what the user must do: red/orange = a problem to act on, green = on track,
// blue/purple = with the provider, grey/white = finished.
export const STATE_TAG_COLOURS: Readonly<Record<ReferralState, TagColour>> = {
  NOT_BOOKED: 'aqua-green',
  BOOKED: 'green',
  DEFERRED_TO_PROVIDER: 'orange',
  AWAITING_TRIAGE: 'blue',
  TRIAGED_PROVIDER_TO_ACTION: 'purple',
  TRIAGE_RESPONSE: 'yellow',
  REJECTED: 'red',
  APPT_CANCELLED_BY_PATIENT: 'orange',
  APPT_CANCELLED_BY_PROVIDER: 'orange',
  DID_NOT_ATTEND: 'red',
  CANCELLED_REFERRAL: 'grey',
  EXPIRED: 'white',
};

export const END_STATES = ['CANCELLED_REFERRAL', 'EXPIRED'] as const satisfies readonly ReferralState[];

/** Nothing more can happen to a referral in an end state. */
export function isEndState(state: ReferralState): boolean {
  return (END_STATES as readonly ReferralState[]).includes(state);
}
