import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import { DirectoryError } from '../../../db/directory/directory-error';
import { type SearchResult, searchServices } from '../../../db/directory/search';
import type { getDraft } from '../../../db/referral-drafts/drafts.repository';
import { csrfField } from '../../auth/middleware';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { ShortlistPage } from './shortlist.page';

type Draft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;

// Only these come from the query string. The patient's age, sex and postcode come from the
// draft on the server, so no personal data is ever put in a URL.
const SEARCH_KEYS = ['specialtyCode', 'clinicalTerm', 'clinician', 'maxDistanceKm', 'includeAllAgesAndSexes'];

function ageOn(dateOfBirth: string, now: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const age = now.getUTCFullYear() - y;
  const birthdayPassed = now.getUTCMonth() + 1 > m || (now.getUTCMonth() + 1 === m && now.getUTCDate() >= d);
  return birthdayPassed ? age : age - 1;
}

/** Step 2's content: the shortlist so far and, when asked, a Directory of Services search. */
export async function searchStep(db: Kysely<Database>, c: Context, draft: Draft) {
  const query = c.req.query();
  const values: Record<string, string> = {};
  for (const key of SEARCH_KEYS) if (typeof query[key] === 'string') values[key] = query[key]!;
  const search = new URLSearchParams(values).toString();
  let results: SearchResult[] | undefined;
  let errors: FieldErrors = {};
  if (Object.keys(values).length > 0) {
    const patient = draft.details.patient;
    const now = new Date();
    try {
      results = await searchServices(
        db,
        {
          ...values,
          priority: draft.details.priority,
          patientAge: ageOn(patient.dateOfBirth, now),
          patientSex: patient.sex,
          postcode: patient.postcode,
        },
        { referrerOrgCode: c.get('actor').orgCode, now, limit: 50 },
      );
    } catch (error) {
      if (!(error instanceof DirectoryError && error.code === 'VALIDATION')) throw error;
      errors = error.fields;
    }
  }
  const specialties = await db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute();
  return (
    <>
      <ErrorSummary errors={errors} />
      <ShortlistPage
        draftId={draft.id}
        csrf={csrfField(c)}
        specialties={specialties}
        values={values}
        errors={errors}
        results={results}
        shortlist={draft.shortlist}
        search={search ? `?${search}` : ''}
      />
    </>
  );
}
