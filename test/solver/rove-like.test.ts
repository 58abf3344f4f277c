// A scaled-down Rove planning year (days of service, many open-day windows, vehicle shifts from
// several bases, restricted vehicles): results pass the independent checker and are deterministic.

import { describe, expect, it } from 'vitest';
import { roveLike } from '../helpers/solver/generate.js';
import { independentCheck } from '../helpers/solver/independent-check.js';
import { solve } from '../../jobs/solver/index.js';
import { routesOf } from './helpers.js';

describe('rove-like planning year', () => {
  const input = roveLike({ jobs: 240, vehicles: 50, venues: 80, windowsPerJob: 30, seed: 5 });

  it('returns a feasible, fully explained plan', () => {
    const r = solve(input, { seed: 2, maxIterations: 150 });
    const report = independentCheck(input, routesOf(r), r.unassigned.map((u) => u.job));
    expect(report.errors).toEqual([]);
    expect(report.cost).toBeCloseTo(r.cost.total, 3);
    expect(r.served).toBeGreaterThan(150);
    for (const route of r.routes)
      for (const s of route.stops) {
        // Every start lies in one of the job's open-day windows.
        const w = input.jobs[s.job]!.windows!;
        expect(w.some((x) => x.start <= s.start && s.start <= x.end)).toBe(true);
      }
  });

  it('is deterministic for a seed and iteration budget', () => {
    const a = solve(input, { seed: 4, maxIterations: 60 });
    const b = solve(input, { seed: 4, maxIterations: 60 });
    expect(routesOf(a)).toEqual(routesOf(b));
    expect(a.unassigned).toEqual(b.unassigned);
  });
});
