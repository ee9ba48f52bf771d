import type { Selectable } from 'kysely';

export const ORGANISATION_TYPES = ['GP_PRACTICE', 'PROVIDER', 'COMMISSIONER'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** An organisation by its ODS code. The Directory of Services hangs services off providers by `ods_code`. */
export interface OrganisationTable {
  ods_code: string;
  name: string;
  type: OrganisationType;
  postcode: string | null;
  /** For GP practices: the commissioning area they belong to (the commissioner's ODS code). */
  commissioning_area: string | null;
}

export interface OrganisationTables {
  organisations: OrganisationTable;
}

export type Organisation = Selectable<OrganisationTable>;
