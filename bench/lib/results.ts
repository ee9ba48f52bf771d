import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from './measure';

/** One line of the benchmark table: a figure, its goal and how far it is from it. */
export type Row = {
  figure: string;
  value: number;
  unit: string;
  /** The goal, and whether a higher value is better (throughput) or a lower one (latency). */
  goal?: { value: number; higherIsBetter: boolean };
  /** The load average when it was measured. */
  load: number;
};

export const row = (
  figure: string,
  value: number,
  unit: string,
  goal?: { value: number; higherIsBetter: boolean },
): Row => ({ figure, value, unit, goal, load: load() });
export const atLeast = (value: number) => ({ value, higherIsBetter: true });
export const atMost = (value: number) => ({ value, higherIsBetter: false });

export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes `bench/results/<name>-<time>.json` (gitignored) and returns its path. */
export function writeResults(name: string, rows: Row[], details: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), rows, details }, null, 2)}\n`);
  return file;
}

/** The ratio of value to goal, oriented so that ≥ 1 means the goal is met. */
export function ratio(r: Row): number | undefined {
  if (!r.goal) return undefined;
  return r.goal.higherIsBetter ? r.value / r.goal.value : r.goal.value / r.value;
}

export function table(rows: Row[]): string {
  const lines = [
    `${'figure'.padEnd(64)} ${'value'.padStart(10)} ${'unit'.padEnd(13)} ${'goal'.padStart(10)} ${'ratio'.padStart(6)} ${'met'.padEnd(4)} load`,
  ];
  for (const r of rows) {
    const q = ratio(r);
    const goal = r.goal ? `${r.goal.higherIsBetter ? '≥' : '<'} ${r.goal.value}` : '';
    lines.push(
      `${r.figure.slice(0, 64).padEnd(64)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(13)} ${goal.padStart(10)} ${
        q === undefined ? '' : q.toFixed(2).padStart(6)
      } ${q === undefined ? '    ' : q >= 1 ? 'yes ' : 'NO  '} ${r.load.toFixed(1)}`,
    );
  }
  return lines.join('\n');
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(1) : n.toFixed(3));
