import { END_STATES } from '../../domain/states';
import { type DemographicRecord, demographicRecordSchema } from '../../domain/patients/patient-directory';
import type { Executor } from '../executor';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The person with this NHS number in the local demographics table, if any. */
export async function findPatient(db: Executor, nhsNumber: string): Promise<DemographicRecord | undefined> {
  const row = await db.selectFrom('patients').selectAll().where('nhs_number', '=', nhsNumber).executeTakeFirst();
  if (!row) return undefined;
  // Parsed, so a row written by hand that no longer fits is treated as not found, not shown half-right.
  const parsed = demographicRecordSchema.safeParse({
    nhsNumber: row.nhs_number,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: isoDate(row.date_of_birth),
    sex: row.sex,
    address: row.address,
    postcode: row.postcode,
    ...(row.registered_practice_code ? { registeredPracticeCode: row.registered_practice_code } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** Adds or replaces people by NHS number, in one statement. */
export async function upsertPatients(db: Executor, records: readonly DemographicRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  await db
    .insertInto('patients')
    .values(
      records.map((r) => ({
        nhs_number: r.nhsNumber,
        given_name: r.givenName,
        family_name: r.familyName,
        date_of_birth: r.dateOfBirth,
        sex: r.sex,
        address: r.address,
        postcode: r.postcode,
        registered_practice_code: r.registeredPracticeCode ?? null,
      })),
    )
    .onConflict((oc) =>
      oc.column('nhs_number').doUpdateSet((eb) => ({
        given_name: eb.ref('excluded.given_name'),
        family_name: eb.ref('excluded.family_name'),
        date_of_birth: eb.ref('excluded.date_of_birth'),
        sex: eb.ref('excluded.sex'),
        address: eb.ref('excluded.address'),
        postcode: eb.ref('excluded.postcode'),
        registered_practice_code: eb.ref('excluded.registered_practice_code'),
        updated_at: new Date(),
      })),
    )
    .execute();
  return records.length;
}

/** A referral of this patient that is still open (not cancelled, not expired), with its snapshot for the relationship check. */
export async function openReferralsOf(db: Executor, nhsNumber: string, specialty: string) {
  return db
    .selectFrom('referrals')
    .select(['ubrn', 'state', 'created_at', 'snapshot'])
    .where('nhs_number', '=', nhsNumber)
    .where('specialty', '=', specialty)
    .where('state', 'not in', [...END_STATES])
    .where('expired', '=', false)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
}
