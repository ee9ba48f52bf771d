import { z } from 'zod';
import { prioritySchema } from '../priorities';

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => v || undefined)
    .optional();

/** Forms send an empty string for a field left empty. */
const blankAsUndefined = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const optionalNumber = (label: string, min: number, max: number) =>
  blankAsUndefined(
    z.coerce
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be ${min} or more`)
      .max(max, `${label} must be ${max} or fewer`)
      .optional(),
  );

/** UK postcode or just its district ("LS1 4AP" or "LS1"); search uses the district. */
const postcodeSchema = blankAsUndefined(
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}\d[A-Z\d]?( ?\d[A-Z]{2})?$/, 'Enter a real postcode, like LS1 4AP')
    .transform((v) => v.replace(/ ?\d[A-Z]{2}$/, ''))
    .optional(),
);

/**
 * A referrer's Directory of Services search. The rules of e-RS: a priority always; a
 * specialty, clinical term or named clinician; a distance limit needs a postcode; no
 * wait-time limit at two-week-wait (those patients must be seen within two weeks anyway).
 */
export const searchInputSchema = z
  .object({
    priority: prioritySchema,
    specialtyCode: optionalText(60, 'Choose a specialty from the list'),
    clinicTypeCode: optionalText(60, 'Choose a clinic type from the list'),
    clinicalTerm: optionalText(100, 'Clinical term must be 100 characters or fewer'),
    clinician: optionalText(100, 'Clinician name must be 100 characters or fewer'),
    patientAge: optionalNumber('Patient age', 0, 150),
    patientSex: z
      .enum(['female', 'male', 'other', 'unknown'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Show services whatever the patient's age and sex. */
    includeAllAgesAndSexes: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
    postcode: postcodeSchema,
    maxDistanceKm: optionalNumber('Distance', 1, 1000),
    maxWaitDays: optionalNumber('Wait', 1, 730),
    /** Unset: by distance when there is a postcode, else by wait. */
    sortBy: blankAsUndefined(z.enum(['distance', 'wait'], { error: 'Choose how to sort the results' }).optional()),
  })
  .superRefine((s, ctx) => {
    if (!s.specialtyCode && !s.clinicalTerm && !s.clinician) {
      ctx.addIssue({
        code: 'custom',
        path: ['specialtyCode'],
        message: 'Choose a specialty, or enter a clinical term or a clinician’s name',
      });
    }
    if (s.clinicTypeCode && !s.specialtyCode) {
      ctx.addIssue({ code: 'custom', path: ['clinicTypeCode'], message: 'Choose a specialty before a clinic type' });
    }
    if (s.maxDistanceKm !== undefined && !s.postcode) {
      ctx.addIssue({
        code: 'custom',
        path: ['postcode'],
        message: 'Enter the patient’s postcode to limit the distance',
      });
    }
    if (s.sortBy === 'distance' && !s.postcode) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Enter the patient’s postcode to sort by distance' });
    }
    if (s.maxWaitDays !== undefined && s.priority === 'TWO_WEEK_WAIT') {
      ctx.addIssue({
        code: 'custom',
        path: ['maxWaitDays'],
        message: 'Wait-time limits cannot be used for two week wait referrals',
      });
    }
    if (!s.includeAllAgesAndSexes && (s.patientAge === undefined || !s.patientSex)) {
      ctx.addIssue({
        code: 'custom',
        path: [s.patientAge === undefined ? 'patientAge' : 'patientSex'],
        message: 'Enter the patient’s age and sex, or choose to show services for all ages and sexes',
      });
    }
  });
export type SearchInput = z.infer<typeof searchInputSchema>;
