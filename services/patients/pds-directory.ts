import {
  type DemographicRecord,
  type PatientDirectory,
  demographicRecordSchema,
} from '../../domain/patients/patient-directory';

/**
 * The adapter shape for the national Personal Demographics Service (PDS FHIR API, R4). It is
 * documented and its mapping tested, but nothing constructs it yet: using it needs an NHS
 * England onboarding (a registered application, a signed JWT exchanged for an access token,
 * and for user-restricted access a CIS2 session), none of which this project holds.
 *
 * - Request: `GET {baseUrl}/Patient/{nhsNumber}` with `Authorization: Bearer <token>`,
 *   `X-Request-ID: <uuid>` (one per request, for NHS England's audit) and
 *   `Accept: application/fhir+json`. baseUrl is
 *   `https://api.service.nhs.uk/personal-demographics/FHIR/R4` in production and
 *   `https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4` for the sandbox.
 * - 200: a FHIR `Patient` (mapped by `fromPdsPatient`). 404 (not found), 400 with
 *   `INVALID_RESOURCE_ID` (bad NHS number) and a restricted record (`meta.security` code `R`,
 *   which carries no address) are all "not found" to the caller, so a restricted patient's
 *   existence is not shown and the referrer types the details by hand.
 * - A superseded NHS number answers with the current record: its `id` differs from the number
 *   asked for, and the record is returned under the current number.
 * - 429 and 5xx: throw, so the service's outage wrapper reports UNAVAILABLE.
 */
export type PdsOptions = {
  baseUrl: string;
  /** A fresh access token for each call (the caller caches and refreshes it). */
  accessToken: () => Promise<string>;
  fetch: typeof globalThis.fetch;
  requestId: () => string;
};

/** The parts of a PDS FHIR Patient resource Carepath reads. */
export type PdsPatient = {
  resourceType: 'Patient';
  id: string;
  meta?: { security?: { code?: string }[] };
  gender?: 'male' | 'female' | 'other' | 'unknown';
  birthDate?: string;
  name?: { use?: string; given?: string[]; family?: string; period?: { end?: string } }[];
  address?: { use?: string; line?: string[]; postalCode?: string; period?: { end?: string } }[];
  generalPractitioner?: { identifier?: { value?: string } }[];
};

const current = <T extends { use?: string; period?: { end?: string } }>(items: T[] | undefined, use: string) =>
  items?.find((i) => i.use === use && !i.period?.end) ?? items?.find((i) => !i.period?.end);

/** A PDS Patient as a demographic record; undefined for a restricted record or one missing what a referral needs. */
export function fromPdsPatient(patient: PdsPatient): DemographicRecord | undefined {
  if (patient.meta?.security?.some((s) => s.code === 'R')) return undefined;
  const name = current(patient.name, 'usual');
  const address = current(patient.address, 'home');
  const practice = patient.generalPractitioner?.[0]?.identifier?.value;
  const parsed = demographicRecordSchema.safeParse({
    nhsNumber: patient.id,
    givenName: name?.given?.join(' '),
    familyName: name?.family,
    dateOfBirth: patient.birthDate,
    sex: patient.gender ?? 'unknown',
    address: address?.line?.filter(Boolean).join(', '),
    postcode: address?.postalCode,
    ...(practice ? { registeredPracticeCode: practice } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The PDS adapter: one GET per look-up. See the type's comment for the contract. */
export function pdsPatientDirectory(options: PdsOptions): PatientDirectory {
  return {
    source: 'PDS',
    async findByNhsNumber(nhsNumber) {
      const response = await options.fetch(`${options.baseUrl}/Patient/${encodeURIComponent(nhsNumber)}`, {
        headers: {
          authorization: `Bearer ${await options.accessToken()}`,
          'x-request-id': options.requestId(),
          accept: 'application/fhir+json',
        },
      });
      if (response.status === 404 || response.status === 400) return undefined;
      if (!response.ok) throw new Error(`PDS answered ${response.status}`);
      return fromPdsPatient((await response.json()) as PdsPatient);
    },
  };
}
