import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import { TRAINER_ROLE } from '../../domain/roles';
import { parseScenario } from '../../domain/training/scenario-file';
import type { Scenario } from '../../domain/training/scenario.schema';
import {
  type SeededCast,
  addSlot,
  clearTrainingSpace,
  seedCast,
  trainingWorkflowIds,
} from '../../db/training/training.repository';
import type { ServiceDeps } from '../deps';
import { hashPassword } from '../identity/passwords';
import { newTotpSecret } from '../identity/totp';
import { scenarioMs } from './scenario-player';

/** The cast's password in every training space: made-up people, printed on the trainer's page. */
export const TRAINING_PASSWORD = 'carepath-training';

/** Where the shipped scenarios live. */
export const SCENARIOS_DIR = resolve(import.meta.dirname, '../../scenarios');

/** A scenario file read and checked: ScenarioFileError (file, line, field) when it is wrong. */
export function loadScenarioFile(path: string): Scenario {
  const shown = relative(process.cwd(), path) || basename(path);
  return parseScenario(shown, readFileSync(path, 'utf8'));
}

/** The scenario files of a folder, by file name. */
export function scenarioFiles(dir = SCENARIOS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Ends every workflow of the training space (its referrals and advice conversations, found in
 * its own tables, so nothing of another namespace or database is touched), then clears it.
 */
export async function resetTrainingSpace(deps: Pick<ServiceDeps, 'db' | 'temporal'>): Promise<number> {
  const ids = await trainingWorkflowIds(deps.db);
  let ended = 0;
  for (const id of ids) {
    try {
      await deps.temporal.workflow.getHandle(id).terminate('training space reset');
      ended++;
    } catch (error) {
      // Already ended (completed, expired) or never started: nothing to stop.
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  await clearTrainingSpace(deps.db, TRAINER_ROLE);
  return ended;
}

/** Seeds the scenario's cast, patients, services and their slots (placed in scenario time from now). */
export async function setUpScenario(deps: ServiceDeps, scenario: Scenario): Promise<SeededCast> {
  const cast = await seedCast(deps.db, scenario, {
    passwordHash: await hashPassword(TRAINING_PASSWORD),
    newSecret: newTotpSecret,
  });
  const now = Date.now();
  for (const s of scenario.services) {
    if (!s.slots) continue;
    const first = scenarioMs(deps.policy, s.slots.firstIn);
    const every = scenarioMs(deps.policy, s.slots.every);
    for (let i = 0; i < s.slots.count; i++) {
      await addSlot(deps.db, cast.services.get(s.key)!, new Date(now + first + i * every), s.slots.minutes);
    }
  }
  return cast;
}
