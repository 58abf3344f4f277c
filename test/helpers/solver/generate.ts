// Seeded generators for instances larger than Solomon's: Solomon-format VRPTW text (RC-like:
// half clustered, half random customers) and a Rove-scale planning problem (a year in minutes,
// stays of days, ~100 open-day windows per visit, hundreds of vehicle shifts).

import type { JobInput, ProblemInput, TimeWindow, VehicleInput } from '../../../jobs/solver/index.js';
import { Rng } from '../../../jobs/solver/rng.js';

/** Solomon-format text with n customers and a fleet of `fleet` vehicles of capacity 200. */
export function solomonLike(n: number, fleet: number, seed: number): string {
  const rng = new Rng(seed);
  const side = 100 * Math.sqrt(n / 100);
  const horizon = Math.round(230 * Math.sqrt(n / 100) * 1.5);
  const depot = { x: Math.round(side / 2), y: Math.round(side / 2) };
  const centres = Array.from({ length: Math.max(4, Math.round(n / 25)) }, () => ({ x: rng.next() * side, y: rng.next() * side }));
  const rows: string[] = [];
  rows.push(`    0 ${depot.x} ${depot.y} 0 0 ${horizon} 0`);
  for (let i = 1; i <= n; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      const c = centres[rng.int(centres.length)]!;
      x = Math.min(side, Math.max(0, Math.round(c.x + (rng.next() - 0.5) * side * 0.08)));
      y = Math.min(side, Math.max(0, Math.round(c.y + (rng.next() - 0.5) * side * 0.08)));
    } else {
      x = Math.round(rng.next() * side);
      y = Math.round(rng.next() * side);
    }
    const d0 = Math.hypot(x - depot.x, y - depot.y);
    const service = 10;
    const lo = Math.ceil(d0);
    const hi = Math.floor(horizon - d0 - service);
    const centre = lo + rng.next() * Math.max(0, hi - lo);
    const half = 5 + rng.next() * 30;
    const ready = Math.max(0, Math.round(centre - half));
    const due = Math.max(ready, Math.min(hi, Math.round(centre + half)));
    const demand = 1 + rng.int(40);
    rows.push(`    ${i} ${x} ${y} ${demand} ${ready} ${due} ${service}`);
  }
  return [
    `GEN${n}_${seed}`,
    '',
    'VEHICLE',
    'NUMBER     CAPACITY',
    `  ${fleet}         200`,
    '',
    'CUSTOMER',
    'CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME',
    '',
    ...rows,
    '',
  ].join('\n');
}

const DAY = 1440;

/**
 * A provincial year: `venues` locations (plus 10 bases), `jobs` visits of 1-10 days, each open on
 * `windowsPerJob` random days (08:00-17:00 starts), `vehicles` shifts of 3-6 weeks spread over
 * the year from the bases, 40 % of visits restricted to a subset of shifts. Minutes and metres.
 */
export function roveLike(opts: { jobs: number; vehicles: number; venues: number; windowsPerJob: number; seed: number }): ProblemInput {
  const rng = new Rng(opts.seed);
  const bases = 10;
  const nLoc = bases + opts.venues;
  const pts = Array.from({ length: nLoc }, () => ({ x: rng.next() * 400_000, y: rng.next() * 400_000 }));
  const size = nLoc;
  const dist = new Float64Array(size * size);
  const time = new Float64Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const d = Math.round(1.3 * Math.hypot(pts[i]!.x - pts[j]!.x, pts[i]!.y - pts[j]!.y));
      dist[i * size + j] = d;
      time[i * size + j] = Math.round(d / 1000); // 60 km/h: one minute per km
    }
  const vehicles: VehicleInput[] = [];
  for (let v = 0; v < opts.vehicles; v++) {
    const base = rng.int(bases);
    const start = rng.int(330) * DAY;
    const length = (21 + rng.int(22)) * DAY;
    vehicles.push({ id: `shift-${v}`, start: base, end: base, window: { start, end: Math.min(365 * DAY, start + length) }, costPerDistance: 1, fixedCost: 50_000 });
  }
  const jobs: JobInput[] = [];
  for (let j = 0; j < opts.jobs; j++) {
    const days = new Set<number>();
    while (days.size < opts.windowsPerJob) days.add(rng.int(365));
    const windows: TimeWindow[] = [...days].sort((a, b) => a - b).map((d) => ({ start: d * DAY + 480, end: d * DAY + 1020 }));
    const restricted = rng.next() < 0.4;
    const allowed = restricted ? Array.from({ length: Math.max(1, Math.round(opts.vehicles * 0.3)) }, () => rng.int(opts.vehicles)) : undefined;
    jobs.push({
      id: `visit-${j}`,
      location: bases + rng.int(opts.venues),
      service: (1 + rng.int(10)) * DAY,
      windows,
      priority: 1 + rng.int(3),
      ...(allowed ? { allowedVehicles: [...new Set(allowed)].sort((a, b) => a - b) } : {}),
    });
  }
  return { durations: { size, data: time }, distances: { size, data: dist }, jobs, vehicles };
}
