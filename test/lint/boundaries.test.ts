import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The folder boundaries are an ESLint rule (eslint/boundaries.js, run by `npm run lint`). These tests
// write real files into the folders they speak of and lint them with the project's own config, so a
// rule that stops matching (a moved folder, a renamed config) fails here rather than letting the
// layers drift in silence.
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const made: string[] = [];

/** Writes `code` to a fresh file in `folder` (repository-relative) and returns its boundary errors. */
async function boundaryErrors(folder: string, code: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(root, folder, 'lint-probe-'));
  made.push(dir);
  const file = path.join(dir, 'probe.ts');
  writeFileSync(file, code);
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.filter((m) => m.ruleId === 'rove/boundaries').map((m) => m.message);
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('import boundaries', () => {
  it('rejects an import from jobs/ into server/routes', async () => {
    const errors = await boundaryErrors(
      'jobs',
      "import planning from '../../server/routes/planning.js';\nvoid planning;\n",
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/may not import server\/routes\/planning: server\/routes is the edge/),
    );
  });

  it('lets jobs/ use the database module', async () => {
    const errors = await boundaryErrors('jobs', "import * as t from '../../server/db/schema/index.js';\nvoid t;\n");
    expect(errors).toEqual([]);
  });

  it('keeps the solver core to itself', async () => {
    const errors = await boundaryErrors(
      'jobs/solver',
      "import { loadPlanningFacts } from '../../planning/load.js';\nvoid loadPlanningFacts;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('lets web/ take types from server/contract, and nothing at run time', async () => {
    const typeOnly = await boundaryErrors(
      'web/src',
      "import type { Id } from '../../../server/contract/common.js';\nexport type X = Id;\n",
    );
    const value = await boundaryErrors(
      'web/src',
      "import { Id } from '../../../server/contract/common.js';\nvoid Id;\n",
    );
    expect(typeOnly).toEqual([]);
    expect(value).toHaveLength(1);
  });
});
