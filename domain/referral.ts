import { z } from 'zod';
import { odsCodeSchema } from './actor';
import { nhsNumberSchema, ubrnSchema } from './ids';
import { prioritySchema } from './priorities';
import { MAX_ADVICE, MAX_COMMENT } from './reasons';
import { stateSchema } from './states';

const isoDateTime = z.iso.datetime({ offset: true, error: 'Enter a date and time' });
const isoDate = z.iso.date({ error: 'Enter a real date' });

/** A Directory of Services entry as a referral refers to it. No personal data. */
export const serviceSchema = z.object({
  serviceId: z.string().min(1),
  name: z.string().min(1),
  providerOrgCode: odsCodeSchema,
  /** DBS: slots booked here; IBS: the provider arranges the date; TRIAGE: a Referral Assessment Service. */
  requestType: z.enum(['DBS', 'IBS', 'TRIAGE']),
});
export type Service = z.infer<typeof serviceSchema>;
export type RequestType = Service['requestType'];

export const sexSchema = z.enum(['female', 'male', 'other', 'unknown'], { error: 'Choose the patient’s sex' });
export type Sex = z.infer<typeof sexSchema>;
export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Not known' };
/** The sexes in form order, for radios and drop-downs. */
export const SEX_OPTIONS = sexSchema.options.map((value) => ({ value, text: SEX_LABELS[value] }));

// UK postcode shape only; whether it exists is not the domain's business.
const postcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode, like SW1A 1AA');

export const patientSchema = z.object({
  nhsNumber: nhsNumberSchema,
  givenName: z.string().trim().min(1, 'Enter the patient’s given name').max(100),
  familyName: z.string().trim().min(1, 'Enter the patient’s family name').max(100),
  dateOfBirth: isoDate,
  sex: sexSchema,
  postcode: postcodeSchema,
  address: z.string().trim().max(500).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d ]{7,20}$/, 'Enter a phone number, like 07700 900123')
    .optional(),
  email: z.email('Enter an email address, like name@example.com').optional(),
  registeredPracticeCode: odsCodeSchema,
  /**
   * true: the details were confirmed from the demographics service; false: typed by hand for a
   * patient it did not find (the referral page says "unverified"). Absent on referrals made
   * before the demographics service.
   */
  verified: z.boolean().optional(),
});
export type Patient = z.infer<typeof patientSchema>;

/** The referring organisation and the named clinician responsible for the referral. */
export const referrerSchema = z.object({
  orgCode: odsCodeSchema,
  clinicianUserId: z.string().min(1),
  clinicianName: z.string().min(1),
});
export type Referrer = z.infer<typeof referrerSchema>;

export const letterSchema = z.object({
  status: z.enum(['ATTACHED', 'TO_FOLLOW']),
  attachedAt: isoDateTime.optional(),
  documentId: z.string().min(1).optional(),
});
export type Letter = z.infer<typeof letterSchema>;

export const appointmentSchema = z.object({
  /** Absent for IBS appointments, which the provider arranges outside the slot system. */
  slotId: z.string().min(1).optional(),
  start: isoDateTime,
  end: isoDateTime.optional(),
  /** SYSTEM: a DBS slot booked here; PROVIDER: an IBS appointment the provider recorded. */
  arrangedBy: z.enum(['SYSTEM', 'PROVIDER']),
  /** The provider's booking system has acknowledged it (BOOKING_CONFIRMED). */
  confirmed: z.boolean(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const reasonRecordSchema = z.object({
  code: z.string().min(1),
  comment: z.string().max(MAX_COMMENT).optional(),
});
export type ReasonRecord = z.infer<typeof reasonRecordSchema>;

/** e-RS allows up to 20 services on a shortlist. */
export const MAX_SHORTLIST = 20;

export const shortlistSchema = z
  .array(serviceSchema)
  .min(1, 'Choose at least one service')
  .max(MAX_SHORTLIST, `A shortlist holds at most ${MAX_SHORTLIST} services`)
  .refine((list) => new Set(list.map((s) => s.serviceId)).size === list.length, 'A service is on the shortlist twice');

/** The referral aggregate, as the referral workflow holds it (the source of truth). */
export const referralSchema = z.object({
  ubrn: ubrnSchema,
  /** 1 on creation, +1 on every transition; commands carry it to detect stale screens. */
  version: z.number().int().positive(),
  state: stateSchema,
  priority: prioritySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  patient: patientSchema,
  referrer: referrerSchema,
  specialty: z.string().min(1, 'Choose a specialty'),
  clinicType: z.string().min(1).optional(),
  reason: z
    .string()
    .trim()
    .min(1, 'Enter the reason for referral')
    .max(MAX_COMMENT, 'Reason must be 2,000 characters or fewer'),
  clinicalInformation: z.string().trim().max(MAX_ADVICE, 'Clinical information must be 8,000 characters or fewer'),
  letter: letterSchema,
  shortlist: shortlistSchema,
  /** The service the referral currently sits with (booked, deferred, triage); gives the provider its relationship. */
  service: serviceSchema.optional(),
  appointment: appointmentSchema.optional(),
  /** Date the provider must contact the patient by (deferred or awaiting triage only). */
  contactBy: isoDate.optional(),
  /** The contact target passed without action. */
  breached: z.boolean(),
  /** The latest reject, redirect, cancellation, deferral or DNA reason. */
  lastReason: reasonRecordSchema.optional(),
  /** Advice returned by triage (TRIAGE_RESPONSE). */
  advice: z.string().max(MAX_ADVICE).optional(),
  /**
   * The organisation whose staff cancelled the referral: e-RS's Returned / Cancelled / DNA list
   * holds only referrals cancelled outside the referring organisation.
   */
  cancelledByOrgCode: z.string().min(1).optional(),
  /** The latest missed appointment: why, and whether the provider tried to contact the patient. */
  nonAttendance: z.object({ reason: z.string().min(1), contactAttempted: z.boolean().optional() }).optional(),
  /** When a provider clinician accepted the current booking; cleared when the service changes. */
  acceptedAt: isoDateTime.optional(),
  remindersSent: z.number().int().nonnegative(),
  /** When the expiry timer fires (creation + policy.ubrnExpiryDays, under the policy's time scale). */
  expiresAt: isoDateTime,
});
export type Referral = z.infer<typeof referralSchema>;
