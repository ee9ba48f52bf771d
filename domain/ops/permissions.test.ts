import { describe } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { OPS_PERMISSIONS } from './permissions';

// The specification, written out independently of permissions.ts.
describe('operations permissions', () => {
  expectExhaustive(OPS_PERMISSIONS, {
    viewOps: ['CP0002'],
    decodePayloads: ['CP0002'],
  });
});
