import { describe } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { FIND_PERMISSIONS } from './permissions';

// The specification, written out independently of permissions.ts.
describe('finding referrals and reprinting letters', () => {
  expectExhaustive(FIND_PERMISSIONS, {
    findReferral: ['B1101', 'B1102', 'B1103', 'B1110', 'B1115', 'B1120'],
    listOrganisationReferrals: ['B1101', 'B1102', 'B1103'],
    reprintPatientLetter: ['B1101', 'B1102', 'B1103'],
  });
});
