// Swap: exchange job u with a neighbour w on another route.

import { sequenceCost } from '../route.js';
import type { Route } from '../route.js';
import type { Problem } from '../problem.js';
import type { Solution } from '../solution.js';
import { MIN_GAIN, movable, type LocalSearchOperator, type SearchContext } from './operator.js';

/** Feasibility of putting job x at position i of route r in place of the job there (O(1)). */
function fitsInPlace(p: Problem, r: Route, i: number, x: number): boolean {
  const N = p.nLocations;
  const T = p.vTime[r.v]!;
  const lx = p.jobLoc[x]!;
  const s = p.firstStart(x, r.dep[i - 1]! + T[r.loc[i - 1]! * N + lx]!);
  if (s === Infinity) return false;
  return s + p.service[x]! + T[lx * N + r.loc[i + 1]!]! <= r.lat[i + 1]!;
}

export class Swap implements LocalSearchOperator {
  readonly name = 'swap';

  constructor(readonly neighbours = 10) {}

  apply(ctx: SearchContext, sol: Solution, u: number): number[] {
    const { p } = ctx;
    const at = movable(p, sol, u);
    if (!at) return [];
    const { r: r1, route: A, i } = at;
    const N = p.nLocations;
    const D = p.dist;
    const lu = A.loc[i]!;
    const a0 = A.loc[i - 1]!;
    const a1 = A.loc[i + 1]!;
    const k = Math.min(this.neighbours, ctx.k);
    for (let q = 0; q < k; q++) {
      const w = ctx.neighbours[u * ctx.k + q]!;
      const r2 = sol.routeOf[w]!;
      if (r2 === -1 || r2 === r1 || p.pinVehicle[w]! >= 0) continue;
      const B = sol.routes[r2]!;
      if (!p.isAllowed(w, A.v) || !p.isAllowed(u, B.v)) continue;
      if (!sol.repeatFree(w, A.v, [u]) || !sol.repeatFree(u, B.v, [w])) continue;
      const dl = p.demand[w]! - p.demand[u]!;
      if (A.load + dl > p.vCapacity[A.v]! || B.load - dl > p.vCapacity[B.v]!) continue;
      const kk = sol.posOf[w]!;
      const lw = B.loc[kk]!;
      const b0 = B.loc[kk - 1]!;
      const b1 = B.loc[kk + 1]!;
      const ddA = D[a0 * N + lw]! + D[lw * N + a1]! - D[a0 * N + lu]! - D[lu * N + a1]!;
      const ddB = D[b0 * N + lu]! + D[lu * N + b1]! - D[b0 * N + lw]! - D[lw * N + b1]!;
      // Fitting in place is only necessary when a schedule must be simulated: check it in full then.
      const tracks = p.vSimulate[A.v] || p.vSimulate[B.v];
      if (!tracks && p.vCostDist[A.v]! * ddA + p.vCostDist[B.v]! * ddB >= -MIN_GAIN) continue;
      if (!fitsInPlace(p, A, i, w) || !fitsInPlace(p, B, kk, u)) continue;
      let newA: number[] | null = null;
      let newB: number[] | null = null;
      if (tracks) {
        newA = A.jobs.slice();
        newA[i - 1] = w;
        newB = B.jobs.slice();
        newB[kk - 1] = u;
        const delta = sequenceCost(p, A.v, newA) + sequenceCost(p, B.v, newB) - A.cost - B.cost;
        if (!(delta < -MIN_GAIN)) continue;
      } else if (A.distance + ddA > p.vMaxDistance[A.v]! || B.distance + ddB > p.vMaxDistance[B.v]!) continue;
      if (!newA) {
        newA = A.jobs.slice();
        newA[i - 1] = w;
        newB = B.jobs.slice();
        newB[kk - 1] = u;
      }
      sol.setJobs(r1, newA);
      sol.setJobs(r2, newB!);
      return [r1, r2];
    }
    return [];
  }
}
