import type { PermissionTable } from '../permissions';
import type { RoleCode } from '../roles';

// Operations engineers, who already read decoded payloads in the Temporal UI (decision 0011),
// and trainers (CP0003, in a training space only), who see every case masked.
const REPLAYERS: readonly RoleCode[] = ['CP0002', 'CP0003'];

export const REPLAY_ACTIONS = ['replayHistory', 'exportHistory', 'seePersonalData'] as const;
export type ReplayAction = (typeof REPLAY_ACTIONS)[number];

/** Who may walk through a workflow history, fetch one from Temporal, and see its patient unmasked. */
export const REPLAY_PERMISSIONS: PermissionTable<ReplayAction> = {
  replayHistory: { roles: REPLAYERS, label: 'replay a workflow history step by step' },
  exportHistory: { roles: ['CP0002'], label: 'download a referral’s workflow history' },
  // Unmasked only where the codec would show the same payloads; never in the training space.
  seePersonalData: { roles: ['CP0002'], label: 'see the patient’s details in a replayed history' },
};
