import type { Context } from 'hono';
import type { Priority } from '../../../domain/priorities';
import type { Patient, Service } from '../../../domain/referral';
import { CarepathError } from '../../../domain/errors';
import type { DirectoryService, SearchResult } from '../../../services/directory/directory.service';
import type { ReferralDraft } from '../../../services/referrals/referrals.service';
import { csrfField } from '../../auth/middleware';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { type ShortlistLinks, ShortlistPage, draftLinks } from './shortlist.page';

// Only these come from the query string. The patient's age, sex and postcode come from the
// draft on the server, so no personal data is ever put in a URL.
const SEARCH_KEYS = ['specialtyCode', 'clinicalTerm', 'clinician', 'maxDistanceKm', 'includeAllAgesAndSexes'];

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
};

/** Step 2's content: the shortlist so far and, when asked, a Directory of Services search. */
export function searchStep(directory: DirectoryService, c: Context, draft: ReferralDraft) {
  return shortlistSearch(directory, c, {
    priority: draft.details.priority,
    patient: draft.details.patient,
    shortlist: draft.shortlist,
    links: draftLinks(draft.id),
  });
}

/** The shortlist and a Directory of Services search: the create journey's step 2, and "Change shortlist". */
export async function shortlistSearch(directory: DirectoryService, c: Context, source: ShortlistSource) {
  const query = c.req.query();
  const values: Record<string, string> = {};
  for (const key of SEARCH_KEYS) if (typeof query[key] === 'string') values[key] = query[key]!;
  const search = new URLSearchParams(values).toString();
  let results: SearchResult[] | undefined;
  let errors: FieldErrors = { ...source.errors };
  if (Object.keys(values).length > 0) {
    const patient = source.patient;
    const now = new Date();
    try {
      results = await directory.search(c.get('actor'), {
        ...values,
        priority: source.priority,
        patientAge: ageOn(patient.dateOfBirth, now),
        patientSex: patient.sex,
        postcode: patient.postcode,
      });
    } catch (error) {
      if (!(error instanceof CarepathError && error.code === 'VALIDATION')) throw error;
      errors = { ...errors, ...error.fields };
    }
  }
  const specialties = await directory.specialties();
  return (
    <>
      <ErrorSummary errors={errors} />
      <ShortlistPage
        links={source.links}
        csrf={csrfField(c)}
        specialties={specialties}
        values={values}
        errors={errors}
        results={results}
        shortlist={source.shortlist}
        search={search ? `?${search}` : ''}
      />
    </>
  );
}
