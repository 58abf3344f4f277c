// Or-opt: move a string of 2 or 3 consecutive jobs, starting at job u, next to one of u's
// neighbours on another route (after or before it, in the same order).

import type { Problem } from '../problem.js';
import { sequenceCost, type Route } from '../route.js';
import type { Solution } from '../solution.js';
import { MIN_GAIN, type LocalSearchOperator, type SearchContext } from './operator.js';

export class OrOpt implements LocalSearchOperator {
  readonly name = 'or-opt';

  constructor(
    readonly neighbours = 10,
    readonly maxLength = 3,
  ) {}

  apply(ctx: SearchContext, sol: Solution, u: number): number[] {
    const { p } = ctx;
    const r1 = sol.routeOf[u]!;
    if (r1 === -1) return [];
    const A = sol.routes[r1]!;
    const i = sol.posOf[u]!;
    const N = p.nLocations;
    const D = p.dist;
    const T = p.vTime[A.v]!;
    const k = Math.min(this.neighbours, ctx.k);
    for (let len = 2; len <= this.maxLength; len++) {
      const last = i + len - 1;
      if (last > A.size) break;
      let pinned = false;
      let demand = 0;
      let inner = 0; // distance inside the string
      for (let q = i; q <= last; q++) {
        const j = A.jobs[q - 1]!;
        if (p.pinVehicle[j]! >= 0) pinned = true;
        demand += p.demand[j]!;
        if (q > i) inner += D[A.loc[q - 1]! * N + A.loc[q]!]!;
      }
      if (pinned) continue;
      const first = A.loc[i]!;
      const end = A.loc[last]!;
      const prev = A.loc[i - 1]!;
      const next = A.loc[last + 1]!;
      const emptied = len === A.size;
      // Removal: the route must stay feasible (no triangle inequality assumed).
      if (!emptied && A.dep[i - 1]! + T[prev * N + next]! > A.lat[last + 1]!) continue;
      const dRem = emptied ? -A.distance : D[prev * N + next]! - D[prev * N + first]! - inner - D[end * N + next]!;
      if (!emptied && A.distance + dRem > p.vMaxDistance[A.v]!) continue;
      const remCost = emptied ? -A.cost : p.vCostDist[A.v]! * dRem;
      for (let q = 0; q < k; q++) {
        const w = ctx.neighbours[u * ctx.k + q]!;
        const r2 = sol.routeOf[w]!;
        if (r2 === -1 || r2 === r1) continue;
        const B = sol.routes[r2]!;
        if (B.load + demand > p.vCapacity[B.v]!) continue;
        const tracks = p.vSimulate[A.v] || p.vSimulate[B.v];
        if (!A.jobs.slice(i - 1, last).every((x) => sol.repeatFree(x, B.v))) continue;
        const pw = sol.posOf[w]!;
        for (let side = 0; side < 2; side++) {
          const at = side === 0 ? pw : pw - 1; // insert after position `at` of B
          const a = B.loc[at]!;
          const b = B.loc[at + 1]!;
          const dAdd = D[a * N + first]! + inner + D[end * N + b]! - D[a * N + b]!;
          if (B.distance + dAdd > p.vMaxDistance[B.v]!) continue;
          if (!tracks && p.vCostDist[B.v]! * dAdd + remCost >= -MIN_GAIN) continue;
          if (!fitsString(p, A, i, last, B, at)) continue;
          const moved = A.jobs.slice(i - 1, last);
          const newA = A.jobs.slice(0, i - 1).concat(A.jobs.slice(last));
          const newB = B.jobs.slice(0, at).concat(moved, B.jobs.slice(at));
          if (tracks) {
            const delta = sequenceCost(p, A.v, newA) + sequenceCost(p, B.v, newB) - A.cost - B.cost;
            if (!(delta < -MIN_GAIN)) continue;
          }
          sol.setJobs(r1, newA);
          sol.setJobs(r2, newB);
          return [r1, r2];
        }
      }
    }
    return [];
  }
}

/** Whether A's jobs at positions i..last fit into B after position `at` (windows, allowed). */
function fitsString(p: Problem, A: Route, i: number, last: number, B: Route, at: number): boolean {
  const N = p.nLocations;
  let t = B.dep[at]!;
  let l = B.loc[at]!;
  for (let q = i; q <= last; q++) {
    const j = A.jobs[q - 1]!;
    if (p.allowed[j * p.nVehicles + B.v] !== 1) return false;
    const lj = p.jobLoc[j]!;
    const s = p.firstStart(j, t + p.vTime[B.v]![l * N + lj]!);
    if (s === Infinity) return false;
    t = s + p.service[j]!;
    l = lj;
  }
  return t + p.vTime[B.v]![l * N + B.loc[at + 1]!]! <= B.lat[at + 1]!;
}
