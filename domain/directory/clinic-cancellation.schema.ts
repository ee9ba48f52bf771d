import { z } from 'zod';
import { timeSchema } from './service.schema';

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const optionalTime = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  timeSchema.optional(),
);

/** A clinic to cancel: a service's slots on one day, optionally between two UK times and of one clinician. */
export const clinicCancellationSchema = z
  .object({
    serviceId: z.coerce.number({ error: 'Choose the service' }).int().positive('Choose the service'),
    date: z.iso.date({ error: 'Enter the date of the clinic' }),
    fromTime: optionalTime,
    toTime: optionalTime,
    clinician: optionalText,
  })
  // Times are zero-padded 24-hour strings, so text order is time order.
  .refine((v) => !v.fromTime || !v.toTime || v.toTime > v.fromTime, {
    path: ['toTime'],
    message: 'The end time must be after the start time',
  });
export type ClinicCancellation = z.infer<typeof clinicCancellationSchema>;
