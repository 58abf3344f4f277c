// Tier 1: instances small enough to solve by hand, with the optimum asserted.

import { describe, expect, it } from 'vitest';
import { solve } from '../../jobs/solver/index.js';
import { line, manhattan, problem, recheck, routesOf } from './helpers.js';

const opts = { seed: 7, maxIterations: 300 };

describe('tiny instances', () => {
  it('visits points on a line in one sweep', () => {
    // depot at 0, jobs at 1, 2, 3: out and back = 6
    const input = problem(line([0, 1, 2, 3]), [{ location: 1 }, { location: 2 }, { location: 3 }], [{ start: 0, end: 0 }]);
    const r = solve(input, opts);
    expect(r.totalDistance).toBe(6);
    expect(r.unassigned).toEqual([]);
    expect(recheck(input, r)).toEqual([]);
  });

  it('splits jobs on both sides of the depot over two vehicles when capacity forces it', () => {
    // locations: 0 depot at 0; -1, -2, +1, +2. Capacity 2: best is one vehicle per side, 4 + 4.
    const input = problem(
      line([0, -1, -2, 1, 2]),
      [1, 2, 3, 4].map((l) => ({ location: l, demand: 1 })),
      [
        { start: 0, end: 0, capacity: 2 },
        { start: 0, end: 0, capacity: 2 },
      ],
    );
    const r = solve(input, opts);
    expect(r.totalDistance).toBe(8);
    const sets = routesOf(r).map((x) => x.jobs.slice().sort());
    expect(sets).toEqual(expect.arrayContaining([[0, 1], [2, 3]]));
  });

  it('orders visits by their time windows', () => {
    // A at 1 must start at exactly 10; B at 5 must start by 5. Only [B, A] works: 5 + 4 + 1 = 10.
    const input = problem(
      line([0, 1, 5]),
      [
        { location: 1, windows: [{ start: 10, end: 10 }] },
        { location: 2, windows: [{ start: 0, end: 5 }] },
      ],
      [{ start: 0, end: 0 }],
    );
    const r = solve(input, opts);
    expect(routesOf(r)).toEqual([{ vehicle: 0, jobs: [1, 0] }]);
    expect(r.totalDistance).toBe(10);
    expect(r.routes[0]!.stops.map((s) => s.start)).toEqual([5, 10]);
  });

  it('starts in the first window that is still open on arrival', () => {
    const input = problem(
      line([0, 5]),
      [{ location: 1, service: 2, windows: [{ start: 0, end: 1 }, { start: 20, end: 30 }, { start: 40, end: 50 }] }],
      [{ start: 0, end: 0 }],
    );
    const r = solve(input, opts);
    expect(r.routes[0]!.stops[0]).toMatchObject({ arrival: 20 - 0, start: 20, end: 22 });
    // Departure is just in time: 15, arrival 20.
    expect(r.routes[0]!.departure).toBe(15);
    expect(r.routes[0]!.arrival).toBe(27);
    expect(r.routes[0]!.duration).toBe(12);
  });

  it('uses a second vehicle when the route duration limit forbids one long route', () => {
    // Jobs at -10 and +10, service 5; one route would take 40 + 10 = 50 > 30.
    const input = problem(
      line([0, -10, 10]),
      [{ location: 1, service: 5 }, { location: 2, service: 5 }],
      [
        { start: 0, end: 0, maxDuration: 30 },
        { start: 0, end: 0, maxDuration: 30 },
      ],
    );
    const r = solve(input, opts);
    expect(r.routes).toHaveLength(2);
    expect(r.totalDistance).toBe(40);
    expect(recheck(input, r)).toEqual([]);
  });

  it('prefers the cheaper vehicle and counts fixed cost', () => {
    const input = problem(
      line([0, 3]),
      [{ location: 1 }],
      [
        { start: 0, end: 0, fixedCost: 100 },
        { start: 0, end: 0, fixedCost: 10, costPerDistance: 2 },
      ],
    );
    const r = solve(input, opts);
    expect(r.routes[0]!.vehicle).toBe(1);
    expect(r.cost).toMatchObject({ distance: 12, fixed: 10, penalties: 0, total: 22 });
  });

  it('explains every unassigned job', () => {
    const m = manhattan([
      [0, 0],
      [1, 0],
      [50, 0],
      [2, 0],
      [3, 0],
      [0, 4],
      [0, 5],
    ]);
    const input = problem(
      m,
      [
        { location: 1, allowedVehicles: [] }, // 0: nobody may serve it
        { location: 2, windows: [{ start: 0, end: 10 }] }, // 1: 50 away, window closes at 10
        { location: 3, demand: 99 }, // 2: too heavy
        { location: 4, windows: [{ start: 0, end: 100 }] }, // 3: fine
        { location: 5, service: 80 }, // 4: longer than the route limit
        { location: 6, priority: 1, penalty: 10, windows: [{ start: 50, end: 50 }], service: 10 }, // 5: clashes with 6
        { location: 6, priority: 5, penalty: 1000, windows: [{ start: 55, end: 55 }], service: 10 }, // 6: wins
      ],
      [{ start: 0, end: 0, capacity: 10, maxDuration: 70 }],
    );
    const r = solve(input, opts);
    const reasons = Object.fromEntries(r.unassigned.map((u) => [u.job, u.reason]));
    expect(reasons).toEqual({
      0: 'no-allowed-vehicle',
      1: 'no-reachable-window',
      2: 'capacity',
      4: 'route-limit',
      5: 'displaced',
    });
    for (const u of r.unassigned) expect(u.message.length).toBeGreaterThan(10);
    expect(r.cost.penalties).toBe(r.unassigned.reduce((s, u) => s + (input.jobs[u.job]!.penalty ?? 1e9), 0));
    expect(recheck(input, r)).toEqual([]);
  });

  it('keeps pinned jobs on their vehicle, in their sequence and at their start', () => {
    const input = problem(
      line([0, 1, 2, 3, 4]),
      [
        { location: 4, pin: { vehicle: 1, sequence: 1 } },
        { location: 1, pin: { vehicle: 1, sequence: 2, start: 30 } },
        { location: 2 },
        { location: 3 },
      ],
      [
        { start: 0, end: 0 },
        { start: 0, end: 0 },
      ],
    );
    const r = solve(input, opts);
    const route1 = r.routes.find((x) => x.vehicle === 1)!;
    const order = route1.stops.map((s) => s.job);
    expect(order.indexOf(0)).toBeLessThan(order.indexOf(1));
    expect(route1.stops.find((s) => s.job === 1)!.start).toBe(30);
    expect(r.unassigned).toEqual([]);
    expect(recheck(input, r)).toEqual([]);
  });

  it('starts from given routes (warm start) and keeps their valid part', () => {
    const input = problem(
      line([0, 1, 2, 3, 4]),
      [{ location: 1 }, { location: 2 }, { location: 3 }, { location: 4, allowedVehicles: [1] }],
      [
        { start: 0, end: 0 },
        { start: 0, end: 0 },
      ],
    );
    // Job 3 is not allowed on vehicle 0 and job 9 does not exist: both are dropped.
    const initial = [{ vehicle: 0, jobs: [2, 1, 0, 3, 9] }];
    const r = solve(input, { seed: 1, maxIterations: 0, localSearch: false, initialRoutes: initial });
    expect(routesOf(r)).toEqual([
      { vehicle: 0, jobs: [2, 1, 0] },
      { vehicle: 1, jobs: [3] },
    ]);
    // With a budget the search may only improve on it.
    const better = solve(input, { seed: 1, maxIterations: 200, initialRoutes: initial });
    expect(better.cost.total).toBeLessThanOrEqual(r.cost.total);
    expect(better.totalDistance).toBe(8);
  });
});

describe('input validation', () => {
  it('rejects malformed input with a coded error and treats infinite legs as impossible', async () => {
    const { Problem, SolverInputError } = await import('../../jobs/solver/index.js');
    expect(() => new Problem(problem(line([0, 1]), [{ location: 5 }], [{ start: 0, end: 0 }]))).toThrow(SolverInputError);
    expect(() => new Problem(problem([[0, -1], [1, 0]], [{ location: 1 }], [{ start: 0, end: 0 }]))).toThrow(/durations/);
    expect(() => new Problem(problem(line([0, 1]), [{ location: 1, windows: [{ start: 5, end: 1 }] }], [{ start: 0, end: 0 }]))).toThrow(
      SolverInputError,
    );
    const blocked = problem(
      [
        [0, Infinity],
        [Infinity, 0],
      ],
      [{ location: 1 }],
      [{ start: 0, end: 0 }],
    );
    const r = solve(blocked, { seed: 1, maxIterations: 10 });
    expect(r.unassigned.map((u) => u.reason)).toEqual(['no-reachable-window']);
  });
});
