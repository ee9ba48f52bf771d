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

/** What a draft stores: the details and the clinician the referral is made in the name of. */
export type DraftDetails = z.infer<typeof referralDetailsSchema> & { clinicianUserId: string };
export type ReferralDetails = z.infer<typeof referralDetailsSchema>;
