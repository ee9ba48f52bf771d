import { z } from 'zod';
import { actorSchema, odsCodeSchema } from '../actor';
import { ubrnSchema } from '../ids';
import { patientSchema, referrerSchema } from '../referral';
import { adviceStateSchema } from './states';

/** A question, an answer, a reply: each message is at most 8,000 characters (e-RS's advice limit). */
export const MAX_MESSAGE = 8000;
/** A closing or cancelling note. */
export const MAX_NOTE = 2000;
/** Messages one conversation holds: past this it should be a referral (and the workflow stays small). */
export const MAX_MESSAGES = 50;
/** Files on one message; each follows the referral letter's rules (PDF, PNG or JPEG, under 5 MB). */
export const MAX_ATTACHMENTS = 5;
/** The provider's response-time target when its service sets none, in working days. */
export const DEFAULT_RESPONSE_WORKING_DAYS = 2;

/** How the provider's advice ends the question (e-RS's A&G outcomes). */
export const ADVICE_OUTCOMES = {
  ADVICE_ONLY: 'Advice only: no referral needed',
  REFER_IF_NEEDED: 'Refer if needed',
  REFERRAL_RECOMMENDED: 'Referral recommended',
  OTHER: 'Other',
} as const;
export const adviceOutcomeSchema = z.enum(
  Object.keys(ADVICE_OUTCOMES) as [keyof typeof ADVICE_OUTCOMES, ...(keyof typeof ADVICE_OUTCOMES)[]],
  { error: 'Choose an outcome' },
);
export type AdviceOutcome = z.infer<typeof adviceOutcomeSchema>;

const messageText = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(MAX_MESSAGE, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be 8,000 characters or fewer`);

export const questionSchema = messageText('your question');
export const adviceTextSchema = messageText('your advice');
export const infoRequestSchema = messageText('what more information you need');
export const replyTextSchema = messageText('your reply');
export const noteSchema = z.string().trim().max(MAX_NOTE, 'Note must be 2,000 characters or fewer').optional();

/** A file sent with a message: stored by the service first, so only its id and description travel. */
export const attachmentRefSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  sizeBytes: z.number().int().positive(),
});
export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

export const attachmentsSchema = z
  .array(attachmentRefSchema)
  .max(MAX_ATTACHMENTS, `Attach at most ${MAX_ATTACHMENTS} files to one message`)
  .refine((list) => new Set(list.map((a) => a.id)).size === list.length, 'A file is attached twice')
  .default([]);

/** The one advice service the question goes to (e-RS A044: exactly one service on an A&G request). */
export const adviceServiceSchema = z.object({
  serviceId: z.string().min(1),
  name: z.string().min(1),
  providerOrgCode: odsCodeSchema,
  specialty: z.string().min(1),
  /**
   * How the service takes referrals besides advice (DBS, IBS or triage), if it does: a
   * conversion by the provider lands there. Absent: an advice-only service, which the provider
   * cannot convert into (the referrer can still refer elsewhere).
   */
  referralType: z.enum(['DBS', 'IBS', 'TRIAGE']).optional(),
});
export type AdviceService = z.infer<typeof adviceServiceSchema>;

export const MESSAGE_KINDS = ['QUESTION', 'ADVICE', 'INFO_REQUEST', 'REPLY', 'NOTE'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** One message of the conversation: who wrote it, as which role of which organisation, and when. */
export const messageSchema = z.object({
  /** The conversation version the message was written at. */
  version: z.number().int().positive(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string().max(MAX_MESSAGE),
  outcome: adviceOutcomeSchema.optional(),
  attachments: z.array(attachmentRefSchema),
  author: actorSchema,
  at: z.iso.datetime({ offset: true }),
});
export type AdviceMessage = z.infer<typeof messageSchema>;

/** The conversation aggregate, as its workflow holds it (the source of truth). */
export const conversationSchema = z.object({
  ubrn: ubrnSchema,
  version: z.number().int().positive(),
  state: adviceStateSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  /** When the UBRN expires and the content is deleted (creation + policy.ubrnExpiryDays, time-scaled). */
  expiresAt: z.iso.datetime({ offset: true }),
  patient: patientSchema,
  requester: referrerSchema,
  service: adviceServiceSchema,
  /** The requester's "I will ensure adequate clinical information is supplied": the provider may convert. */
  conversionAllowed: z.boolean(),
  responseWorkingDays: z.number().int().min(1).max(30),
  /** The date the provider should answer by, while the conversation is with the provider. */
  responseDueBy: z.iso.date().optional(),
  /** The latest advice's outcome. */
  outcome: adviceOutcomeSchema.optional(),
  messages: z.array(messageSchema).max(MAX_MESSAGES),
  /** Who converted it into a referral (same UBRN), and when. */
  conversion: z.object({ by: z.enum(['PROVIDER', 'REFERRER']), at: z.iso.datetime({ offset: true }) }).optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** What a referring clinician sends to ask for advice; state, version and dates are derived. */
export const askInputSchema = z.object({
  /** Allocated from the referrals' UBRN sequence before the workflow starts (id advice-<UBRN>). */
  ubrn: ubrnSchema,
  patient: patientSchema,
  requester: referrerSchema,
  service: adviceServiceSchema,
  question: questionSchema,
  attachments: attachmentsSchema,
  conversionAllowed: z.boolean({ error: 'Say whether the provider may convert this request into a referral' }),
  responseWorkingDays: z.number().int().min(1).max(30).default(DEFAULT_RESPONSE_WORKING_DAYS),
});
export type AskInput = z.infer<typeof askInputSchema>;
export type AskInputRaw = z.input<typeof askInputSchema>;
