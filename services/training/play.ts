import type { Scenario } from '../../domain/training/scenario.schema';
import type { ServiceDeps } from '../deps';
import { type PlayerOptions, type StepReport, scenarioPlayer } from './scenario-player';
import { resetTrainingSpace, setUpScenario } from './training-space';

/** The deps a scenario plays under: the training space's, with the scenario's own time scale. */
export function scenarioDeps(deps: ServiceDeps, scenario: Scenario, timeScale = scenario.timeScale): ServiceDeps {
  return { ...deps, policy: { ...deps.policy, timeScale } };
}

/**
 * Resets the training space, seeds the scenario's cast and plays every step, calling
 * `onStep` after each. Throws ScenarioStepError (file and line) at the first step that fails.
 */
export async function playScenario(
  deps: ServiceDeps,
  scenario: Scenario,
  options: PlayerOptions & { timeScale?: number; onStep?: (report: StepReport) => void },
): Promise<StepReport[]> {
  const played = scenarioDeps(deps, scenario, options.timeScale);
  await resetTrainingSpace(played);
  const cast = await setUpScenario(played, scenario);
  const player = scenarioPlayer(played, scenario, cast, { traineeSteps: 'play', ...options });
  const reports: StepReport[] = [];
  for (let report = await player.next(); report; report = await player.next()) {
    reports.push(report);
    options.onStep?.(report);
  }
  return reports;
}
