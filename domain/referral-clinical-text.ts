import { REDIRECT_REASONS, REFERRAL_CANCEL_REASONS, REJECT_REASONS } from './reasons';
import type { ReasonRecord, Referral } from './referral';
import { type RoleCode, isClinicalRole } from './roles';
import type { TimelineEvent } from './timeline';

/**
 * Which reason comments are clinical text, hidden from non-clinical roles (B1103, B1120) as the
 * referral's clinical information is. e-RS's clinical decisions carry clinical comments: a
 * rejection (A014), a triage outcome with its redirect or review comment (A028), a referral
 * cancelled for a clinical reason (A036). Comments written for the admin teams stay visible:
 * appointment cancellations and changes, a DNA, and a clinician's "cancel appointment, action
 * later", which is the provider admin's task (A022). The reason itself always shows.
 */
const CLINICAL_EVENTS: ReadonlySet<string> = new Set(['REJECT', 'TRIAGE_OUTCOME', 'CANCEL_REFERRAL']);

// Codes before decision record 0015 that the clinical decisions above recorded.
const RETIRED_CLINICAL_CODES = [
  'OUTPATIENT_APPOINTMENT_NOT_REQUIRED',
  'INAPPROPRIATE_SERVICE',
  'PREREQUISITES_NOT_COMPLETE',
  ...['AGE', 'SEX', 'PRIORITY', 'APPROPRIATE_CLINIC', 'APPROPRIATE_SPECIALTY', 'CONFIDENTIALITY', 'STAFF_LEAVE'],
  ...['PATIENT_REQUEST', 'NO_LONGER_REQUIRED', 'REFERRED_ELSEWHERE', 'PATIENT_DECEASED', 'ENTERED_IN_ERROR'],
];

/** The latest reason only has its code: the codes of those decisions tell it apart. */
const CLINICAL_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(REJECT_REASONS),
  ...Object.keys(REDIRECT_REASONS),
  ...Object.keys(REFERRAL_CANCEL_REASONS),
  'ACCEPT_BOOK_LATER',
  ...RETIRED_CLINICAL_CODES,
]);

const withoutComment = ({ code }: ReasonRecord): ReasonRecord => ({ code });

/** The referral as this role may read it: clinical reason comments removed for non-clinical roles. */
export function referralForRole(referral: Referral, role: RoleCode): Referral {
  if (isClinicalRole(role) || !referral.lastReason?.comment || !CLINICAL_CODES.has(referral.lastReason.code)) {
    return referral;
  }
  return { ...referral, lastReason: withoutComment(referral.lastReason) };
}

/** The timeline as this role may read it: clinical decisions' comments removed for non-clinical roles. */
export function timelineForRole(events: readonly TimelineEvent[], role: RoleCode): TimelineEvent[] {
  if (isClinicalRole(role)) return [...events];
  return events.map((event) =>
    event.reason?.comment && CLINICAL_EVENTS.has(event.type)
      ? { ...event, reason: withoutComment(event.reason) }
      : event,
  );
}
