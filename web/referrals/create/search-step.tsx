import type { Context } from 'hono';
import type { Priority } from '../../../domain/priorities';
import type { Patient, Service } from '../../../domain/referral';
import { CarepathError } from '../../../domain/errors';
import type { DirectoryService, SearchResult } from '../../../services/directory/directory.service';
import type { ReferralDraft } from '../../../services/referrals/referrals.service';
import { csrfField } from '../../auth/middleware';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { statusOf } from '../../errors';
import { type SearchValues, type ShortlistLinks, ShortlistPage, draftLinks } from './shortlist.page';

// What the search form posts. A clinical term says something about the patient, so the search
// is a POST, like the Directory of Services search: nothing of it goes in a URL, the browser
// history or a server log. The patient's age and sex come from the server; the postcode starts
// as the patient's and may be changed (a patient staying elsewhere).
const SEARCH_KEYS = [
  'specialtyCode',
  'clinicTypeCode',
  'postcode',
  'clinicalTerm',
  'clinician',
  'maxDistanceKm',
  'includeAllAgesAndSexes',
];

/** The search a shortlist page opens with: the referral's specialty and clinic type, near the patient. */
export function contextSearch(context: {
  specialty: string;
  clinicType?: string | undefined;
  patient: Pick<Patient, 'postcode'>;
}): SearchValues {
  return {
    specialtyCode: context.specialty,
    ...(context.clinicType ? { clinicTypeCode: context.clinicType } : {}),
    postcode: context.patient.postcode,
  };
}

/** The search a shortlist page's form posted, carried again in its Add and Remove forms; empty when none. */
export function searchOf(body: Record<string, unknown>): SearchValues {
  const values: SearchValues = {};
  for (const key of SEARCH_KEYS) if (typeof body[key] === 'string') values[key] = body[key];
  return values;
}

function ageOn(dateOfBirth: string, now: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const age = now.getUTCFullYear() - y;
  const birthdayPassed = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return birthdayPassed ? age : age - 1;
}

/** What a shortlist search needs: who the patient is (server-side only), the list so far, and where forms go. */
export type ShortlistSource = {
  priority: Priority;
  patient: Pick<Patient, 'dateOfBirth' | 'sex' | 'postcode'>;
  shortlist: Service[];
  links: ShortlistLinks;
  /** Problems with the shortlist itself (e.g. refused on submit), shown above the page. */
  errors?: FieldErrors | undefined;
  /** The search to run and show; none when empty. */
  search: SearchValues;
};

/** Step 2's content: the shortlist so far and the results of `search` (the draft's specialty at first). */
export function searchStep(directory: DirectoryService, c: Context, draft: ReferralDraft, search?: SearchValues) {
  return shortlistSearch(directory, c, {
    priority: draft.details.priority,
    patient: draft.details.patient,
    shortlist: draft.shortlist,
    links: draftLinks(draft.id),
    search: search ?? contextSearch(draft.details),
  });
}

/**
 * The shortlist and a Directory of Services search: the create journey's step 2, and "Change
 * shortlist". The status is 422 when the search itself was wrong.
 */
export async function shortlistSearch(directory: DirectoryService, c: Context, source: ShortlistSource) {
  const values = source.search;
  let results: SearchResult[] | undefined;
  let errors: FieldErrors = { ...source.errors };
  let searchRefused = false;
  if (Object.keys(values).length > 0) {
    const patient = source.patient;
    const now = new Date();
    try {
      results = await directory.search(c.get('actor'), {
        ...values,
        priority: source.priority,
        patientAge: ageOn(patient.dateOfBirth, now),
        patientSex: patient.sex,
        // The postcode field as the user left it; never shown: the patient's.
        postcode: values.postcode ?? patient.postcode,
      });
    } catch (error) {
      if (!(error instanceof CarepathError && error.code === 'VALIDATION')) throw error;
      errors = { ...errors, ...error.fields };
      searchRefused = true;
    }
  }
  const codes = await directory.codeLists();
  const content = (
    <>
      <ErrorSummary errors={errors} />
      <ShortlistPage
        links={source.links}
        csrf={csrfField(c)}
        codes={codes}
        values={values}
        errors={errors}
        results={results}
        shortlist={source.shortlist}
      />
    </>
  );
  return { content, status: searchRefused ? statusOf('VALIDATION') : 200 } as const;
}
