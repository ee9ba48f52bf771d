import { z } from 'zod';

const REQUEST_TYPES = ['DBS', 'IBS', 'TRIAGE', 'ADVICE'] as const;
export const requestTypeSchema = z.enum(REQUEST_TYPES, { error: 'Choose a request type' });
export type ServiceRequestType = z.infer<typeof requestTypeSchema>;

export type ServiceStatus = 'DRAFT' | 'PUBLISHED' | 'RETIRED';

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be ${min} or more`)
    .max(max, `${label} must be ${max} or fewer`);

/** An outward postcode (district), e.g. "LS1" or "SW1A". */
export const outcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, 'Enter the first part of a postcode, like LS1');

/**
 * A service definition as a service definer enters it. The triage rule is checked here
 * for a clear message and again by the database's check constraint.
 */
export const serviceInputSchema = z
  .object({
    name: text(120, 'Service name').min(3, 'Enter a service name of at least 3 characters'),
    requestTypes: z
      .array(requestTypeSchema, { error: 'Choose at least one request type' })
      .min(1, 'Choose at least one request type'),
    specialtyCode: z.string({ error: 'Choose a specialty' }).trim().min(1, 'Choose a specialty'),
    clinicTypeCode: z
      .string()
      .trim()
      .transform((v) => v || undefined)
      .optional(),
    location: text(200, 'Location').min(1, 'Enter where the service is held'),
    // For the patient's letter; optional, so services defined before them stay valid.
    address: text(300, 'Clinic address')
      .transform((v) => v || undefined)
      .optional(),
    telephone: z
      .string()
      .trim()
      .regex(/^(\+?[\d ]{7,20})?$/, 'Enter a telephone number, like 0113 243 2799')
      .transform((v) => v || undefined)
      .optional(),
    outcode: outcodeSchema,
    ageMin: wholeNumber('Lowest age treated', 0, 150),
    ageMax: wholeNumber('Highest age treated', 0, 150),
    sexTreated: z.enum(['ANY', 'FEMALE', 'MALE'], { error: 'Choose which sex the service treats' }),
    conditionsTreated: text(2000, 'Conditions treated'),
    exclusions: text(2000, 'Exclusions'),
    letterRequired: z.boolean(),
    indicativeWaitDays: wholeNumber('Indicative wait', 0, 730),
    clinicians: z.array(text(100, 'Clinician name').min(1)).max(50, 'Name at most 50 clinicians'),
    instructions: text(4000, 'Instructions for referrers'),
    national: z.boolean(),
    pollingRangeDays: wholeNumber('Polling range', 1, 365),
    // e-RS offers a reservation period of 0, 1 or 2 days (decision record 0015).
    reservationHours: z.coerce
      .number({ error: 'Reservation period must be a number' })
      .refine((h): boolean => [0, 24, 48].includes(h), 'Reservation period must be 0, 24 or 48 hours (0, 1 or 2 days)'),
  })
  .superRefine((s, ctx) => {
    const types = new Set(s.requestTypes);
    if (types.has('TRIAGE') && (types.has('DBS') || types.has('IBS'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestTypes'],
        message: 'A triage service cannot also offer appointments: choose triage or an appointment type',
      });
    } else if (types.has('DBS') && types.has('IBS')) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestTypes'],
        message: 'Choose directly bookable or indirectly bookable, not both',
      });
    }
    if (s.ageMax < s.ageMin) {
      ctx.addIssue({
        code: 'custom',
        path: ['ageMax'],
        message: 'Highest age must be the same as or more than lowest age',
      });
    }
  });
export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type SexTreated = ServiceInput['sexTreated'];

/** A service as stored: the definition its definer entered, whose it is, and where it stands. */
export type ServiceDefinition = ServiceInput & {
  id: number;
  providerOrgCode: string;
  status: ServiceStatus;
  /** The latest published version; 0 while it was never published. */
  version: number;
};

export const bookingWindowInputSchema = z
  .object({
    fromDays: wholeNumber('Booking window start', 0, 365),
    toDays: wholeNumber('Booking window end', 0, 365),
  })
  .refine((w) => w.toDays >= w.fromDays, { path: ['toDays'], message: 'The window must end on or after it starts' });

export const timeSchema = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time in 24-hour format, like 09:30');

/** A weekly clinic: `slotCount` consecutive slots of `slotMinutes` from `startTime` (UK local time). */
export const slotTemplateInputSchema = z.object({
  weekday: wholeNumber('Day', 1, 7),
  startTime: timeSchema,
  slotMinutes: wholeNumber('Slot length', 5, 240),
  slotCount: wholeNumber('Number of slots', 1, 48),
  clinician: text(100, 'Clinician').min(1, 'Enter the clinician who runs the clinic'),
});
export type SlotTemplateInput = z.infer<typeof slotTemplateInputSchema>;
