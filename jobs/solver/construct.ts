// Initial solution: the caller's routes if given (warm start), pinned jobs (in their sequence),
// then regret insertion for the rest.
//
// Regret-2 insertion: repeatedly insert the job whose best insertion is most ahead of its
// second-best on another vehicle (a job with one good option goes before it loses it). The best
// insertion per (job, route) is cached and only the changed route is re-evaluated per step, so
// a step costs O(jobs × (route length + vehicles)). On very large problems that is still
// quadratic, so above a work limit the construction falls back to greedy insertion in priority
// and difficulty order, which is O(jobs × positions).

import type { Problem } from './problem.js';
import type { Rng } from './rng.js';
import { insertionCost, sequenceCost } from './route.js';
import type { Solution } from './solution.js';
import type { SearchContext } from './operators/operator.js';

/** A route given by the caller to start from (vehicle + jobs in visit order). */
export interface InitialRoute {
  readonly vehicle: number;
  readonly jobs: readonly number[];
}

/**
 * Lays the caller's routes down as far as they are valid: jobs out of range, repeated, not allowed
 * on the vehicle, or breaking the order of sequenced pins are left out; if the rest is infeasible,
 * jobs are kept in order while the route stays feasible. The rest is left to the construction.
 */
export function applyInitial(p: Problem, sol: Solution, initial: readonly InitialRoute[]): void {
  const usedVehicles = new Set<number>();
  for (const r of initial) {
    const v = r.vehicle;
    if (!Number.isInteger(v) || v < 0 || v >= p.nVehicles || usedVehicles.has(v)) continue;
    usedVehicles.add(v);
    if (!sol.canOpen(v)) continue;
    const jobs: number[] = [];
    let lastSeq = -Infinity;
    for (const j of r.jobs) {
      if (!Number.isInteger(j) || j < 0 || j >= p.nJobs || sol.routeOf[j] !== -1 || jobs.includes(j)) continue;
      if (!p.isAllowed(j, v) || !sol.repeatFree(j, v)) continue;
      if (p.vKind[v]! >= 0 && p.jobKey[j]! >= 0 && jobs.some((x) => p.jobKey[x] === p.jobKey[j])) continue;
      const seq = p.pinSequence[j]!;
      if (!Number.isNaN(seq)) {
        if (seq < lastSeq) continue;
        lastSeq = seq;
      }
      jobs.push(j);
    }
    if (sequenceCost(p, v, jobs) < Infinity) {
      sol.setJobs(v, jobs);
      continue;
    }
    for (const j of jobs) {
      const route = sol.routes[v]!;
      if (insertionCost(p, route, j, route.size) < Infinity) sol.insert(j, v, route.size);
    }
  }
}

/**
 * Lays pinned jobs that are not placed yet on their vehicles: sequenced pins in sequence order,
 * each at its cheapest place between the sequenced pins before and after it; the others at
 * their cheapest place. A pin that fits nowhere stays unassigned.
 */
export function placePinned(p: Problem, sol: Solution): void {
  const byVehicle = new Map<number, number[]>();
  for (let j = 0; j < p.nJobs; j++) {
    const v = p.pinVehicle[j]!;
    if (v < 0 || sol.routeOf[j] !== -1) continue;
    let list = byVehicle.get(v);
    if (!list) byVehicle.set(v, (list = []));
    list.push(j);
  }
  for (const [v, list] of byVehicle) {
    const seq = list.filter((j) => !Number.isNaN(p.pinSequence[j]!));
    seq.sort((a, b) => p.pinSequence[a]! - p.pinSequence[b]! || a - b);
    const free = list.filter((j) => Number.isNaN(p.pinSequence[j]!));
    free.sort((a, b) => p.priority[b]! - p.priority[a]! || a - b);
    for (const j of seq.concat(free)) {
      const route = sol.routes[v]!;
      const s = p.pinSequence[j]!;
      let lo = 0;
      let hi = route.size;
      if (!Number.isNaN(s)) {
        // Between the last sequenced pin with sequence <= s and the first with sequence > s.
        route.jobs.forEach((x, i) => {
          const sx = p.pinSequence[x]!;
          if (Number.isNaN(sx)) return;
          if (sx <= s) lo = i + 1;
          else if (hi === route.size && i >= lo) hi = i;
        });
      }
      let best = Infinity;
      let bestK = -1;
      if (!sol.canServe(j, v)) continue;
      for (let k = lo; k <= hi; k++) {
        const c = insertionCost(p, route, j, k, best);
        if (c < best) {
          best = c;
          bestK = k;
        }
      }
      if (bestK >= 0) sol.insert(j, v, bestK);
    }
  }
}

function bestIn(p: Problem, sol: Solution, r: number, j: number): { cost: number; k: number } {
  const route = sol.routes[r]!;
  let best = Infinity;
  let bestK = -1;
  if (p.allowed[j * p.nVehicles + route.v] !== 1 || !sol.canServe(j, route.v)) return { cost: best, k: bestK };
  const lastEnd = p.winEnd[p.winOffset[j + 1]! - 1]!;
  for (let k = 0; k <= route.size && route.dep[k]! <= lastEnd; k++) {
    const c = insertionCost(p, route, j, k, best);
    if (c < best) {
      best = c;
      bestK = k;
    }
  }
  return { cost: best, k: bestK };
}

/** Regret-2 insertion of `jobs` (cached per route). */
export function regretInsertion(p: Problem, sol: Solution, jobs: number[]): void {
  const m = sol.routes.length;
  const n = jobs.length;
  const cost = new Float64Array(n * m);
  const pos = new Int32Array(n * m);
  const alive = new Uint8Array(n).fill(1);
  for (let a = 0; a < n; a++)
    for (let r = 0; r < m; r++) {
      const b = bestIn(p, sol, r, jobs[a]!);
      cost[a * m + r] = b.cost;
      pos[a * m + r] = b.k;
    }
  for (let left = n; left > 0; left--) {
    let pick = -1;
    let pickRegret = -Infinity;
    let pickR = -1;
    let pickPrio = -Infinity;
    for (let a = 0; a < n; a++) {
      if (!alive[a]) continue;
      let b1 = Infinity;
      let b2 = Infinity;
      let r1 = -1;
      for (let r = 0; r < m; r++) {
        const c = cost[a * m + r]!;
        if (c < b1) {
          b2 = b1;
          b1 = c;
          r1 = r;
        } else if (c < b2) b2 = c;
      }
      if (r1 < 0) continue;
      const prio = p.priority[jobs[a]!]!;
      // A job with a single option has infinite regret: place it now.
      const regret = b2 === Infinity ? 1e300 - b1 : b2 - b1;
      if (prio > pickPrio || (prio === pickPrio && regret > pickRegret)) {
        pick = a;
        pickRegret = regret;
        pickR = r1;
        pickPrio = prio;
      }
    }
    if (pick < 0) break;
    if (!sol.canServe(jobs[pick]!, sol.routes[pickR]!.v)) {
      // An insertion since this row was cached closed the route to the job (an exclusive group or
      // a noRepeat key): refresh the row and choose again.
      for (let r = 0; r < m; r++) {
        const b = bestIn(p, sol, r, jobs[pick]!);
        cost[pick * m + r] = b.cost;
        pos[pick * m + r] = b.k;
      }
      left++;
      continue;
    }
    alive[pick] = 0;
    sol.insert(jobs[pick]!, pickR, pos[pick * m + pickR]!);
    for (let a = 0; a < n; a++) {
      if (!alive[a]) continue;
      const b = bestIn(p, sol, pickR, jobs[a]!);
      cost[a * m + pickR] = b.cost;
      pos[a * m + pickR] = b.k;
    }
  }
}

/** Greedy insertion in order: higher priority, fewer allowed vehicles, narrower windows first. */
export function orderedInsertion(p: Problem, sol: Solution, jobs: number[]): void {
  const span = (j: number): number => {
    let s = 0;
    for (let w = p.winOffset[j]!; w < p.winOffset[j + 1]!; w++) s += p.winEnd[w]! - p.winStart[w]!;
    return s;
  };
  const sorted = jobs.slice().sort(
    (a, b) => p.priority[b]! - p.priority[a]! || p.allowedCount[a]! - p.allowedCount[b]! || span(a) - span(b) || a - b,
  );
  for (const j of sorted) {
    const at = cheapestInsertion(p, sol, j);
    if (at.r >= 0) sol.insert(j, at.r, at.k);
  }
}

/**
 * The cheapest feasible place for job j: a route and a position (r -1: none fits). With `blink`,
 * each position is skipped with that probability (SISR's blinks, drawn from `rng`).
 */
export function cheapestInsertion(p: Problem, sol: Solution, j: number, blink = 0, rng?: Rng): { r: number; k: number } {
  const lastEnd = p.winEnd[p.winOffset[j + 1]! - 1]!;
  let best = Infinity;
  let bestR = -1;
  let bestK = 0;
  let triedEmpty = false;
  for (let r = 0; r < sol.routes.length; r++) {
    const route = sol.routes[r]!;
    if (route.size === 0) {
      // Alike empty vehicles give alike insertions: try one.
      if (p.uniform && triedEmpty) continue;
      triedEmpty = true;
    }
    if (p.allowed[j * p.nVehicles + route.v] !== 1) continue;
    if (route.load + p.demand[j]! > p.vCapacity[route.v]!) continue;
    if (!sol.canServe(j, route.v)) continue;
    // Departures only grow along a route: past the last window, no later place fits.
    for (let k = 0; k <= route.size && route.dep[k]! <= lastEnd; k++) {
      if (blink > 0 && rng!.next() < blink) continue;
      const c = insertionCost(p, route, j, k, best);
      if (c < best) {
        best = c;
        bestR = r;
        bestK = k;
      }
    }
  }
  return { r: bestR, k: bestK };
}

/** Builds the initial solution in place. */
export function construct(_ctx: SearchContext, p: Problem, sol: Solution, initial?: readonly InitialRoute[]): void {
  if (initial) applyInitial(p, sol, initial);
  placePinned(p, sol);
  const rest: number[] = [];
  for (let j = 0; j < p.nJobs; j++) if (sol.routeOf[j] === -1 && p.pinVehicle[j]! < 0) rest.push(j);
  const m = sol.routes.length;
  const work = rest.length * rest.length * (m + rest.length / Math.max(1, m));
  if (work <= 2e8) regretInsertion(p, sol, rest);
  else orderedInsertion(p, sol, rest);
}
