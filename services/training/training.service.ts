import { basename } from 'node:path';
import type { Actor } from '../../domain/actor';
import { CarepathError } from '../../domain/errors';
import { requirePermission } from '../../domain/permissions';
import { ROLES } from '../../domain/roles';
import { ScenarioFileError } from '../../domain/training/scenario-file';
import type { Scenario } from '../../domain/training/scenario.schema';
import { TRAINING_PERMISSIONS } from '../../domain/training/permissions';
import { isTrainingSpace } from '../../db/training/training.repository';
import type { ServiceDeps } from '../deps';
import { scenarioDeps } from './play';
import { type ReferralSnapshot, type ScenarioPlayer, type StepReport, scenarioPlayer } from './scenario-player';
import {
  SCENARIOS_DIR,
  TRAINING_PASSWORD,
  loadScenarioFile,
  resetTrainingSpace,
  scenarioFiles,
  setUpScenario,
} from './training-space';

export type RunStatus = 'ready' | 'playing' | 'paused' | 'done' | 'failed';

/** One cast member as the trainer hands them to a trainee. */
export type CastLogin = { username: string; name: string; roles: string[]; authenticatorSecret: string };

/** The trainer's page: the scenario being played, where it is, and every referral's state. */
export type TrainingRun = {
  file: string;
  title: string;
  description: string | undefined;
  timeScale: number;
  status: RunStatus;
  /** The step played next (0-based); equal to the step count when done. */
  position: number;
  steps: { summary: string; line: number | undefined; note: string | undefined; traineeActs: boolean }[];
  reports: StepReport[];
  problem: string | undefined;
  referrals: ReferralSnapshot[];
  cast: CastLogin[];
  password: string;
};

export type ScenarioListing = { name: string; title: string; description: string | undefined; steps: number };

type Run = {
  name: string;
  scenario: Scenario;
  player: ScenarioPlayer;
  cast: CastLogin[];
  status: RunStatus;
  reports: StepReport[];
  problem: string | undefined;
  /** Set by pause and reset: the loop stops after (or a waiting trainee step gives up during) the current step. */
  stop: boolean;
  playing: Promise<void> | undefined;
};

/**
 * The trainer's controls over the training space: list the scenarios, start one (reset, seed
 * its cast), play it step by step or straight through, pause, go back to the start, reset the
 * space. One scenario plays at a time per process. Every action checks the Trainer role and
 * that the database is marked as a training space, so a live Carepath refuses them all.
 */
export function trainingService(deps: ServiceDeps, options: { scenariosDir?: string } = {}) {
  const dir = options.scenariosDir ?? SCENARIOS_DIR;
  let run: Run | undefined;

  async function allowed(actor: Actor, action: 'playScenarios' | 'resetTrainingSpace'): Promise<void> {
    requirePermission(TRAINING_PERMISSIONS, action, actor);
    if (!(await isTrainingSpace(deps.db))) {
      throw new CarepathError('NOT_PERMITTED', 'This Carepath is not a training space.');
    }
  }

  function fileOf(name: string): string {
    const file = scenarioFiles(dir).find((f) => basename(f) === name);
    if (!file) throw CarepathError.forField('NOT_FOUND', 'There is no scenario with this name', 'scenario');
    return file;
  }

  async function halt(): Promise<void> {
    if (!run) return;
    run.stop = true;
    await run.playing;
  }

  async function begin(name: string, scenario: Scenario, timeScale: number): Promise<void> {
    const played = scenarioDeps(deps, scenario, timeScale);
    await resetTrainingSpace(played);
    const seeded = await setUpScenario(played, scenario);
    const current: Run = {
      name,
      scenario: { ...scenario, timeScale },
      cast: scenario.cast.users.map((u) => ({
        username: u.username,
        name: u.name,
        roles: u.roles.map((r) => `${ROLES[r.role].name} at ${r.org}`),
        authenticatorSecret: seeded.secrets[u.username]!,
      })),
      status: 'ready',
      reports: [],
      problem: undefined,
      stop: false,
      playing: undefined,
      player: scenarioPlayer(played, { ...scenario, timeScale }, seeded, {
        file: name,
        traineeSteps: 'wait',
        cancelled: () => current.stop,
      }),
    };
    run = current;
  }

  /** Plays steps in the background until the scenario ends, fails, or `stop` is set (after one step when `once`). */
  function playFrom(current: Run, once: boolean): void {
    current.status = 'playing';
    current.stop = false;
    current.playing = (async () => {
      try {
        do {
          const report = await current.player.next();
          if (!report) break;
          current.reports.push(report);
        } while (!once && !current.stop);
        current.status = current.player.done ? 'done' : 'paused';
      } catch (error) {
        if (current.stop) {
          current.status = 'paused';
          return;
        }
        current.status = 'failed';
        current.problem = error instanceof Error ? error.message : String(error);
      } finally {
        current.playing = undefined;
      }
    })();
  }

  function requireRun(): Run {
    if (!run) throw new CarepathError('INVALID_REQUEST_STATE', 'Start a scenario first.');
    return run;
  }

  return {
    /** The shipped scenarios; a file that does not parse is listed with its problem as the description. */
    async scenarios(actor: Actor): Promise<ScenarioListing[]> {
      await allowed(actor, 'playScenarios');
      return scenarioFiles(dir).map((file) => {
        try {
          const s = loadScenarioFile(file);
          return { name: basename(file), title: s.title, description: s.description, steps: s.steps.length };
        } catch (error) {
          if (!(error instanceof ScenarioFileError)) throw error;
          return { name: basename(file), title: basename(file), description: error.message, steps: 0 };
        }
      });
    },

    /** Resets the space and seeds the scenario's cast: it is then ready at its first step. */
    async start(actor: Actor, name: string, timeScale?: number): Promise<void> {
      await allowed(actor, 'playScenarios');
      const scenario = loadScenarioFile(fileOf(name));
      if (timeScale !== undefined && !(timeScale >= 1 && timeScale <= 10_000_000)) {
        throw CarepathError.forField('VALIDATION', 'Enter a time scale from 1 to 10,000,000', 'timeScale');
      }
      await halt();
      await begin(name, scenario, timeScale ?? scenario.timeScale);
    },

    /** Plays the next step in the background (a "trainee acts" step waits for the trainee). */
    async next(actor: Actor): Promise<void> {
      await allowed(actor, 'playScenarios');
      const current = requireRun();
      if (current.playing || current.status === 'done' || current.status === 'failed') return;
      playFrom(current, true);
    },

    /** Plays the rest straight through, in the background. */
    async play(actor: Actor): Promise<void> {
      await allowed(actor, 'playScenarios');
      const current = requireRun();
      if (current.playing || current.status === 'done' || current.status === 'failed') return;
      playFrom(current, false);
    },

    /** Stops after the step being played; a step waiting for a trainee stops waiting. */
    async pause(actor: Actor): Promise<void> {
      await allowed(actor, 'playScenarios');
      await halt();
    },

    /** Back to the start: the space reset and the same scenario's cast seeded again. */
    async restart(actor: Actor): Promise<void> {
      await allowed(actor, 'playScenarios');
      const current = requireRun();
      await halt();
      await begin(current.name, loadScenarioFile(fileOf(current.name)), current.scenario.timeScale);
    },

    /** Ends every workflow of the space and clears it; the trainers' own accounts stay. */
    async resetSpace(actor: Actor): Promise<number> {
      await allowed(actor, 'resetTrainingSpace');
      await halt();
      run = undefined;
      return resetTrainingSpace(deps);
    },

    /** The run as the trainer's page shows it, every referral read again. */
    async run(actor: Actor): Promise<TrainingRun | undefined> {
      await allowed(actor, 'playScenarios');
      if (!run) return undefined;
      const current = run;
      const referrals = current.playing ? current.player.snapshots() : await current.player.refresh();
      return {
        file: current.name,
        title: current.scenario.title,
        description: current.scenario.description,
        timeScale: current.scenario.timeScale,
        status: current.status,
        position: current.player.position,
        steps: current.scenario.steps.map((s, i) => ({
          summary: current.reports[i]?.summary ?? `${s.action}${s.referral ? ` on ${s.referral}` : ''}`,
          line: s.line,
          note: s.note,
          traineeActs: s.traineeActs === true,
        })),
        reports: [...current.reports],
        problem: current.problem,
        referrals,
        cast: current.cast,
        password: TRAINING_PASSWORD,
      };
    },
  };
}

export type TrainingService = ReturnType<typeof trainingService>;
