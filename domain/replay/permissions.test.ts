import { describe } from 'vitest';
import { expectExhaustive } from '../../tests/helpers/permission-table';
import { REPLAY_PERMISSIONS } from './permissions';

// The specification, written out independently of permissions.ts: trainers replay, masked;
// only operations engineers fetch from Temporal and see the patient (decision 0021).
describe('replay permissions', () => {
  expectExhaustive(REPLAY_PERMISSIONS, {
    replayHistory: ['CP0002', 'CP0003'],
    exportHistory: ['CP0002'],
    seePersonalData: ['CP0002'],
  });
});
