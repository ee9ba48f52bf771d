import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DrillDeployment, openDrillDeployment } from '../../scripts/cluster/drills/deployment';
import { type DrillName, needsOf, runDrill } from '../../scripts/cluster/drills/index';
import { reportLines } from '../../scripts/cluster/drills/report';

/**
 * The fast fault drills, as `npm run drill -- <name> --dev --ci` runs them: one deployment (a
 * Temporal dev server of the drills' own on a SQLite file, so it can be stopped and started,
 * two workers and two web servers started as an operator starts them, HAProxy in front,
 * Carepath's database on a PostgreSQL server of the drills' own), each drill on referrals of its
 * own. A failing drill's report (what it did, every check with its counts) is the failure message.
 *
 * Sizes are the `ci` ones (scripts/cluster/drills/index.ts); on the cluster the same drills run
 * at full size with `npm run drill -- <name>`. The time limits are for a loaded 2-core machine:
 * every worker start bundles the workflows, and worker-kill starts a worker again after its kill.
 */
const FAST: DrillName[] = ['web-kill', 'worker-kill', 'slot-race', 'temporal-stop', 'postgres-restart'];
const DRILL_LIMIT_MS = 6 * 60_000;

describe('fault drills on a dev-server deployment', () => {
  let deployment: DrillDeployment | undefined;
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    if (process.env.DRILL_LOG) console.log(line);
  };

  beforeAll(async () => {
    deployment = await openDrillDeployment('dev', needsOf(FAST), log);
  }, 8 * 60_000);
  afterAll(async () => {
    await deployment?.close();
  }, 3 * 60_000);

  for (const name of FAST) {
    it(
      name,
      async () => {
        const report = await runDrill(deployment!, name, 'ci', log);
        const text = reportLines(report).join('\n');
        expect(report.ok, text).toBe(true);
        expect(report.checks.length).toBeGreaterThan(0);
      },
      DRILL_LIMIT_MS,
    );
  }
});
