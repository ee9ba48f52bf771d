import { PrerequisiteError, runMain } from '../../system/run-main';
import { isPortFree } from '../../system/ports';
import { CLUSTER } from './cluster-temporal';
import { DRILLS, type DrillName, runDrills } from './drills';

const USAGE = `Usage: npm run drill -- <${Object.keys(DRILLS).join('|')}|all|list> [--dev] [--ci]`;

/**
 * `npm run drill -- <name>`: a fault drill against Carepath in production shape. Each drill
 * builds and starts what it needs (the Temporal Server cluster on PostgreSQL, workers, web
 * servers behind HAProxy, a fresh Carepath database), does its damage under load, checks, and
 * stops everything. `--dev` runs it on a Temporal dev server instead of the cluster; `--ci`
 * at the test suite's (smaller) size. Exits 1 when a check fails.
 */
runMain(async () => {
  const args = process.argv.slice(2);
  const flags = args.filter((a) => a.startsWith('--'));
  const names = args.filter((a) => !a.startsWith('--'));
  const unknownFlag = flags.find((f) => !['--dev', '--ci'].includes(f));
  if (unknownFlag || names.length === 0)
    throw new PrerequisiteError(`${unknownFlag ? `Unknown option ${unknownFlag}. ` : ''}${USAGE}`);
  if (names.includes('list')) {
    for (const [name, drill] of Object.entries(DRILLS)) console.log(`  ${name.padEnd(18)} ${drill.summary}`);
    return;
  }
  const chosen = (names.includes('all') ? Object.keys(DRILLS) : names) as DrillName[];
  const unknown = chosen.filter((n) => !(n in DRILLS));
  if (unknown.length > 0) throw new PrerequisiteError(`Unknown drill ${unknown.join(', ')}. ${USAGE}`);
  const temporal = flags.includes('--dev') ? 'dev' : 'cluster';
  if (temporal === 'cluster' && !(await isPortFree('127.0.0.1', CLUSTER.ports.temporal))) {
    throw new PrerequisiteError(
      `Port ${CLUSTER.ports.temporal} is in use: stop \`npm run cluster\` first (a drill starts and stops the cluster itself).`,
    );
  }
  // Ctrl-C: exiting runs each started process's exit hook, which kills it (and the drill's PostgreSQL).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => process.exit(130));
  const reports = await runDrills(chosen, temporal, flags.includes('--ci') ? 'ci' : 'full', (line) =>
    console.log(line),
  );
  if (reports.length > 1) {
    console.log('\nSummary:');
    for (const report of reports)
      console.log(`  ${report.ok ? 'PASSED' : 'FAILED'}  ${report.drill} (${report.seconds.toFixed(0)} s)`);
  }
  if (reports.some((r) => !r.ok)) process.exitCode = 1;
});
