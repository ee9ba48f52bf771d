/** One thing a drill checked, with the counts behind it. */
export type Check = { name: string; ok: boolean; detail: string };

/** What a drill did (with counts) and what it checked; `ok` only when every check passed. */
export type DrillReport = { drill: string; did: string[]; checks: Check[]; seconds: number; ok: boolean };

export function reportLines(report: DrillReport): string[] {
  return [
    `Drill ${report.drill}: ${report.ok ? 'PASSED' : 'FAILED'} in ${report.seconds.toFixed(0)} s`,
    '  did:',
    ...report.did.map((line) => `    - ${line}`),
    '  checked:',
    ...report.checks.map((c) => `    ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ];
}

/** Collects a drill's lines as it goes, printing each through `log`. */
export function drillRecorder(drill: string, log: (line: string) => void) {
  const started = Date.now();
  const did: string[] = [];
  const checks: Check[] = [];
  return {
    did(line: string) {
      did.push(line);
      log(`  [${drill}] ${line}`);
    },
    check(...found: Check[]) {
      checks.push(...found);
    },
    report(): DrillReport {
      return {
        drill,
        did,
        checks,
        seconds: (Date.now() - started) / 1000,
        ok: checks.length > 0 && checks.every((c) => c.ok),
      };
    },
  };
}

export type DrillRecorder = ReturnType<typeof drillRecorder>;
