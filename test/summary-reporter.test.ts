import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The summary reporter's closing line, from a real Vitest run in a child process on each fixture in
// test/fixtures/reporter/: a file or hook that breaks is a failure even when no test failed.

const config = join(import.meta.dirname, 'fixtures/reporter/vitest.config.ts');
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

function runFixture(name: string): Promise<{ code: number; closingLine: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [vitest, 'run', '--config', config, name], { timeout: 60_000 }, (error, stdout) => {
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      resolve({ code: error ? Number(error.code ?? 1) : 0, closingLine: lines.at(-1) ?? '' });
    });
  });
}

describe('summary reporter', () => {
  it.each([
    ['hook-before', 'a beforeAll that throws (its tests skipped)', '0 passed, 1 failed, 2 skipped'],
    ['hook-after', 'an afterAll that throws after its test passed', '1 passed, 1 failed, 0 skipped'],
    ['hook-nested', "an inner suite's beforeAll that throws", '1 passed, 1 failed, 1 skipped'],
    ['import-broken', 'a file whose import throws', '0 passed, 1 failed, 0 skipped'],
    ['error-outside', 'an error thrown outside any test', '2 passed, 1 failed, 0 skipped'],
    ['test-failing', 'a failing test, counted once', '1 passed, 1 failed, 0 skipped'],
  ])('counts %s as a failure: %s', async (name, _what, line) => {
    const run = await runFixture(name);
    expect(run.closingLine).toBe(line);
    expect(run.code).not.toBe(0);
  });

  it('says 0 failed and exits 0 when everything passes', async () => {
    const run = await runFixture('all-passing');
    expect(run.closingLine).toBe('2 passed, 0 failed, 1 skipped');
    expect(run.code).toBe(0);
  });
});
