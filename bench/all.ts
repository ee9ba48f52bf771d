import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from '../system/run-main';
import { load } from './lib/measure';
import { type Row, resultsDir, table, writeResults } from './lib/results';

/**
 * `npm run bench [-- --quick]`: every benchmark, one after another, each in its own process on
 * its own throwaway PostgreSQL database and dev server; then one table of every figure with
 * its goal, the ratio (≥ 1 means met) and the load average it was measured at, written to
 * bench/results/all-*.json. Quick mode scales the data down (and says so in each figure).
 */
const quick = process.argv.includes('--quick');
const BENCHMARKS: [file: string, args: string[]][] = [
  ['perf.ts', quick ? ['--quick'] : []],
  ['visibility.ts', quick ? ['--quick'] : []],
  ['worklists.ts', quick ? ['--quick'] : []],
  ['dos-search.ts', quick ? ['--quick'] : []],
];

function run(file: string, args: string[]): Promise<number | null> {
  const script = fileURLToPath(new URL(`./${file}`, import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const child = spawn(tsx, [script, ...args], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', resolve));
}

runMain(async () => {
  const since = new Date().toISOString().replace(/[:.]/g, '-');
  const started = Date.now();
  const failed: string[] = [];
  for (const [file, args] of BENCHMARKS) {
    console.log(`\n=== ${file} ${args.join(' ')} (load average ${load()}) ===`);
    const code = await run(file, args);
    if (code !== 0) failed.push(`${file} (exit ${code})`);
  }
  const rows: Row[] = [];
  const files = readdirSync(resultsDir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('all-') && f.slice(f.indexOf('-') + 1) >= since)
    .sort();
  for (const f of files) {
    const { name, rows: its } = JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as { name: string; rows: Row[] };
    rows.push(...its.map((r) => ({ ...r, figure: `${name}: ${r.figure}` })));
  }
  console.log(
    `\n=== All benchmarks, ${((Date.now() - started) / 60000).toFixed(1)} min${quick ? ' (quick mode)' : ''} ===`,
  );
  console.log(table(rows));
  if (failed.length) console.log(`\nFailed: ${failed.join(', ')}`);
  console.log(`\nwritten ${writeResults('all', rows, { quick, failed, sources: files })}`);
  if (failed.length) process.exitCode = 1;
});
