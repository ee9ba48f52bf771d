import { z } from 'zod';

/** Every reason comment is at most 2,000 characters (e-RS). */
export const MAX_COMMENT = 2000;
/** Triage advice text is at most 8,000 characters (e-RS). */
export const MAX_ADVICE = 8000;

export interface ReasonInfo {
  readonly label: string;
  /** The user must explain in a comment when choosing this reason. */
  readonly needsComment: boolean;
}

type ReasonTable = Readonly<Record<string, ReasonInfo>>;

// z.enum needs a non-empty tuple; the tables below are literal, so the cast is safe.
function codes<T extends ReasonTable>(table: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
}

/*
 * The reason lists are e-RS's own codes (its REFERRAL-CANCELLATION-REASON,
 * APPOINTMENT-CANCELLATION-REASON and APPOINTMENT-NON-ATTENDANCE-REASON code systems) with
 * e-RS's "comment mandatory" flags; only the labels are reworded into plain English.
 * `reasons.test.ts` compares every table with the published reference data
 * (`reasons.e-rs-reference.ts`), so a code or flag that drifts from e-RS fails the build.
 * Decision record 0015 lists the e-RS codes Carepath leaves out, and why.
 */

/** Why a provider clinician rejects a booked referral (e-RS usage REJECT; comments optional, as in e-RS). */
export const REJECT_REASONS = {
  FURTHER_INFORMATION_REQUIRED: { label: 'Further information required', needsComment: false },
  OUTPATIENT_APPT_NOT_REQUIRED: { label: 'Outpatient appointment not required', needsComment: false },
  SERVICE_INAPPROPRIATE: { label: 'Inappropriate service', needsComment: false },
  SERVICE_PREREQUISITES_NOT_COMPLETE: {
    label: 'Tests or treatment needed first are not complete',
    needsComment: false,
  },
  OTHER: { label: 'Other reason', needsComment: false },
} as const satisfies ReasonTable;
export const rejectReasonSchema = z.enum(codes(REJECT_REASONS), { error: 'Choose a reason for rejecting' });
export type RejectReason = z.infer<typeof rejectReasonSchema>;

/** Why a triage clinician sends the referral to a different service. e-RS makes every one explain itself. */
export const REDIRECT_REASONS = {
  REDIRECTED_AGE: { label: "The patient's age", needsComment: true },
  REDIRECTED_GENDER: { label: "The patient's sex", needsComment: true },
  REDIRECTED_PRIORITY: { label: 'The priority', needsComment: true },
  REDIRECTED_APPROPRIATE_CLINIC: { label: 'A more appropriate clinic', needsComment: true },
  REDIRECTED_APPROPRIATE_SPECIALTY: { label: 'A more appropriate specialty', needsComment: true },
  REDIRECTED_CONFIDENTIALITY: { label: 'Confidentiality', needsComment: true },
  REDIRECTED_STAFF_VACATION: { label: 'Staff on leave', needsComment: true },
  REDIRECTED_OTHER: { label: 'Another reason', needsComment: true },
} as const satisfies ReasonTable;
export const redirectReasonSchema = z.enum(codes(REDIRECT_REASONS), { error: 'Choose a reason for the redirect' });
export type RedirectReason = z.infer<typeof redirectReasonSchema>;

/**
 * Why a whole referral is cancelled: e-RS's reasons that may cancel an appointment with it. Who
 * may use which is `REFERRAL_CANCEL_REASON_SIDES`: e-RS's businessFunction of each code.
 */
export const REFERRAL_CANCEL_REASONS = {
  RAISED_IN_ERROR: { label: 'Referral created by mistake', needsComment: false },
  REFERRER_CANCELLATION: { label: 'The referrer cancelled it', needsComment: false },
  INTEND_PRIVATE: { label: 'The patient will go to a private clinic', needsComment: false },
  PATIENT_DIED: { label: 'The patient died', needsComment: false },
  TREATMENT_NO_LONGER_REQUIRED: { label: 'The referral is no longer needed', needsComment: false },
  BOOKED_OUTSIDE_CAB: { label: 'The patient was booked outside Carepath', needsComment: false },
  PATIENT_REQUEST_CANCELLATION_OTHER: { label: "Another reason (the patient's request)", needsComment: true },
} as const satisfies ReasonTable;
export const referralCancelReasonSchema = z.enum(codes(REFERRAL_CANCEL_REASONS), {
  error: 'Choose a reason for cancelling the referral',
});
export type ReferralCancelReason = z.infer<typeof referralCancelReasonSchema>;

/** Which side may give each referral cancellation reason (e-RS: the code's businessFunction). */
export const REFERRAL_CANCEL_REASON_SIDES: Readonly<
  Record<ReferralCancelReason, readonly ('referrer' | 'provider')[]>
> = {
  RAISED_IN_ERROR: ['referrer'],
  REFERRER_CANCELLATION: ['referrer'],
  INTEND_PRIVATE: ['referrer', 'provider'],
  PATIENT_DIED: ['referrer', 'provider'],
  TREATMENT_NO_LONGER_REQUIRED: ['referrer', 'provider'],
  BOOKED_OUTSIDE_CAB: ['provider'],
  PATIENT_REQUEST_CANCELLATION_OTHER: ['referrer', 'provider'],
};

/** The referral cancellation reasons one side may give, in the same shape as the full table. */
export function referralCancelReasonsFor(side: 'referrer' | 'provider'): Readonly<Record<string, ReasonInfo>> {
  return Object.fromEntries(
    Object.entries(REFERRAL_CANCEL_REASONS).filter(([code]) =>
      REFERRAL_CANCEL_REASON_SIDES[code as ReferralCancelReason].includes(side),
    ),
  );
}

/** Why the patient changes or cancels an appointment (e-RS usage CANCEL, type PATIENT). */
export const PATIENT_APPOINTMENT_REASONS = {
  PATIENT_HOLIDAY: { label: 'The patient is on holiday', needsComment: false },
  PATIENT_ILL: { label: 'The patient is ill', needsComment: false },
  PATIENT_OTHER_ENGAGEMENT: { label: 'The patient has something more pressing', needsComment: true },
  PATIENT_APPOINTMENT_CANCELLATION_OTHER: { label: 'Another reason', needsComment: true },
} as const satisfies ReasonTable;
export const patientAppointmentReasonSchema = z.enum(codes(PATIENT_APPOINTMENT_REASONS), {
  error: "Choose the patient's reason",
});
export type PatientAppointmentReason = z.infer<typeof patientAppointmentReasonSchema>;

/** What happens after a patient did not attend: Carepath's choice, e-RS publishes no code list for it. */
export const DNA_OUTCOMES = {
  REBOOK: { label: 'Rebook (provider to book)', needsComment: false },
  RETURN_TO_REFERRER: { label: 'Return to referrer', needsComment: false },
} as const satisfies ReasonTable;
export const dnaOutcomeSchema = z.enum(codes(DNA_OUTCOMES), { error: 'Choose what happens next' });
export type DnaOutcome = z.infer<typeof dnaOutcomeSchema>;

/** Why the patient did not attend (e-RS APPOINTMENT-NON-ATTENDANCE-REASON). */
export const DNA_REASONS = {
  CANCELLED_TOO_LATE: { label: 'The patient cancelled too late', needsComment: false },
  ARRIVED_TOO_LATE: { label: 'The patient arrived too late to be seen', needsComment: false },
  PATIENT_FORGOT: { label: 'The patient forgot the appointment', needsComment: false },
  // Worded as in the other lists that share these codes, so one code reads one way everywhere.
  PATIENT_ILL: { label: 'The patient is ill', needsComment: false },
  PATIENT_DIED: { label: 'The patient died', needsComment: false },
  UNKNOWN: { label: 'Reason not known', needsComment: false },
  NOT_SPECIFIED: { label: 'Not specified', needsComment: false },
} as const satisfies ReasonTable;
export const dnaReasonSchema = z.enum(codes(DNA_REASONS), { error: 'Choose why the patient did not attend' });
export type DnaReason = z.infer<typeof dnaReasonSchema>;

/**
 * Why the provider cancels an appointment (e-RS type PROVIDER). A provider clinician's "cancel
 * appointment, action later" needs a comment whatever the reason: it is the task for the admin team.
 */
export const PROVIDER_APPOINTMENT_CANCEL_REASONS = {
  CLINIC_CANCELLED: { label: 'Clinic cancelled', needsComment: false },
  CLINIC_OVERRUN: { label: 'Clinic overran', needsComment: false },
  SLOT_CANCELLED: { label: 'Appointment slot cancelled', needsComment: false },
  ADDITIONAL_REQ_NOT_ELIGIBLE: { label: 'Not eligible for an additional requirement', needsComment: false },
  ADDITIONAL_REQ_NOT_PROVIDED: { label: 'Additional requirement not provided at this location', needsComment: false },
  ADDITIONAL_REQ_UNAVAILABLE: {
    label: 'Additional requirement not available for this appointment',
    needsComment: false,
  },
  PRIORITY_INAPPROPRIATE: { label: 'The priority is not right', needsComment: true },
  PRIORITY_CHANGE: { label: 'The priority changed for another reason', needsComment: true },
  PROVIDER_CANCELLATION: { label: 'Another reason', needsComment: true },
} as const satisfies ReasonTable;
export const providerAppointmentCancelReasonSchema = z.enum(codes(PROVIDER_APPOINTMENT_CANCEL_REASONS), {
  error: 'Choose a reason for cancelling the appointment',
});
export type ProviderAppointmentCancelReason = z.infer<typeof providerAppointmentCancelReasonSchema>;

/**
 * Why the referrer could not book and deferred the referral to the provider (e-RS: no slots,
 * the slot advertised is no longer available, or the booking timed out).
 */
export const DEFER_REASONS = {
  NO_SLOTS: { label: 'No slots available', needsComment: false },
  SLOT_UNAVAILABLE: { label: 'Slot no longer available', needsComment: false },
  BOOKING_TIMEOUT: { label: 'Booking timed out', needsComment: false },
} as const satisfies ReasonTable;
export const deferReasonSchema = z.enum(codes(DEFER_REASONS), { error: 'Choose why the referral is deferred' });
export type DeferReason = z.infer<typeof deferReasonSchema>;

/**
 * Codes Carepath used before decision record 0015 moved to e-RS's lists. Referrals that ran
 * under them still hold them, so they keep their labels; no form offers them.
 */
const RETIRED_REASONS = {
  OUTPATIENT_APPOINTMENT_NOT_REQUIRED: { label: 'Outpatient appointment not required', needsComment: false },
  INAPPROPRIATE_SERVICE: { label: 'Inappropriate service', needsComment: false },
  PREREQUISITES_NOT_COMPLETE: { label: 'Prerequisites not complete', needsComment: false },
  AGE: { label: "The patient's age", needsComment: false },
  SEX: { label: "The patient's sex", needsComment: false },
  PRIORITY: { label: 'The priority', needsComment: false },
  APPROPRIATE_CLINIC: { label: 'A more appropriate clinic', needsComment: false },
  APPROPRIATE_SPECIALTY: { label: 'A more appropriate specialty', needsComment: false },
  CONFIDENTIALITY: { label: 'Confidentiality', needsComment: false },
  STAFF_LEAVE: { label: 'Staff on leave', needsComment: false },
  PATIENT_REQUEST: { label: "The patient's request", needsComment: false },
  NO_LONGER_REQUIRED: { label: 'No longer required', needsComment: false },
  REFERRED_ELSEWHERE: { label: 'Referred elsewhere', needsComment: false },
  PATIENT_DECEASED: { label: 'The patient died', needsComment: false },
  ENTERED_IN_ERROR: { label: 'Entered in error', needsComment: false },
  HOLIDAY: { label: 'The patient is on holiday', needsComment: false },
  ILL: { label: 'The patient is ill', needsComment: false },
  OTHER_ENGAGEMENT: { label: 'The patient has another engagement', needsComment: false },
  CLINICIAN_UNAVAILABLE: { label: 'Clinician unavailable', needsComment: false },
  BOOKED_IN_ERROR: { label: 'Booked in error', needsComment: false },
} as const satisfies ReasonTable;

/** A free-text comment: trimmed, at most MAX_COMMENT characters, blank means none. */
export const commentSchema = z
  .string()
  .trim()
  .max(MAX_COMMENT, 'Comment must be 2,000 characters or fewer')
  .transform((v) => (v === '' ? undefined : v))
  // Outermost, so the key is optional in the inferred Command type too.
  .optional();

/** A comment that must be given: trimmed, 1 to MAX_COMMENT characters, `missing` when blank. */
export const requiredCommentSchema = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(MAX_COMMENT, 'Comment must be 2,000 characters or fewer');

/** Triage advice: required, trimmed, at most MAX_ADVICE characters. */
export const adviceSchema = z
  .string({ error: 'Enter your advice to the referrer' })
  .trim()
  .min(1, 'Enter your advice to the referrer')
  .max(MAX_ADVICE, 'Advice must be 8,000 characters or fewer');

/** The user-facing label for any reason or outcome code, whichever table it comes from. */
export function reasonLabel(code: string): string {
  for (const table of [
    REJECT_REASONS,
    REDIRECT_REASONS,
    REFERRAL_CANCEL_REASONS,
    PATIENT_APPOINTMENT_REASONS,
    DNA_OUTCOMES,
    DNA_REASONS,
    PROVIDER_APPOINTMENT_CANCEL_REASONS,
    DEFER_REASONS,
    RETIRED_REASONS,
  ] as ReasonTable[]) {
    const info = table[code];
    if (info) return info.label;
  }
  return code;
}
