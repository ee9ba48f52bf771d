import { z } from 'zod';
import { prioritySchema } from './priorities';
import {
  PATIENT_APPOINTMENT_REASONS,
  PROVIDER_APPOINTMENT_CANCEL_REASONS,
  REDIRECT_REASONS,
  REFERRAL_CANCEL_REASONS,
  REJECT_REASONS,
  type ReasonInfo,
  adviceSchema,
  commentSchema,
  requiredCommentSchema,
  deferReasonSchema,
  dnaOutcomeSchema,
  dnaReasonSchema,
  patientAppointmentReasonSchema,
  providerAppointmentCancelReasonSchema,
  redirectReasonSchema,
  referralCancelReasonSchema,
  rejectReasonSchema,
} from './reasons';
import { serviceSchema, shortlistSchema } from './referral';

const dateTime = z.iso.datetime({ offset: true, error: 'Enter a date and time' });
const id = (what: string) => z.string({ error: `Choose ${what}` }).min(1, `Choose ${what}`);

/** Every staff command names the referral version the user saw; a different one is STALE_VERSION. */
const base = { expectedVersion: z.number().int().positive() };

/**
 * Service-bearing commands carry the DOS entry for serviceId when it may not be on the referral
 * (a redirect, a provider booking into its own clinic): update validators cannot query the
 * DOS, so the caller resolves it, as it supplies slotsAvailable.
 */
const target = { serviceId: id('a service'), service: serviceSchema.optional() };

type Ctx = z.core.$RefinementCtx;

function requireComment(
  table: Readonly<Record<string, ReasonInfo>>,
  code: string | undefined,
  comment: string | undefined,
  ctx: Ctx,
): void {
  const info = code === undefined ? undefined : table[code];
  if (info?.needsComment && comment === undefined) {
    ctx.addIssue({ code: 'custom', path: ['comment'], message: `Enter a comment explaining "${info.label}"` });
  }
}

function endAfterStart(v: { start?: string | undefined; end?: string | undefined }, ctx: Ctx): void {
  if (v.start !== undefined && v.end !== undefined && Date.parse(v.end) <= Date.parse(v.start)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'The appointment must end after it starts' });
  }
}

const book = z
  .object({ type: z.literal('BOOK'), ...base, ...target, slotId: id('a slot'), start: dateTime, end: dateTime })
  .superRefine(endAfterStart);

/** The referrer sends the referral to an IBS service; the provider then arranges the date. */
const requestIbs = z.object({ type: z.literal('REQUEST_IBS'), ...base, ...target });

const deferToProvider = z.object({
  type: z.literal('DEFER_TO_PROVIDER'),
  ...base,
  ...target,
  reason: deferReasonSchema,
  /** Supplied by the workflow from the slot table: deferring while slots exist is refused. */
  slotsAvailable: z.boolean(),
});

const sendForTriage = z.object({ type: z.literal('SEND_FOR_TRIAGE'), ...base, ...target });

/** The provider records the date it arranged for an IBS referral (serviceId defaults to the current service). */
const recordIbsArranged = z
  .object({
    type: z.literal('RECORD_IBS_ARRANGED'),
    ...base,
    serviceId: id('a service').optional(),
    service: serviceSchema.optional(),
    start: dateTime,
    end: dateTime.optional(),
  })
  .superRefine(endAfterStart);

const accept = z.object({ type: z.literal('ACCEPT'), ...base });

const reject = z
  .object({ type: z.literal('REJECT'), ...base, reason: rejectReasonSchema, comment: commentSchema })
  .superRefine((v, ctx) => requireComment(REJECT_REASONS, v.reason, v.comment, ctx));

const triageOutcome = z.discriminatedUnion('outcome', [
  z
    .object({
      type: z.literal('TRIAGE_OUTCOME'),
      ...base,
      outcome: z.literal('REFER_BOOK_NOW'),
      ...target,
      /** Required when serviceId differs from the current service (a redirect); the guard checks that. */
      redirectReason: redirectReasonSchema.optional(),
      comment: commentSchema,
      slotId: id('a slot').optional(),
      start: dateTime.optional(),
      end: dateTime.optional(),
    })
    .superRefine((v, ctx) => {
      requireComment(REDIRECT_REASONS, v.redirectReason, v.comment, ctx);
      if (v.slotId !== undefined && (v.start === undefined || v.end === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['start'],
          message: 'Enter the appointment start and end for the chosen slot',
        });
      }
      if (v.slotId === undefined && v.start !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['slotId'], message: 'Choose a slot' });
      }
      endAfterStart(v, ctx);
    }),
  z.object({
    type: z.literal('TRIAGE_OUTCOME'),
    ...base,
    outcome: z.literal('ACCEPT_BOOK_LATER'),
    // e-RS: the review comment tells the admin team what to book, and the clinician may reset the priority.
    comment: requiredCommentSchema('Enter a review comment telling your admin team what to book'),
    priority: prioritySchema.optional(),
  }),
  z.object({
    type: z.literal('TRIAGE_OUTCOME'),
    ...base,
    outcome: z.literal('RETURN_WITH_ADVICE'),
    advice: adviceSchema,
  }),
]);

const providerCancelAppointment = z
  .object({
    type: z.literal('PROVIDER_CANCEL_APPOINTMENT'),
    ...base,
    reason: providerAppointmentCancelReasonSchema,
    comment: commentSchema,
  })
  .superRefine((v, ctx) => requireComment(PROVIDER_APPOINTMENT_CANCEL_REASONS, v.reason, v.comment, ctx));

const patientCancelAppointment = z
  .object({
    type: z.literal('PATIENT_CANCEL_APPOINTMENT'),
    ...base,
    reason: patientAppointmentReasonSchema,
    comment: commentSchema,
  })
  .superRefine((v, ctx) => requireComment(PATIENT_APPOINTMENT_REASONS, v.reason, v.comment, ctx));

const changeAppointment = z
  .object({
    type: z.literal('CHANGE_APPOINTMENT'),
    ...base,
    slotId: id('a slot'),
    start: dateTime,
    end: dateTime,
    reason: patientAppointmentReasonSchema,
    comment: commentSchema,
  })
  .superRefine((v, ctx) => {
    requireComment(PATIENT_APPOINTMENT_REASONS, v.reason, v.comment, ctx);
    endAfterStart(v, ctx);
  });

/** e-RS records why the patient did not attend, whether they were contacted, and who books next. */
const recordDna = z.object({
  type: z.literal('RECORD_DNA'),
  ...base,
  reason: dnaReasonSchema,
  /** Whether the provider tried to contact the patient; unset when the form did not ask. */
  contactAttempted: z.boolean().optional(),
  outcome: dnaOutcomeSchema,
  comment: commentSchema,
});

const cancelReferral = z
  .object({ type: z.literal('CANCEL_REFERRAL'), ...base, reason: referralCancelReasonSchema, comment: commentSchema })
  .superRefine((v, ctx) => requireComment(REFERRAL_CANCEL_REASONS, v.reason, v.comment, ctx));

const addLetter = z.object({ type: z.literal('ADD_LETTER'), ...base, documentId: id('a letter') });

const changePriority = z.object({ type: z.literal('CHANGE_PRIORITY'), ...base, priority: prioritySchema });

/**
 * The referrer replaces the shortlist (after a rejection, triage advice, a cancellation or a DNA
 * returned to them) and then books from it. The caller resolves each entry from the DOS.
 */
const changeShortlist = z.object({ type: z.literal('CHANGE_SHORTLIST'), ...base, shortlist: shortlistSchema });

/** Every staff action on a referral: the argument of the referral workflow's update. */
export const commandSchema = z.discriminatedUnion('type', [
  book,
  requestIbs,
  deferToProvider,
  sendForTriage,
  recordIbsArranged,
  accept,
  reject,
  triageOutcome,
  providerCancelAppointment,
  patientCancelAppointment,
  changeAppointment,
  recordDna,
  cancelReferral,
  addLetter,
  changePriority,
  changeShortlist,
]);
export type Command = z.infer<typeof commandSchema>;
/** What a form posts before parsing (comments may be blank strings, etc.). */
export type CommandInput = z.input<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export type TriageOutcome = CommandOf<'TRIAGE_OUTCOME'>['outcome'];

/** In the order buttons are drawn. */
export const COMMAND_TYPES = [
  'BOOK',
  'REQUEST_IBS',
  'SEND_FOR_TRIAGE',
  'DEFER_TO_PROVIDER',
  'RECORD_IBS_ARRANGED',
  'ACCEPT',
  'REJECT',
  'TRIAGE_OUTCOME',
  'CHANGE_APPOINTMENT',
  'PATIENT_CANCEL_APPOINTMENT',
  'PROVIDER_CANCEL_APPOINTMENT',
  'RECORD_DNA',
  'ADD_LETTER',
  'CHANGE_SHORTLIST',
  'CHANGE_PRIORITY',
  'CANCEL_REFERRAL',
] as const satisfies readonly CommandType[];

export const ACTION_LABELS: Readonly<Record<CommandType, string>> = {
  BOOK: 'Book appointment',
  REQUEST_IBS: 'Request appointment from provider',
  DEFER_TO_PROVIDER: 'Defer to provider',
  SEND_FOR_TRIAGE: 'Send for triage',
  RECORD_IBS_ARRANGED: 'Record arranged appointment',
  ACCEPT: 'Accept',
  REJECT: 'Reject',
  TRIAGE_OUTCOME: 'Record triage outcome',
  PROVIDER_CANCEL_APPOINTMENT: 'Cancel appointment, action later',
  PATIENT_CANCEL_APPOINTMENT: 'Cancel appointment for patient',
  CHANGE_APPOINTMENT: 'Change appointment',
  RECORD_DNA: 'Record did not attend',
  CANCEL_REFERRAL: 'Cancel referral',
  ADD_LETTER: 'Attach referral letter',
  CHANGE_PRIORITY: 'Change priority',
  CHANGE_SHORTLIST: 'Change shortlist',
};

/**
 * Events from outside or from the workflow's own timers: fire-and-forget, no user version.
 * BOOKING_CONFIRMED: the provider's booking system acknowledged the appointment.
 */
export const systemEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('BOOKING_CONFIRMED'), slotId: z.string().min(1).optional() }),
  z.object({ type: z.literal('REMINDER_SENT') }),
  z.object({ type: z.literal('CONTACT_TARGET_BREACHED') }),
  z.object({ type: z.literal('EXPIRE') }),
]);
export type SystemEvent = z.infer<typeof systemEventSchema>;
export type SystemEventType = SystemEvent['type'];

export const SYSTEM_EVENT_LABELS: Readonly<Record<SystemEventType, string>> = {
  BOOKING_CONFIRMED: 'Booking confirmed',
  REMINDER_SENT: 'Reminder sent to patient',
  CONTACT_TARGET_BREACHED: 'Contact target passed',
  EXPIRE: 'Booking reference expired',
};
