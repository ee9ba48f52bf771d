import { z } from 'zod';
import { nhsNumberSchema } from '../ids';
import { patientSchema, sexSchema } from '../referral';

/**
 * A person as a demographics service knows them: who they are and where they live. The
 * referral's patient details are copied from it when the referrer confirms the patient found.
 */
export const demographicRecordSchema = z.object({
  nhsNumber: nhsNumberSchema,
  givenName: patientSchema.shape.givenName,
  familyName: patientSchema.shape.familyName,
  dateOfBirth: patientSchema.shape.dateOfBirth,
  sex: sexSchema,
  /** The postal address without its postcode, lines joined by ", ". */
  address: z.string().trim().min(1, 'Enter the address').max(500, 'Address must be 500 characters or fewer'),
  postcode: patientSchema.shape.postcode,
  /** The GP practice the person is registered with (ODS code), when the service says. */
  registeredPracticeCode: patientSchema.shape.registeredPracticeCode.optional(),
});
export type DemographicRecord = z.infer<typeof demographicRecordSchema>;

/**
 * The port every demographics source implements: Carepath's own `patients` table
 * (`services/patients/local-directory.ts`), or the national Personal Demographics Service
 * (`services/patients/pds-directory.ts`, the adapter's documented shape). Both answer one
 * question: who has this NHS number? Undefined when nobody does (or the record is restricted,
 * which a caller must not be able to tell apart).
 */
export interface PatientDirectory {
  /** Where the answer came from, as the referral page names it. */
  readonly source: 'LOCAL' | 'PDS';
  findByNhsNumber(nhsNumber: string): Promise<DemographicRecord | undefined>;
}
