// Plan mode (checkPlan) and insertion advice (adviseInsertions).

import { describe, expect, it } from 'vitest';
import { independentCheck } from '../helpers/solver/independent-check.js';
import { adviseInsertions, checkPlan, Problem, solve } from '../../jobs/solver/index.js';
import { line, manhattan, problem, routesOf } from './helpers.js';

describe('plan mode', () => {
  // Depot at 0; jobs at 2, 4, 6 (locations 1..3); service 1.
  const input = problem(
    line([0, 2, 4, 6]),
    [
      { location: 1, service: 1, demand: 2, windows: [{ start: 0, end: 10 }] },
      { location: 2, service: 1, demand: 2, windows: [{ start: 0, end: 3 }, { start: 20, end: 30 }] },
      { location: 3, service: 1, demand: 2, allowedVehicles: [1] },
    ],
    [
      { start: 0, end: 0, capacity: 5, maxDuration: 15, window: { start: 0, end: 40 } },
      { start: 0, end: 0, maxDistance: 12 },
    ],
  );
  const p = new Problem(input);

  it('accepts a valid plan and reports its schedule', () => {
    const r = checkPlan(p, [{ vehicle: 0, jobs: [1] }, { vehicle: 1, jobs: [0, 2] }]);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
    // Job 1 arrives at 4, after its first window [0, 3]: it starts in the second, at 20.
    expect(r.routes[0]!.stops.map((s) => s.start)).toEqual([20]);
    expect(r.routes[0]!.departure).toBe(16);
    expect(r.routes[1]!.stops.map((s) => s.start)).toEqual([2, 7]);
    expect(r.unassigned).toEqual([]);
  });

  it('reports each violation type with its stop', () => {
    const r = checkPlan(p, [
      // Job 1 starts at 20, job 0 arrives at 23 > 10: late; job 2 is not allowed on vehicle 0;
      // load 6 > 5; departure 16, back at 35: duration 19 > 15.
      { vehicle: 0, jobs: [1, 0, 2] },
      // Job 2 ends at 7, so job 0 cannot start at 1 (overlap); job 1 at 5 is in neither of its
      // windows; jobs 0 and 1 are also on route 0 (duplicate); 6 + 4 + 2 + 4 = 16 > 12 distance.
      { vehicle: 1, jobs: [2, 0, 1], starts: [null, 1, 5] },
    ]);
    const got = r.violations.map((v) => [v.type, v.route, v.position]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['late', 0, 2],
        ['disallowed-vehicle', 0, 3],
        ['capacity', 0, 0],
        ['duration', 0, 0],
        ['duplicate', 1, 1],
        ['duplicate', 1, 2],
        ['duplicate', 1, 3],
        ['overlap', 1, 2],
        ['outside-window', 1, 3],
        ['distance', 1, 0],
      ]),
    );
    expect(r.violations).toHaveLength(10); // job 2 is on both routes too
    expect(r.ok).toBe(false);
  });

  it('flags a return after the vehicle availability as late at the end position', () => {
    const q = new Problem(problem(line([0, 30]), [{ location: 1 }], [{ start: 0, end: 0, window: { start: 0, end: 50 } }]));
    const r = checkPlan(q, [{ vehicle: 0, jobs: [0] }]);
    expect(r.violations.map((v) => [v.type, v.position])).toEqual([['late', 2]]);
  });
});

describe('insertion advice', () => {
  const pts: [number, number][] = [[0, 0]];
  for (let i = 1; i <= 12; i++) pts.push([(i * 7) % 11, (i * 5) % 13]);
  const m = manhattan(pts);
  const jobs = pts.slice(1).map((_, i) => ({ location: i + 1, service: 2, windows: [{ start: 0, end: 60 }, { start: 100, end: 160 }] }));
  const input = problem(m, jobs, [
    { start: 0, end: 0, window: { start: 0, end: 200 } },
    { start: 0, end: 0, window: { start: 0, end: 200 } },
    { start: 0, end: 0, window: { start: 0, end: 200 } },
  ]);
  const p = new Problem(input);

  it('returns the cheapest feasible insertions, each feasible when applied', () => {
    const without = problem(m, jobs.slice(0, 11), input.vehicles as never);
    const planned = routesOf(solve(without, { seed: 1, maxIterations: 100 }));
    const advice = adviseInsertions(p, planned, 11, { k: 4 });
    expect(advice.length).toBe(4);
    for (let i = 1; i < advice.length; i++) expect(advice[i]!.addedCost).toBeGreaterThanOrEqual(advice[i - 1]!.addedCost);
    // Brute force over every position with the independent checker.
    const base = independentCheck(input, planned, [11]).cost - 1e9;
    const all: number[] = [];
    for (let v = 0; v < 3; v++) {
      const jobsOf = planned.find((r) => r.vehicle === v)?.jobs ?? [];
      for (let at = 0; at <= jobsOf.length; at++) {
        const routes = planned.filter((r) => r.vehicle !== v).concat([{ vehicle: v, jobs: [...jobsOf.slice(0, at), 11, ...jobsOf.slice(at)] }]);
        const rep = independentCheck(input, routes, []);
        if (rep.errors.length === 0) all.push(rep.cost - base);
      }
    }
    all.sort((a, b) => a - b);
    expect(advice.map((a) => a.addedCost)).toEqual(all.slice(0, 4).map((c) => expect.closeTo(c, 9)));
    for (const a of advice) {
      const jobsOf = planned.find((r) => r.vehicle === a.vehicle)?.jobs ?? [];
      const routes = planned
        .filter((r) => r.vehicle !== a.vehicle)
        .concat([{ vehicle: a.vehicle, jobs: [...jobsOf.slice(0, a.position), 11, ...jobsOf.slice(a.position)] }]);
      expect(independentCheck(input, routes, []).errors).toEqual([]);
    }
  });

  it('orders by earliest start on request', () => {
    const advice = adviseInsertions(p, [], 11, { k: 3, orderBy: 'start' });
    expect(advice[0]!.start).toBe(m[0]![12]);
    for (let i = 1; i < advice.length; i++) expect(advice[i]!.start).toBeGreaterThanOrEqual(advice[i - 1]!.start);
  });
});
