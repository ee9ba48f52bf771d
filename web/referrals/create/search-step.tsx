import type { Context } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { Priority } from '../../../domain/priorities';
import type { Patient, Service } from '../../../domain/referral';
import type { Database } from '../../../db/database';
import { visibleToReferrer } from '../../../db/directory/commissioning';
import { CarepathError } from '../../../domain/errors';
import { type SearchResult, londonDate, searchServices } from '../../../db/directory/search';
import { getServiceSummary } from '../../../db/directory/services.repository';
import type { getDraft } from '../../../db/referral-drafts/drafts.repository';
import { csrfField } from '../../auth/middleware';
import { ErrorSummary, type FieldErrors } from '../../components/forms';
import { type ShortlistLinks, ShortlistPage, draftLinks } from './shortlist.page';

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

/** The DOS entry of a service this referrer's organisation may refer to today, else undefined. */
export async function referrableService(
  db: Kysely<Database>,
  orgCode: string,
  serviceId: string,
): Promise<Service | undefined> {
  const visible = await db
    .selectFrom('services as s')
    .select('s.id')
    .where(sql<boolean>`s.id::text = ${serviceId}`)
    .where(visibleToReferrer(orgCode, londonDate(new Date())))
    .executeTakeFirst();
  return visible ? await getServiceSummary(db, serviceId) : undefined;
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
export function searchStep(db: Kysely<Database>, c: Context, draft: Draft) {
  return shortlistSearch(db, c, {
    priority: draft.details.priority,
    patient: draft.details.patient,
    shortlist: draft.shortlist,
    links: draftLinks(draft.id),
  });
}

/** The shortlist and a Directory of Services search: the create journey's step 2, and "Change shortlist". */
export async function shortlistSearch(db: Kysely<Database>, c: Context, source: ShortlistSource) {
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
      results = await searchServices(
        db,
        {
          ...values,
          priority: source.priority,
          patientAge: ageOn(patient.dateOfBirth, now),
          patientSex: patient.sex,
          postcode: patient.postcode,
        },
        { referrerOrgCode: c.get('actor').orgCode, now, limit: 50 },
      );
    } catch (error) {
      if (!(error instanceof CarepathError && error.code === 'VALIDATION')) throw error;
      errors = { ...errors, ...error.fields };
    }
  }
  const specialties = await db.selectFrom('specialties').select(['code', 'name']).orderBy('name').execute();
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
