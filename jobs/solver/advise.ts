// Insertion advice: for one job not yet planned, the k cheapest feasible places to put it in an
// existing plan, without moving anything else. O(total stops × log windows).

import type { Problem } from './problem.js';
import { insertionCost, lastInsertion } from './route.js';
import { Solution } from './solution.js';

export interface Insertion {
  readonly vehicle: number;
  /** Index in the vehicle's job list where the job goes (0 = first). */
  readonly position: number;
  /** Start of service of the new job (time units). */
  readonly start: number;
  /** Added cost (cost units): distance, duration and fixed cost if the vehicle was unused. */
  readonly addedCost: number;
}

export interface AdviseOptions {
  /** How many to return. Default 5. */
  readonly k?: number;
  /** 'cost' (default): cheapest first; 'start': earliest start first (e.g. earliest date). */
  readonly orderBy?: 'cost' | 'start';
}

/**
 * The k best feasible insertions of job j into the given routes (vehicle + job order). Routes are
 * taken as they are; vehicles missing from `routes` count as unused.
 */
export function adviseInsertions(
  p: Problem,
  routes: readonly { readonly vehicle: number; readonly jobs: readonly number[] }[],
  j: number,
  options: AdviseOptions = {},
): Insertion[] {
  const k = options.k ?? 5;
  // The plan as a solution, so that the rules across routes (exclusive groups, noRepeat) count it.
  const sol = new Solution(p);
  for (const r of routes) if (r.jobs.length > 0) sol.setJobs(r.vehicle, r.jobs.slice());
  const found: Insertion[] = [];
  for (let v = 0; v < p.nVehicles; v++) {
    if (!p.isAllowed(j, v) || !sol.canServe(j, v)) continue;
    const route = sol.routes[v]!;
    for (let at = 0; at <= route.size; at++) {
      const c = insertionCost(p, route, j, at);
      if (c < Infinity) found.push({ vehicle: v, position: at, start: lastInsertion.start, addedCost: c });
    }
  }
  const byStart = options.orderBy === 'start';
  found.sort((a, b) =>
    byStart ? a.start - b.start || a.addedCost - b.addedCost : a.addedCost - b.addedCost || a.start - b.start || a.vehicle - b.vehicle,
  );
  return found.slice(0, k);
}
