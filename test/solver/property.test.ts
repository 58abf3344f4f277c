// Property tests (fast-check): on many random small instances every result passes the
// independent checker, every job is served or explained, pins hold, plan mode agrees with the
// solver, and on the tiniest instances the solver finds the brute-force optimum.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { independentCheck } from '../helpers/solver/independent-check.js';
import { checkPlan, Problem, solve, type JobInput, type ProblemInput, type VehicleInput } from '../../jobs/solver/index.js';
import { manhattan, routesOf } from './helpers.js';

const point = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }));

/** 0..3 sorted disjoint windows inside [0, 120]. */
const windows = fc
  .uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 0, maxLength: 6 })
  .map((xs) => {
    const s = xs.sort((a, b) => a - b);
    const out: { start: number; end: number }[] = [];
    for (let i = 0; i + 1 < s.length; i += 2) out.push({ start: s[i]!, end: s[i + 1]! });
    return out;
  });

function instance(opts: { maxJobs: number; maxVehicles: number; pins: boolean; costs: boolean }) {
  return fc
    .record({
      depots: fc.array(point, { minLength: 1, maxLength: 2 }),
      nVehicles: fc.integer({ min: 1, max: opts.maxVehicles }),
      jobs: fc.array(
        fc.record({
          at: point,
          service: fc.integer({ min: 0, max: 6 }),
          demand: fc.integer({ min: 0, max: 3 }),
          windows,
          priority: fc.integer({ min: 1, max: 3 }),
          allowed: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: opts.maxVehicles - 1 }), { maxLength: 3 }), { nil: undefined }),
          pin: opts.pins
            ? fc.option(
                fc.record({
                  vehicle: fc.integer({ min: 0, max: opts.maxVehicles - 1 }),
                  sequence: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
                  start: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
                }),
                { nil: undefined, freq: 4 },
              )
            : fc.constant(undefined),
        }),
        { minLength: 1, maxLength: opts.maxJobs },
      ),
      vehicles: fc.array(
        fc.record({
          start: fc.integer({ min: 0, max: 1 }),
          end: fc.integer({ min: 0, max: 1 }),
          close: fc.integer({ min: 40, max: 200 }),
          capacity: fc.option(fc.integer({ min: 2, max: 8 }), { nil: undefined }),
          maxDuration: fc.option(fc.integer({ min: 20, max: 120 }), { nil: undefined }),
          maxDistance: fc.option(fc.integer({ min: 20, max: 100 }), { nil: undefined }),
          costPerDistance: opts.costs ? fc.integer({ min: 1, max: 3 }) : fc.constant(1),
          costPerDuration: opts.costs ? fc.integer({ min: 0, max: 1 }) : fc.constant(0),
          fixedCost: opts.costs ? fc.integer({ min: 0, max: 20 }) : fc.constant(0),
        }),
        { minLength: opts.maxVehicles, maxLength: opts.maxVehicles },
      ),
    })
    .map((g): ProblemInput => {
      const depots = g.depots;
      const points = depots.concat(g.jobs.map((j) => j.at));
      const m = manhattan(points);
      const nV = g.nVehicles;
      const vehicles: VehicleInput[] = g.vehicles.slice(0, nV).map((v) => ({
        start: Math.min(v.start, depots.length - 1),
        end: Math.min(v.end, depots.length - 1),
        window: { start: 0, end: v.close },
        ...(v.capacity !== undefined ? { capacity: v.capacity } : {}),
        ...(v.maxDuration !== undefined ? { maxDuration: v.maxDuration } : {}),
        ...(v.maxDistance !== undefined ? { maxDistance: v.maxDistance } : {}),
        costPerDistance: v.costPerDistance,
        costPerDuration: v.costPerDuration,
        fixedCost: v.fixedCost,
      }));
      const jobs: JobInput[] = g.jobs.map((j, i) => ({
        location: depots.length + i,
        service: j.service,
        demand: j.demand,
        windows: j.windows,
        priority: j.priority,
        penalty: 1000 * j.priority,
        ...(j.allowed ? { allowedVehicles: j.allowed.filter((v) => v < nV) } : {}),
        ...(j.pin && j.pin.vehicle < nV
          ? {
              pin: {
                vehicle: j.pin.vehicle,
                ...(j.pin.sequence !== undefined ? { sequence: j.pin.sequence } : {}),
                ...(j.pin.start !== undefined ? { start: j.pin.start } : {}),
              },
            }
          : {}),
      }));
      return { durations: m, distances: m, jobs, vehicles };
    });
}

describe('random instances', () => {
  it('results are feasible, complete, explained, and keep pins', () => {
    fc.assert(
      fc.property(instance({ maxJobs: 9, maxVehicles: 3, pins: true, costs: true }), fc.integer({ min: 1, max: 1000 }), (input, seed) => {
        const result = solve(input, { seed, maxIterations: 60 });
        const routes = routesOf(result);
        const report = independentCheck(input, routes, result.unassigned.map((u) => u.job));
        expect(report.errors).toEqual([]);
        expect(report.cost).toBeCloseTo(result.cost.total, 6);
        for (const u of result.unassigned) expect(u.message).not.toBe('');
        // Pins: served pinned jobs are on their vehicle, at their start, in their sequence.
        // Also after a warm start from scrambled routes (reversed, shifted to the next vehicle).
        const scrambled = routes.map((r) => ({ vehicle: (r.vehicle + 1) % input.vehicles.length, jobs: r.jobs.slice().reverse() }));
        const warm = solve(input, { seed, maxIterations: 20, initialRoutes: scrambled });
        expect(independentCheck(input, routesOf(warm), warm.unassigned.map((u) => u.job)).errors).toEqual([]);
        for (const r of [...result.routes, ...warm.routes]) {
          let lastSeq = -Infinity;
          for (const s of r.stops) {
            const pin = input.jobs[s.job]!.pin;
            if (!pin) continue;
            expect(r.vehicle).toBe(pin.vehicle);
            if (pin.start !== undefined) expect(s.start).toBe(pin.start);
            if (pin.sequence !== undefined) {
              expect(pin.sequence).toBeGreaterThanOrEqual(lastSeq);
              lastSeq = pin.sequence;
            }
          }
        }
        // Plan mode agrees: the solver's own routes and start times have no violation.
        const plan = checkPlan(
          new Problem(input),
          result.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.stops.map((s) => s.job), starts: r.stops.map((s) => s.start) })),
        );
        expect(plan.violations).toEqual([]);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('finds the brute-force optimum on instances of up to 5 jobs', () => {
    fc.assert(
      fc.property(instance({ maxJobs: 5, maxVehicles: 2, pins: false, costs: true }), (input) => {
        const result = solve(input, { seed: 5, maxIterations: 200 });
        const best = bruteForce(input);
        expect(result.cost.total).toBeCloseTo(best, 6);
      }),
      { numRuns: 120, seed: 7 },
    );
  });
});

/** Least objective over every assignment of jobs to vehicles (or unassigned) and every order. */
function bruteForce(input: ProblemInput): number {
  const n = input.jobs.length;
  const m = input.vehicles.length;
  let best = Infinity;
  const perm: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const visit = (): void => {
    if (perm.length === n) {
      // Cut the permutation into m routes and an unassigned tail: choose m cut points.
      const cuts = (k: number, from: number, acc: number[]): void => {
        if (k === m) {
          const routes = [];
          let prev = 0;
          for (let v = 0; v < m; v++) {
            routes.push({ vehicle: v, jobs: perm.slice(prev, acc[v]) });
            prev = acc[v]!;
          }
          const report = independentCheck(input, routes, perm.slice(prev));
          if (report.errors.length === 0 && report.cost < best) best = report.cost;
          return;
        }
        for (let c = from; c <= n; c++) cuts(k + 1, c, [...acc, c]);
      };
      cuts(0, 0, []);
      return;
    }
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = true;
      perm.push(j);
      visit();
      perm.pop();
      used[j] = false;
    }
  };
  visit();
  return best;
}
