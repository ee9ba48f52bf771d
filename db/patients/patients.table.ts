import type { ColumnType } from 'kysely';

/** The local demographics service: one row per person (personal data; the database may hold it). */
export interface PatientTable {
  nhs_number: string;
  given_name: string;
  family_name: string;
  /** A `date`: comes back as Date from pg and PGlite; written as an ISO date. */
  date_of_birth: ColumnType<Date, string, string>;
  sex: string;
  address: string;
  postcode: string;
  registered_practice_code: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PatientTables {
  patients: PatientTable;
}
