// One test per search operator: each is shown a solution with one improving move of its kind.

import { describe, expect, it } from 'vitest';
import { regretInsertion } from '../../jobs/solver/construct.js';
import { nearestJobs } from '../../jobs/solver/neighbours.js';
import { GreedyInsertion } from '../../jobs/solver/operators/greedy-insertion.js';
import { OrOpt } from '../../jobs/solver/operators/or-opt.js';
import type { SearchContext } from '../../jobs/solver/operators/operator.js';
import { Relocate } from '../../jobs/solver/operators/relocate.js';
import { StringRemoval } from '../../jobs/solver/operators/string-removal.js';
import { Swap } from '../../jobs/solver/operators/swap.js';
import { TwoOptStar } from '../../jobs/solver/operators/two-opt-star.js';
import { Problem, type ProblemInput } from '../../jobs/solver/problem.js';
import { Rng } from '../../jobs/solver/rng.js';
import { Solution } from '../../jobs/solver/solution.js';
import { line, manhattan, problem } from './helpers.js';

function setup(input: ProblemInput, routes: number[][]): { ctx: SearchContext; sol: Solution } {
  const p = new Problem(input);
  const nb = nearestJobs(p, 10);
  const ctx: SearchContext = { p, rng: new Rng(3), neighbours: nb.neighbours, k: nb.k };
  const sol = new Solution(p);
  routes.forEach((jobs, r) => sol.setJobs(r, jobs));
  return { ctx, sol };
}

const twoVehicles = (capacity = Infinity) => [
  { start: 0, end: 0, capacity },
  { start: 0, end: 0, capacity },
];

// Two clusters left and right of the depot: locations 1, 2 at x = -10, -11 and 3, 4 at x = 10, 11.
const clusters = manhattan([
  [0, 0],
  [-10, 0],
  [-11, 0],
  [10, 0],
  [11, 0],
]);
const clusterJobs = [1, 2, 3, 4].map((location) => ({ location, demand: 1 }));

describe('search operators', () => {
  it('relocate moves a job into another route', () => {
    // jobs at 1, 3 on vehicle 0 (cost 6) and 2 alone on vehicle 1 (cost 4): best is one route of 6.
    const input = problem(line([0, 1, 2, 3]), [{ location: 1 }, { location: 2 }, { location: 3 }], twoVehicles());
    const { ctx, sol } = setup(input, [[0, 2], [1]]);
    expect(sol.cost()).toBe(10);
    expect(new Relocate().apply(ctx, sol, 1)).not.toEqual([]);
    expect(sol.cost()).toBe(6);
    expect(sol.routes[0]!.jobs).toEqual([0, 1, 2]);
  });

  it('relocate moves a job within its route', () => {
    const input = problem(line([0, 1, 2, 3]), [{ location: 1 }, { location: 2 }, { location: 3 }], twoVehicles());
    const { ctx, sol } = setup(input, [[2, 0, 1], []]);
    expect(sol.cost()).toBe(8);
    expect(new Relocate().apply(ctx, sol, 2)).toEqual([0]);
    expect(sol.cost()).toBe(6);
  });

  it('swap exchanges jobs between routes when capacity rules out relocating', () => {
    const input = problem(clusters, clusterJobs, twoVehicles(2));
    const { ctx, sol } = setup(input, [
      [0, 3],
      [2, 1],
    ]);
    const before = sol.cost();
    expect(new Relocate().apply(ctx, sol, 1)).toEqual([]); // capacity blocks it
    expect(new Swap().apply(ctx, sol, 1)).not.toEqual([]);
    expect(sol.cost()).toBeLessThan(before);
    expect(sol.cost()).toBe(44);
  });

  it('2-opt* exchanges route tails', () => {
    // [L1, R1] and [R2, L2]: joining L1 to L2 and R2 to R1 gives the two cluster routes.
    const input = problem(clusters, clusterJobs, twoVehicles(2));
    const { ctx, sol } = setup(input, [
      [0, 2],
      [3, 1],
    ]);
    expect(sol.cost()).toBe(84);
    const changed = new TwoOptStar().apply(ctx, sol, 2);
    expect(changed).not.toEqual([]);
    expect(sol.cost()).toBe(44);
    expect(sol.routes.map((r) => r.jobs.slice().sort())).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('2-opt* respects time windows', () => {
    // Job 1 (x = -11) must start by 11 and job 0 (x = -10) not before 20, so the cluster route
    // [0, 1] is infeasible; only tails that keep every window may be exchanged.
    const jobs = clusterJobs.map((j, i) =>
      i === 1 ? { ...j, windows: [{ start: 0, end: 11 }] } : i === 0 ? { ...j, windows: [{ start: 20, end: 30 }] } : j,
    );
    const input = problem(clusters, jobs, twoVehicles(3));
    const { ctx, sol } = setup(input, [
      [0, 2],
      [1, 3],
    ]);
    const before = sol.cost();
    for (const r of sol.routes) expect(r.feasible).toBe(true);
    expect(new TwoOptStar().apply(ctx, sol, 0)).not.toEqual([]);
    expect(sol.cost()).toBeLessThan(before);
    for (const r of sol.routes) expect(r.feasible).toBe(true);
    expect(sol.routes.some((r) => r.jobs.join() === '0,1')).toBe(false);
  });

  it('or-opt moves a string of consecutive jobs to another route', () => {
    // Route 0 goes left to -10, then right to 10 and 11; route 1 serves 12. Moving [10, 11] onto
    // route 1 leaves two one-sided routes: at most 20 + 26 instead of 42 + 24 (first improvement).
    const input = problem(line([0, -10, 10, 11, 12]), [1, 2, 3, 4].map((location) => ({ location })), twoVehicles());
    const { ctx, sol } = setup(input, [[0, 1, 2], [3]]);
    expect(sol.cost()).toBe(66);
    expect(new OrOpt().apply(ctx, sol, 1)).not.toEqual([]);
    expect(sol.cost()).toBeLessThanOrEqual(46);
    expect(sol.routes[0]!.jobs).toEqual([0]);
    expect(sol.routes[1]!.jobs.join()).toMatch(/1,2/);
  });

  it('string removal removes one string of consecutive jobs, or one with a kept piece, and never pinned jobs', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const input = problem(
      line(xs),
      xs.slice(1).map((location, i) => (i === 3 ? { location, pin: { vehicle: 0 } } : { location })),
      twoVehicles(),
    );
    const strings = new Set<string>();
    for (let seed = 1; seed < 30; seed++) {
      const { ctx, sol } = setup(input, [[0, 1, 2, 3, 4, 5, 6, 7], []]);
      (ctx as { rng: Rng }).rng = new Rng(seed);
      const removed = new StringRemoval(4, 4).ruin(ctx, sol);
      expect(removed.length).toBeGreaterThan(0);
      expect(removed).not.toContain(3);
      for (const j of removed) expect(sol.routeOf[j]).toBe(-1);
      expect(removed.length).toBeLessThanOrEqual(4);
      // Job j stood at place j of the one route. The removed jobs form one string, or a string
      // with one kept piece: between the first and the last removed job, the jobs still served
      // (the pinned job 3 aside) are one block of consecutive jobs, or none.
      const lo = Math.min(...removed);
      const hi = Math.max(...removed);
      const between = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      const kept = between.filter((j) => j !== 3 && !removed.includes(j));
      if (kept.length > 0) expect(kept.at(-1)! - kept[0]! + 1).toBe(kept.length + (kept[0]! < 3 && kept.at(-1)! > 3 ? 1 : 0));
      strings.add(kept.length === 0 ? 'string' : 'split');
    }
    expect(strings).toEqual(new Set(['string', 'split']));
  });

  it('greedy insertion puts each job at its cheapest place', () => {
    const input = problem(line([0, 1, 2, 3]), [{ location: 1 }, { location: 2 }, { location: 3 }], twoVehicles());
    const { ctx, sol } = setup(input, [[], []]);
    new GreedyInsertion(0).recreate(ctx, sol, [0, 1, 2]);
    expect(sol.cost()).toBe(6);
    expect(sol.unassigned()).toEqual([]);
  });

  it('regret insertion places the job with one option first', () => {
    // Job 0 fits only vehicle 1 (allowed), job 1 is cheapest on vehicle 1 but fine on vehicle 0;
    // capacity 1 each. Greedy by cost could give vehicle 1 to job 1; regret serves both.
    const input = problem(
      line([0, 1, 2]),
      [
        { location: 2, demand: 1, allowedVehicles: [1] },
        { location: 1, demand: 1 },
      ],
      [
        { start: 0, end: 0, capacity: 1, costPerDistance: 3 },
        { start: 0, end: 0, capacity: 1 },
      ],
    );
    const { sol } = setup(input, [[], []]);
    regretInsertion(sol.p, sol, [1, 0]);
    expect(sol.unassigned()).toEqual([]);
    expect(sol.routes[1]!.jobs).toEqual([0]);
  });
});
