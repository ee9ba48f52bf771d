import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestRunEndReason } from 'vitest/node';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Ends the run with one plain line that any CI can read, `vitest: N passed, N failed, N skipped`,
 * and, when the run failed for a reason other than a test, says which: unhandled errors (an
 * error thrown outside any test, such as a dropped connection's), files that failed outside
 * their tests (an import or a hook), an interrupted run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const line = `vitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
    const causes = failuresOutsideTests(testModules, unhandledErrors, reason);
    if (reason === 'failed' && counts.failed === 0 && causes.length === 0) causes.push('see the errors above');
    console.log(`\n${line}${causes.length ? `; run FAILED: ${causes.join(', ')}` : ''}`);
  }
}

function failuresOutsideTests(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): string[] {
  const causes: string[] = [];
  if (unhandledErrors.length) {
    const first = unhandledErrors[0]!;
    const said = `${first.name ?? 'Error'}: ${first.message ?? ''}`.slice(0, 120);
    causes.push(`${plural(unhandledErrors.length, 'unhandled error')} (${said})`);
  }
  const broken = testModules.filter(
    (module) => module.errors().length > 0 || [...module.children.allSuites()].some((s) => s.errors().length > 0),
  );
  if (broken.length) {
    const names = broken.map((m) => m.moduleId.split('/').slice(-2).join('/'));
    causes.push(`${plural(broken.length, 'file')} failed outside a test (${names.join(', ')})`);
  }
  if (reason === 'interrupted') causes.push('interrupted');
  return causes;
}
