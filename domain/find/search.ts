import { CarepathError } from '../errors';
import { nhsNumberProblem, normaliseNhsNumber } from '../ids';

/** What a search asks for: one referral by its booking reference, a patient's by NHS number, or by surname and birth date. */
export type FindQuery =
  | { kind: 'ubrn'; ubrn: string }
  | { kind: 'nhsNumber'; nhsNumber: string }
  | { kind: 'patient'; familyName: string; dateOfBirth: string };

export type FindKind = FindQuery['kind'];

/** At most this many results, most recently changed first: enough for one patient's referrals. */
export const FIND_RESULT_LIMIT = 50;

/** "All my organisation's referrals": every open one, and those that ended this recently. */
export const RECENT_DAYS = 90;

/** A page of the organisation's referrals. */
export const ORGANISATION_PAGE_SIZE = 25;

// Letters of any alphabet, spaces, hyphens, apostrophes and full stops ("O'Neil", "St. John").
const SURNAME = /^[\p{L}\p{M}' .’-]{1,100}$/u;

/**
 * Reads the one search box: 12 digits are a booking reference, 10 an NHS number (spaces and
 * dashes ignored), anything else a surname, which needs the date of birth beside it. Refuses
 * with VALIDATION naming the field (`q` or `dob`), so the form can say what to fix.
 */
export function findQueryOf(input: { q: string; dateOfBirth?: string | undefined }): FindQuery {
  const q = input.q.trim();
  if (q === '') throw field('q', 'Enter a booking reference, an NHS number or a surname');
  const digits = normaliseNhsNumber(q);
  if (/^\d+$/.test(digits)) {
    if (digits.length === 12) return { kind: 'ubrn', ubrn: digits };
    if (digits.length !== 10) throw field('q', 'Enter a 12-digit booking reference or a 10-digit NHS number');
    const problem = nhsNumberProblem(digits);
    if (problem) throw field('q', problem);
    return { kind: 'nhsNumber', nhsNumber: digits };
  }
  if (!SURNAME.test(q)) throw field('q', 'Surname must only include letters, spaces, hyphens and apostrophes');
  if (!input.dateOfBirth) throw field('dob', 'Enter the patient’s date of birth to search by surname');
  return { kind: 'patient', familyName: q, dateOfBirth: input.dateOfBirth };
}

const field = (name: string, message: string) => CarepathError.forField('VALIDATION', message, name);
