import type { Kysely } from 'kysely';
import type { Actor } from '../../../domain/actor';
import type { Database } from '../../../db/database';
import { getDocument, letterProblem, storeLetter } from '../../../db/documents/documents.repository';
import { type ReferralDetails, referralDetailsSchema } from '../../../db/referral-drafts/draft.schema';
import type { FieldErrors } from '../../components/forms';
import { readDate } from '../../components/date-input';
import { fieldErrors } from '../../components/fields';

type Body = Record<string, string | File>;

export type DetailsResult =
  | { ok: true; details: ReferralDetails; clinicianUserId: string }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

/**
 * The details page's fields -> the domain's create schema. Field names are the schema paths
 * joined with '-', so zod's issues land on the right fields without a mapping table. A valid
 * letter is stored at once and carried in a hidden field, so an error elsewhere never makes
 * the user choose the file again.
 */
export async function parseDetails(
  db: Kysely<Database>,
  actor: Actor,
  body: Body,
  allowedClinicians: string[],
): Promise<DetailsResult> {
  const s = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const values = Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const errors: FieldErrors = {};

  let documentId = blankToUndefined(s('letter-documentId'));
  if (documentId) {
    const doc = await getDocument(db, documentId);
    // Only a letter this organisation uploaded may be carried over.
    if (doc?.org_code !== actor.orgCode) documentId = undefined;
  }
  const file = body['letter-file'];
  if (file instanceof File && file.size > 0) {
    const content = new Uint8Array(await file.arrayBuffer());
    const problem = letterProblem(content);
    if (problem) errors['letter-file'] = problem;
    else documentId = await storeLetter(db, { content, orgCode: actor.orgCode, uploadedBy: actor.userId });
  }
  if (documentId) values['letter-documentId'] = documentId;
  const letterStatus = s('letter-status');
  if (letterStatus === 'ATTACHED' && !documentId && !errors['letter-file']) {
    errors['letter-file'] = 'Select the referral letter, or choose that it will follow later';
  }

  const dateOfBirth = readDate(body, 'patient-dateOfBirth', 'Date of birth');
  if (dateOfBirth.error) errors['patient-dateOfBirth'] = dateOfBirth.error;

  const raw = {
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
    letter:
      letterStatus === 'ATTACHED'
        ? { status: 'ATTACHED', documentId: documentId ?? '' }
        : letterStatus === 'TO_FOLLOW'
          ? { status: 'TO_FOLLOW' }
          : undefined,
  };
  // Said in words before zod's generic "expected object" for the missing choice can claim the field.
  if (raw.letter === undefined) errors['letter-status'] = 'Choose whether the letter is attached now or follows';
  const parsed = referralDetailsSchema.safeParse(raw);
  if (!parsed.success) {
    const found = fieldErrors(parsed.error.issues, { letter: 'letter-status', 'letter-documentId': 'letter-file' });
    // A file problem found above says more than "attach the letter".
    for (const [field, message] of Object.entries(found)) errors[field] ??= message;
  }
  if (parsed.success && parsed.data.patient.dateOfBirth > new Date().toISOString().slice(0, 10)) {
    errors['patient-dateOfBirth'] = 'Date of birth must be in the past';
  }
  if (raw.specialty) {
    const known = await db
      .selectFrom('specialties')
      .select('code')
      .where('code', '=', raw.specialty)
      .executeTakeFirst();
    if (!known) errors.specialty = 'Choose a specialty from the list';
  }
  if (raw.clinicType) {
    const type = await db
      .selectFrom('clinic_types')
      .select('code')
      .where('specialty_code', '=', raw.specialty)
      .where('code', '=', raw.clinicType)
      .executeTakeFirst();
    if (!type) errors.clinicType = 'Choose a clinic type of the chosen specialty';
  }
  const clinicianUserId = allowedClinicians.length > 0 ? (s('referrer-clinicianUserId') ?? '') : actor.userId;
  if (allowedClinicians.length > 0 && !allowedClinicians.includes(clinicianUserId)) {
    errors['referrer-clinicianUserId'] = 'Choose the clinician you are referring for';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors, values };
  return { ok: true, details: parsed.data, clinicianUserId };
}
