import type { DetailsInput, DraftDetails } from '../../../services/referrals/referrals.service';
import { readDate } from '../../components/date-input';
import type { FieldErrors } from '../../components/forms';
import { typedValues } from '../action-input';

type Body = Record<string, string | File>;

/** The details page as posted: the service's input, what was typed, and the date boxes' own problems. */
export type DetailsForm = { input: DetailsInput; values: Record<string, string>; errors: FieldErrors };

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

const sourceOf = (v: string | undefined) => (v === 'directory' || v === 'manual' ? v : undefined);

/** Which button the details page was posted with: a patient step (find, change, manual) or Continue. */
export function detailsOp(body: Body): 'find' | 'change' | 'manual' | 'continue' {
  const op = body.op;
  return op === 'find' || op === 'change' || op === 'manual' ? op : 'continue';
}

/** A draft's details as the details page's fields, to change them from "Check your answers". */
export function draftValues(details: DraftDetails): Record<string, string> {
  const p = details.patient;
  const [year, month, day] = p.dateOfBirth.split('-');
  const values: Record<string, string | undefined> = {
    'patient-source': p.verified ? 'directory' : 'manual',
    'patient-nhsNumber': p.nhsNumber,
    'patient-givenName': p.givenName,
    'patient-familyName': p.familyName,
    'patient-dateOfBirth-day': String(Number(day)),
    'patient-dateOfBirth-month': String(Number(month)),
    'patient-dateOfBirth-year': year,
    'patient-sex': p.sex,
    'patient-address': p.address,
    'patient-postcode': p.postcode,
    'patient-phone': p.phone,
    'patient-email': p.email,
    'patient-registeredPracticeCode': p.registeredPracticeCode,
    priority: details.priority,
    specialty: details.specialty,
    clinicType: details.clinicType,
    reason: details.reason,
    clinicalInformation: details.clinicalInformation,
    'letter-status': details.letter.status,
    'letter-documentId': details.letter.status === 'ATTACHED' ? details.letter.documentId : undefined,
    'referrer-clinicianUserId': details.clinicianUserId,
  };
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Reads the details page. Field names are the create schema's paths joined with '-', so the
 * service's messages land on the right fields without a mapping table. A letter stored by an
 * earlier submit is carried in a hidden field, so an error elsewhere never makes the user
 * choose the file again.
 */
export async function readDetailsForm(body: Body): Promise<DetailsForm> {
  const s = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const dateOfBirth = readDate(body, 'patient-dateOfBirth', 'Date of birth');
  const file = body['letter-file'];
  const input: DetailsInput = {
    details: {
      priority: blankToUndefined(s('priority')),
      patient: {
        nhsNumber: s('patient-nhsNumber') ?? '',
        givenName: s('patient-givenName') ?? '',
        familyName: s('patient-familyName') ?? '',
        dateOfBirth: dateOfBirth.iso ?? '',
        sex: blankToUndefined(s('patient-sex')),
        postcode: s('patient-postcode') ?? '',
        address: blankToUndefined(s('patient-address')),
        phone: blankToUndefined(s('patient-phone')),
        email: blankToUndefined(s('patient-email')),
        registeredPracticeCode: s('patient-registeredPracticeCode') ?? '',
      },
      specialty: s('specialty') ?? '',
      clinicType: blankToUndefined(s('clinicType')),
      reason: s('reason') ?? '',
      clinicalInformation: s('clinicalInformation') ?? '',
    },
    letter: {
      status: s('letter-status'),
      file: file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined,
      documentId: blankToUndefined(s('letter-documentId')),
    },
    clinicianUserId: s('referrer-clinicianUserId'),
    patientSource: sourceOf(s('patient-source')),
  };
  const errors: FieldErrors = dateOfBirth.error ? { 'patient-dateOfBirth': dateOfBirth.error } : {};
  return { input, values: typedValues(body), errors };
}
