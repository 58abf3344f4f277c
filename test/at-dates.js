// `npm run test:dates`: the whole suite again, shuffled, with the suite's today pinned to each date
// the clock must not matter on (a leap day; a date years on), after `npm test` ran it at today.
// CI runs it (.ci/run). Each run prints the command that repeats it, seed included; a date or a
// seed may be given: `npm run test:dates -- 2029-12-31`, ROVE_TEST_SEED=123.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const dates = process.argv.length > 2 ? process.argv.slice(2) : ['2028-02-29', '2031-06-15'];
// Files no date can change, left out of these runs to keep CI short (`npm test` runs them at today):
// the solver's own tests (no clock: instances in, routes out), the linter's and the summary
// reporter's, and the accessibility scan (the pages' structure and words; the status colours it
// would see at another date are checked at every date by board-find.test.ts).
const undated = ['test/solver/**', 'test/lint/**', 'test/summary-reporter.test.ts', 'test/web/a11y.test.ts'];
for (const date of dates) {
  const seed = Number(process.env.ROVE_TEST_SEED) || randomInt(1, 2 ** 31 - 1);
  const args = ['run', '--sequence.shuffle', `--sequence.seed=${seed}`, ...undated.map((g) => `--exclude=${g}`)];
  console.log(`\n== ROVE_TEST_TODAY=${date} npx vitest ${args.join(' ')}`);
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ROVE_TEST_TODAY: date },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
