import { describe, expect, it } from 'vitest';
import { Problem, checkPlan, solve, type JobInput, type VehicleInput } from '../../jobs/solver/index.js';
import { sequenceCost } from '../../jobs/solver/route.js';
import { Rng } from '../../jobs/solver/rng.js';

// The solver's crew rules on random day-unit instances: work stretches (with rests inside long
// services), exclusive groups and noRepeat keys hold in every result, and the exact evaluation
// (sequenceCost) agrees with plan mode on the routes it returns.

function instance(seed: number) {
  const r0 = new Rng(seed);
  const rng = { int: (lo: number, hi: number) => lo + r0.int(hi - lo + 1) };
  const n = 40;
  const places = 12;
  const pts = Array.from({ length: places }, () => [rng.int(0, 20), rng.int(0, 20)] as const);
  const durations = pts.map(([x1, y1]) => pts.map(([x2, y2]) => Math.floor((Math.abs(x1 - x2) + Math.abs(y1 - y2)) / 8)));
  const distances = pts.map(([x1, y1]) => pts.map(([x2, y2]) => Math.abs(x1 - x2) + Math.abs(y1 - y2)));
  const jobs: JobInput[] = Array.from({ length: n }, (_, i) => {
    const long = rng.int(0, 5) === 0;
    const service = long ? rng.int(9, 20) : rng.int(1, 3);
    const from = rng.int(0, 80);
    const windows = Array.from({ length: rng.int(1, 4) }, (_, k) => ({ start: from + 3 * k, end: from + 3 * k }));
    return {
      id: `j${i}`,
      location: rng.int(1, places - 1),
      service,
      windows,
      ...(long ? { serviceRest: { start: rng.int(1, 8), end: service - rng.int(1, 3) } } : {}),
      ...(rng.int(0, 2) === 0 ? { noRepeat: rng.int(0, 6) } : {}),
    };
  });
  // Three trips of two set-ups each (a group per trip), kinds by set-up.
  const vehicles: VehicleInput[] = [];
  for (let trip = 0; trip < 3; trip++) {
    for (let set = 0; set < 2; set++) vehicles.push({ id: `t${trip}s${set}`, start: 0, end: 0, window: { start: trip * 40, end: trip * 40 + 45 }, groups: [trip], kind: set, maxWorkStretch: 6, minBreak: 1 });
  }
  return new Problem({ durations, distances, jobs, vehicles });
}

describe('the solver’s crew rules', () => {
  it('keeps work stretches, exclusive groups and noRepeat on random instances', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const p = instance(seed);
      const r = solve(p, { seed, maxIterations: 300 });
      const routes = r.routes.filter((x) => x.stops.length > 0).map((x) => ({ vehicle: x.vehicle, jobs: x.stops.map((s) => s.job) }));
      const check = checkPlan(p, routes);
      expect(check.violations, `seed ${seed}`).toEqual([]);
      for (const x of routes) expect(sequenceCost(p, x.vehicle, x.jobs), `seed ${seed}`).toBeLessThan(Infinity);
      expect(r.served, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('finds a seventh day in a row infeasible and a rest day feasible', () => {
    const jobs: JobInput[] = [0, 1, 2, 3, 4, 5, 6].map((d) => ({ location: 1, service: 1, windows: [{ start: d, end: d }] }));
    const p = new Problem({ durations: [[0, 0], [0, 0]], jobs, vehicles: [{ start: 0, end: 0, maxWorkStretch: 6, minBreak: 1 }] });
    expect(sequenceCost(p, 0, [0, 1, 2, 3, 4, 5, 6])).toBe(Infinity);
    expect(sequenceCost(p, 0, [0, 1, 2, 3, 4, 5])).toBeLessThan(Infinity);
    expect(checkPlan(p, [{ vehicle: 0, jobs: [0, 1, 2, 3, 4, 5, 6] }]).violations.map((v) => v.type)).toEqual(['work-stretch']);
  });
});
