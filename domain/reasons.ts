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

/**
 * Why a provider clinician rejects a booked referral. Every one needs a comment: the
 * referrer has to act on a rejection and cannot without knowing what is wrong.
 */
export const REJECT_REASONS = {
  FURTHER_INFORMATION_REQUIRED: { label: 'Further information required', needsComment: true },
  OUTPATIENT_APPOINTMENT_NOT_REQUIRED: { label: 'Outpatient appointment not required', needsComment: true },
  INAPPROPRIATE_SERVICE: { label: 'Inappropriate service', needsComment: true },
  PREREQUISITES_NOT_COMPLETE: { label: 'Prerequisites not complete', needsComment: true },
  OTHER: { label: 'Other', needsComment: true },
} as const satisfies ReasonTable;
export const rejectReasonSchema = z.enum(codes(REJECT_REASONS), { error: 'Choose a reason for rejecting' });
export type RejectReason = z.infer<typeof rejectReasonSchema>;

/** Why a triage clinician sends the referral to a different service. */
export const REDIRECT_REASONS = {
  AGE: { label: 'Age', needsComment: false },
  SEX: { label: 'Sex', needsComment: false },
  PRIORITY: { label: 'Priority', needsComment: false },
  APPROPRIATE_CLINIC: { label: 'Appropriate clinic', needsComment: false },
  APPROPRIATE_SPECIALTY: { label: 'Appropriate specialty', needsComment: false },
  CONFIDENTIALITY: { label: 'Confidentiality', needsComment: false },
  STAFF_LEAVE: { label: 'Staff leave', needsComment: false },
  OTHER: { label: 'Other', needsComment: true },
} as const satisfies ReasonTable;
export const redirectReasonSchema = z.enum(codes(REDIRECT_REASONS), { error: 'Choose a reason for the redirect' });
export type RedirectReason = z.infer<typeof redirectReasonSchema>;

/** Why a whole referral is cancelled (by the referrer or the provider). */
export const REFERRAL_CANCEL_REASONS = {
  PATIENT_REQUEST: { label: 'Patient request', needsComment: false },
  NO_LONGER_REQUIRED: { label: 'No longer required', needsComment: false },
  REFERRED_ELSEWHERE: { label: 'Referred elsewhere', needsComment: false },
  PATIENT_DECEASED: { label: 'Patient deceased', needsComment: false },
  ENTERED_IN_ERROR: { label: 'Entered in error', needsComment: false },
  OTHER: { label: 'Other', needsComment: true },
} as const satisfies ReasonTable;
export const referralCancelReasonSchema = z.enum(codes(REFERRAL_CANCEL_REASONS), {
  error: 'Choose a reason for cancelling the referral',
});
export type ReferralCancelReason = z.infer<typeof referralCancelReasonSchema>;

/** Why the patient changes or cancels an appointment. */
export const PATIENT_APPOINTMENT_REASONS = {
  HOLIDAY: { label: 'Holiday', needsComment: false },
  ILL: { label: 'Ill', needsComment: false },
  OTHER_ENGAGEMENT: { label: 'Other engagement', needsComment: false },
  OTHER: { label: 'Other', needsComment: true },
} as const satisfies ReasonTable;
export const patientAppointmentReasonSchema = z.enum(codes(PATIENT_APPOINTMENT_REASONS), {
  error: "Choose the patient's reason",
});
export type PatientAppointmentReason = z.infer<typeof patientAppointmentReasonSchema>;

/** What happens after a patient did not attend. */
export const DNA_OUTCOMES = {
  REBOOK: { label: 'Rebook (provider to book)', needsComment: false },
  RETURN_TO_REFERRER: { label: 'Return to referrer', needsComment: false },
} as const satisfies ReasonTable;
export const dnaOutcomeSchema = z.enum(codes(DNA_OUTCOMES), { error: 'Choose what happens next' });
export type DnaOutcome = z.infer<typeof dnaOutcomeSchema>;

/** Why the provider cancels an appointment ("cancel appointment, action later"). */
export const PROVIDER_APPOINTMENT_CANCEL_REASONS = {
  CLINIC_CANCELLED: { label: 'Clinic cancelled', needsComment: false },
  CLINICIAN_UNAVAILABLE: { label: 'Clinician unavailable', needsComment: false },
  BOOKED_IN_ERROR: { label: 'Booked in error', needsComment: false },
  OTHER: { label: 'Other', needsComment: true },
} as const satisfies ReasonTable;
export const providerAppointmentCancelReasonSchema = z.enum(codes(PROVIDER_APPOINTMENT_CANCEL_REASONS), {
  error: 'Choose a reason for cancelling the appointment',
});
export type ProviderAppointmentCancelReason = z.infer<typeof providerAppointmentCancelReasonSchema>;

/** Why the referrer could not book and deferred the referral to the provider. */
export const DEFER_REASONS = {
  NO_SLOTS: { label: 'No slots available', needsComment: false },
  SLOT_UNAVAILABLE: { label: 'Slot no longer available', needsComment: false },
  BOOKING_TIMEOUT: { label: 'Booking timed out', needsComment: false },
} as const satisfies ReasonTable;
export const deferReasonSchema = z.enum(codes(DEFER_REASONS), { error: 'Choose why the referral is deferred' });
export type DeferReason = z.infer<typeof deferReasonSchema>;

/** A free-text comment: trimmed, at most MAX_COMMENT characters, blank means none. */
export const commentSchema = z
  .string()
  .trim()
  .max(MAX_COMMENT, 'Comment must be 2,000 characters or fewer')
  .transform((v) => (v === '' ? undefined : v))
  // Outermost, so the key is optional in the inferred Command type too.
  .optional();

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
    PROVIDER_APPOINTMENT_CANCEL_REASONS,
    DEFER_REASONS,
  ] as ReasonTable[]) {
    const info = table[code];
    if (info) return info.label;
  }
  return code;
}
