import { describe, expect, it } from 'vitest';
import { type PdsPatient, fromPdsPatient, pdsPatientDirectory } from './pds-directory';

// The shape of PDS FHIR's sandbox answer for test patient 9000000009, trimmed to what Carepath reads.
const PATIENT: PdsPatient = {
  resourceType: 'Patient',
  id: '9000000009',
  gender: 'female',
  birthDate: '2010-10-22',
  name: [
    { use: 'usual', given: ['Jane', 'Anne'], family: 'Smith' },
    { use: 'old', given: ['Jane'], family: 'Jones', period: { end: '2009-01-01' } },
  ],
  address: [
    { use: 'home', line: ['1 Trevelyan Square', 'Boar Lane', 'City Centre', 'Leeds'], postalCode: 'LS1 6AE' },
    { use: 'temp', line: ['2 Other Street'], postalCode: 'LS2 7AA', period: { end: '2020-01-01' } },
  ],
  generalPractitioner: [{ identifier: { value: 'Y12345' } }],
};

describe('the PDS adapter', () => {
  it('maps a PDS Patient to a demographic record: usual name, home address, registered practice', () => {
    expect(fromPdsPatient(PATIENT)).toEqual({
      nhsNumber: '9000000009',
      givenName: 'Jane Anne',
      familyName: 'Smith',
      dateOfBirth: '2010-10-22',
      sex: 'female',
      address: '1 Trevelyan Square, Boar Lane, City Centre, Leeds',
      postcode: 'LS1 6AE',
      registeredPracticeCode: 'Y12345',
    });
  });

  it('treats a restricted record, or one without an address, as not found', () => {
    expect(fromPdsPatient({ ...PATIENT, meta: { security: [{ code: 'R' }] } })).toBeUndefined();
    expect(fromPdsPatient({ ...PATIENT, address: [] })).toBeUndefined();
  });

  it('asks GET /Patient/{nhsNumber} with a token and a request id, and reads 404 as not found', async () => {
    const asked: { url: string; headers: Record<string, string> }[] = [];
    // PDS is outside Carepath: the one thing a test may stand in for.
    const fetch = (async (url: string, init: { headers: Record<string, string> }) => {
      asked.push({ url, headers: init.headers });
      return url.endsWith('/9000000009')
        ? new Response(JSON.stringify(PATIENT), { status: 200 })
        : new Response('{}', { status: 404 });
    }) as unknown as typeof globalThis.fetch;
    const pds = pdsPatientDirectory({
      baseUrl: 'https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4',
      accessToken: async () => 'token',
      requestId: () => 'request-1',
      fetch,
    });
    expect((await pds.findByNhsNumber('9000000009'))?.familyName).toBe('Smith');
    expect(await pds.findByNhsNumber('9434765919')).toBeUndefined();
    expect(asked[0]).toEqual({
      url: 'https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4/Patient/9000000009',
      headers: { authorization: 'Bearer token', 'x-request-id': 'request-1', accept: 'application/fhir+json' },
    });
  });
});
