import type { FieldErrors } from '../../components/forms';

/** The details page's inputs, top to bottom: its error summary lists problems in this order. */
export const DETAILS_FIELD_ORDER = [
  'referrer-clinicianUserId',
  'patient-nhsNumber',
  'patient-givenName',
  'patient-familyName',
  'patient-dateOfBirth',
  'patient-sex',
  'patient-address',
  'patient-postcode',
  'patient-phone',
  'patient-email',
  'patient-registeredPracticeCode',
  'priority',
  'specialty',
  'clinicType',
  'reason',
  'clinicalInformation',
  'letter-status',
  'letter-file',
] as const;

/**
 * The errors in the order their fields appear on the page (NHS.UK: the summary follows the
 * page), whatever order the checks found them in. Fields not in `order` come last, as found.
 */
export function inPageOrder(errors: FieldErrors, order: readonly string[] = DETAILS_FIELD_ORDER): FieldErrors {
  const rank = (field: string) => {
    const i = order.findIndex((f) => field === f || field.endsWith(`-${f}`));
    return i === -1 ? order.length : i;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
