import type { PermissionTable } from '../permissions';
import { type RoleCode, TRAINER_ROLE } from '../roles';

// Carepath's own Trainer role, which exists only in a training space (decision 0020).
const TRAINERS: readonly RoleCode[] = [TRAINER_ROLE];

export const TRAINING_ACTIONS = ['playScenarios', 'resetTrainingSpace'] as const;
export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

/** Who may run the training space: read by the training service and its routes. */
export const TRAINING_PERMISSIONS: PermissionTable<TrainingAction> = {
  playScenarios: { roles: TRAINERS, label: 'play training scenarios' },
  resetTrainingSpace: { roles: TRAINERS, label: 'reset the training space' },
};
