// The command line prints exactly one JSON object with routes, vehicles and distance.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('solve command line', () => {
  it('prints one parseable JSON object for a Solomon instance', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/solve.ts', 'bench/solomon/c101.txt', '--iterations', '50', '--seed', '3'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(run.stdout) as { routes: number[][]; vehicles: number; distance: number; feasible: boolean; iterations: number };
    expect(out.feasible).toBe(true);
    expect(out.iterations).toBe(50);
    expect(out.vehicles).toBe(out.routes.length);
    expect(out.routes.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(out.distance).toBeGreaterThanOrEqual(828.9);
  });
});
