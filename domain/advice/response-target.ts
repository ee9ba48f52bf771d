import { z } from 'zod';
import { DEFAULT_RESPONSE_WORKING_DAYS } from './conversation';

/** The longest response-time target a service may set: four working weeks. */
export const MAX_RESPONSE_TARGET_DAYS = 20;

const RANGE_MESSAGE = `Response target must be a whole number of working days from 1 to ${MAX_RESPONSE_TARGET_DAYS}`;

/**
 * The response-target form: working days as typed (digits only, so "2.5", "1e1" or "two" are
 * refused rather than rounded), from 1 to 20.
 */
export const responseTargetFormSchema = z.object({
  workingDays: z
    .string({ error: 'Enter the response target in working days' })
    .trim()
    .min(1, 'Enter the response target in working days')
    .regex(/^\d+$/, RANGE_MESSAGE)
    .transform(Number)
    .pipe(z.number().int().min(1, RANGE_MESSAGE).max(MAX_RESPONSE_TARGET_DAYS, RANGE_MESSAGE)),
});

/** A service's target as the page lists it: its own, else the default. */
export function effectiveResponseTarget(own: number | null | undefined): { workingDays: number; isDefault: boolean } {
  return own == null
    ? { workingDays: DEFAULT_RESPONSE_WORKING_DAYS, isDefault: true }
    : { workingDays: own, isDefault: false };
}
