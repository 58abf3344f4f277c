import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/** The run's totals. `failed` counts failed tests plus every failure that is not a test's own. */
interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** Files that failed to load and beforeAll/afterAll hooks that threw (a file's or a suite's). */
  brokenFilesAndHooks: number;
  /** Errors thrown outside any test, e.g. from a timer after its test ended. */
  unhandled: number;
}

/**
 * Counts a run. A file that fails to import, or a beforeAll that throws, fails no test (its tests are
 * skipped) and an afterAll that throws fails none either, so each file or suite that holds such an
 * error counts once as failed: the closing line never says "0 failed" for a run that failed.
 */
function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, brokenFilesAndHooks: 0, unhandled: unhandledErrors.length };
  for (const m of testModules) {
    let failedHere = 0;
    for (const test of m.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') totals.passed++;
      else if (state === 'failed') failedHere++;
      else totals.skipped++;
    }
    // errors() holds a file's load error and the errors of its own or its suites' all-hooks.
    let broken = [m, ...m.children.allSuites()].filter((holder) => holder.errors().length > 0).length;
    // A file Vitest marks failed with nothing to show for it still failed (a worker that crashed).
    if (m.state() === 'failed' && failedHere + broken === 0) broken = 1;
    totals.failed += failedHere;
    totals.brokenFilesAndHooks += broken;
  }
  totals.failed += totals.brokenFilesAndHooks + totals.unhandled;
  return totals;
}

/**
 * Prints the run's totals as one plain closing line, "N passed, N failed, N skipped", after
 * Vitest's own report, so CI logs state the outcome in a form any tool can read. When some of the
 * failures are not tests', a line before it says which.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    const n = countRun(testModules, unhandledErrors);
    const tests = n.failed - n.brokenFilesAndHooks - n.unhandled;
    const detail =
      n.brokenFilesAndHooks + n.unhandled > 0
        ? `\nfailures: ${tests} tests, ${n.brokenFilesAndHooks} files or hooks, ${n.unhandled} errors outside tests`
        : '';
    process.stdout.write(`${detail}\n${n.passed} passed, ${n.failed} failed, ${n.skipped} skipped\n`);
  }
}
