import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { upsertPatients } from '../../db/patients/patients.repository';
import type { DemographicRecord } from '../../domain/patients/patient-directory';
import { PATIENTS, testNhsNumber } from './seed-referrals';

const STREETS = [
  'Commercial Road',
  'Whitechapel Road',
  'Brick Lane',
  'Cable Street',
  'Mile End Road',
  'Ben Jonson Road',
];

/**
 * The demo demographics service: the patients of the demo referrals (same NHS numbers), and
 * three more with none yet, so a GP trying Carepath can find one and refer them.
 */
export const DEMO_PATIENTS: DemographicRecord[] = [
  ...PATIENTS.map(([givenName, familyName, dateOfBirth, sex], i) => ({
    nhsNumber: testNhsNumber(i * 7 + 1),
    givenName,
    familyName,
    dateOfBirth,
    sex,
    address: `${10 + i} ${STREETS[i % STREETS.length]}, London`,
    postcode: 'E1 1BB',
    registeredPracticeCode: 'F84001',
  })),
  ...(
    [
      ['Priya', 'Raman', '1963-08-12', 'female', '2 Wellington Street, Leeds', 'LS1 4DL'],
      ['Samuel', 'Okafor', '1952-04-30', 'male', '7 Cannon Street Road, London', 'E1 0BH'],
      ['Eleanor', 'Price', '1979-11-15', 'female', '31 Jubilee Street, London', 'E1 3BW'],
    ] as const
  ).map(([givenName, familyName, dateOfBirth, sex, address, postcode], i) => ({
    nhsNumber: i === 0 ? '9434765919' : testNhsNumber(500 + i * 10),
    givenName,
    familyName,
    dateOfBirth,
    sex,
    address,
    postcode,
    registeredPracticeCode: 'F84001',
  })),
];

export async function seedPatients(db: Kysely<Database>): Promise<string[]> {
  const count = await upsertPatients(db, DEMO_PATIENTS);
  return [`Demo demographics: ${count} patients (for example NHS number 943 476 5919, Priya Raman).`];
}
