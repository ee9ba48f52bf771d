import { z } from 'zod';
import { prioritySchema } from '../priorities';
import {
  adviceOutcomeSchema,
  adviceTextSchema,
  attachmentsSchema,
  infoRequestSchema,
  noteSchema,
  replyTextSchema,
} from './conversation';

/** The staff commands on a conversation, in the order their buttons are drawn. */
export const ADVICE_COMMAND_TYPES = [
  'RESPOND',
  'REQUEST_INFO',
  'REPLY',
  'CONVERT_BY_PROVIDER',
  'CONVERT_BY_REFERRER',
  'CLOSE',
  'CANCEL',
] as const;
export type AdviceCommandType = (typeof ADVICE_COMMAND_TYPES)[number];

export const ADVICE_ACTION_LABELS: Readonly<Record<AdviceCommandType, string>> = {
  RESPOND: 'Give advice',
  REQUEST_INFO: 'Ask for more information',
  REPLY: 'Reply',
  CONVERT_BY_PROVIDER: 'Convert to a referral (to your Appointments for Booking)',
  CONVERT_BY_REFERRER: 'Convert to a referral',
  CLOSE: 'Close the conversation',
  CANCEL: 'Cancel the request',
};

const version = { expectedVersion: z.number().int().positive() };

export const adviceCommandSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('RESPOND'),
      ...version,
      text: adviceTextSchema,
      outcome: adviceOutcomeSchema,
      attachments: attachmentsSchema,
    }),
    z.object({ type: z.literal('REQUEST_INFO'), ...version, text: infoRequestSchema, attachments: attachmentsSchema }),
    z.object({ type: z.literal('REPLY'), ...version, text: replyTextSchema, attachments: attachmentsSchema }),
    // The referral's priority: the provider chooses it for the list it books from.
    z.object({ type: z.literal('CONVERT_BY_PROVIDER'), ...version, priority: prioritySchema }),
    z.object({ type: z.literal('CONVERT_BY_REFERRER'), ...version }),
    z.object({ type: z.literal('CLOSE'), ...version, note: noteSchema }),
    z.object({ type: z.literal('CANCEL'), ...version, note: noteSchema }),
  ],
  { error: 'Choose an action' },
);
export type AdviceCommand = z.infer<typeof adviceCommandSchema>;
export type AdviceCommandInput = z.input<typeof adviceCommandSchema>;
export type AdviceCommandOf<T extends AdviceCommandType> = Extract<AdviceCommandInput, { type: T }>;
