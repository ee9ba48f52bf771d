import { describe } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { REPORT_PERMISSIONS } from './permissions';

// The specification, written out independently of permissions.ts: the Information Analyst only.
describe('reports permissions', () => {
  expectExhaustive(REPORT_PERMISSIONS, {
    viewDashboard: ['B1130'],
    extractActions: ['B1130'],
    extractActiveReferrals: ['B1130'],
    extractSlotIssues: ['B1130'],
    extractSlots: ['B1130'],
    extractAdviceRequests: ['B1130'],
    extractUserRoles: ['B1130'],
  });
});
