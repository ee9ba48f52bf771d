import { z } from 'zod';
import { createReferralInputSchema } from '../../domain/create-referral';

/**
 * What the first page of "create a referral" collects: the domain's own create schema minus
 * what later pages add (shortlist) and what the server supplies (UBRN, referrer).
 */
export const referralDetailsSchema = createReferralInputSchema.pick({
  priority: true,
  patient: true,
  specialty: true,
  clinicType: true,
  reason: true,
  clinicalInformation: true,
  letter: true,
});
export type ReferralDetails = z.infer<typeof referralDetailsSchema>;
