// Tier 2: determinism, and Solomon instances solved feasibly on a small iteration budget.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { independentCheck } from '../helpers/solver/independent-check.js';
import { parseSolomon, toProblemInput } from '../helpers/solver/solomon-format.js';
import { solve, type Progress } from '../../jobs/solver/index.js';
import { routesOf } from './helpers.js';

const load = (name: string) => toProblemInput(parseSolomon(readFileSync(new URL(`../../bench/solomon/${name}.txt`, import.meta.url), 'utf8')));

/** Best-known distances by instance (bench/solomon/best-known.csv: instance,vehicles,distance,source). */
const bestKnown = new Map(
  readFileSync(new URL('../../bench/solomon/best-known.csv', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split(','))
    .map(([instance, , distance]) => [instance!, Number(distance)] as const),
);

describe('determinism and benchmark instances', () => {
  it('gives the same result for the same seed and iteration budget', () => {
    const input = load('rc201');
    const a = solve(input, { seed: 11, maxIterations: 300 });
    const b = solve(input, { seed: 11, maxIterations: 300 });
    expect(routesOf(a)).toEqual(routesOf(b));
    expect(a.cost).toEqual(b.cost);
    const c = solve(input, { seed: 12, maxIterations: 300 });
    expect(routesOf(c)).not.toEqual(routesOf(a));
  });

  it('reports progress with a non-increasing best cost', () => {
    const seen: Progress[] = [];
    const r = solve(load('r101'), { seed: 3, maxIterations: 500, progressEvery: 100, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.iteration)).toEqual([100, 200, 300, 400, 500, 500]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bestCost).toBeLessThanOrEqual(seen[i - 1]!.bestCost);
    expect(seen.at(-1)!.served).toBe(100);
    expect(seen.at(-1)!.bestCost).toBeCloseTo(r.cost.total, 9);
  });

  it('stops early when asked, keeping the best solution so far', () => {
    let asked = 0;
    const r = solve(load('r101'), { seed: 3, maxIterations: 10_000, shouldStop: () => ++asked > 50 });
    expect(r.iterations).toBe(50);
    expect(r.unassigned).toEqual([]);
  });

  for (const name of ['c101', 'r101', 'rc101', 'c201', 'r211', 'rc208']) {
    it(`solves ${name} feasibly, serving every customer, within 5 % of the best-known distance (independent check)`, () => {
      const input = load(name);
      const r = solve(input, { seed: 1, maxIterations: 200 });
      expect(r.unassigned).toEqual([]);
      const report = independentCheck(input, routesOf(r), [], 1e-6);
      expect(report.errors).toEqual([]);
      expect(report.distance).toBeCloseTo(r.totalDistance, 6);
      // Best-known solutions use the fewest vehicles first, so on some instances (r211) the solver's
      // distance is below theirs; the fleet of 25 is never the limit, so vehicles are not checked.
      expect(report.distance).toBeLessThanOrEqual(bestKnown.get(name)! * 1.05);
    });
  }
});
