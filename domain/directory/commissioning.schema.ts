import { z } from 'zod';

/** A commissioner's rule: one service, visible to their area's referrers from one date, until another or for good. */
export const commissioningRuleInputSchema = z
  .object({
    serviceId: z.coerce.number({ error: 'Choose a service' }).int().positive('Choose a service'),
    startsOn: z.iso.date({ error: 'Enter a real start date' }),
    endsOn: z
      .union([z.literal(''), z.iso.date({ error: 'Enter a real end date, or leave it empty' })])
      .transform((v) => v || undefined)
      .optional(),
  })
  .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, {
    path: ['endsOn'],
    message: 'The end date must be on or after the start date',
  });

export const commissioningEndDateSchema = z.iso.date({ error: 'Enter a real end date' });
