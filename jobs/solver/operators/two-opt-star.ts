// 2-opt*: exchange the tails of two routes, joining u to the tail after its neighbour w (and w to
// the tail after u), or u's predecessor to w (and w's predecessor to u).

import { sequenceCost } from '../route.js';
import type { Solution } from '../solution.js';
import { MIN_GAIN, type LocalSearchOperator, type SearchContext } from './operator.js';

export class TwoOptStar implements LocalSearchOperator {
  readonly name = 'two-opt-star';

  constructor(readonly neighbours = 20) {}

  apply(ctx: SearchContext, sol: Solution, u: number): number[] {
    const { p } = ctx;
    const r1 = sol.routeOf[u]!;
    if (r1 === -1) return [];
    const k = Math.min(this.neighbours, ctx.k);
    for (let q = 0; q < k; q++) {
      const w = ctx.neighbours[u * ctx.k + q]!;
      const r2 = sol.routeOf[w]!;
      if (r2 === -1 || r2 === r1) continue;
      const pu = sol.posOf[u]!;
      const pw = sol.posOf[w]!;
      if (this.tryMove(ctx, sol, r1, pu, r2, pw) || this.tryMove(ctx, sol, r1, pu - 1, r2, pw - 1)) return [r1, r2];
    }
    return [];
  }

  /** New routes: A[1..i] + B[k+1..] and B[1..k] + A[i+1..]. Applies it if it improves. */
  private tryMove(ctx: SearchContext, sol: Solution, r1: number, i: number, r2: number, k: number): boolean {
    const { p } = ctx;
    const A = sol.routes[r1]!;
    const B = sol.routes[r2]!;
    const N = p.nLocations;
    const D = p.dist;
    const T = p.time;
    const n1 = A.size;
    const n2 = B.size;
    if (i === n1 && k === n2) return false; // swapping empty tails changes nothing
    if (i === 0 && k === 0) return false; // swapping whole routes between alike vehicles: nothing
    const ai = A.loc[i]!;
    const ai1 = A.loc[i + 1]!;
    const bk = B.loc[k]!;
    const bk1 = B.loc[k + 1]!;
    const dd = D[ai * N + bk1]! + D[bk * N + ai1]! - D[ai * N + ai1]! - D[bk * N + bk1]!;
    if (p.uniform) {
      // Alike vehicles: the cached schedules of either route answer for the other's tail.
      if (p.vCostDist[A.v]! * dd >= -MIN_GAIN) return false;
      if (A.dep[i]! + T[ai * N + bk1]! > B.lat[k + 1]!) return false;
      if (B.dep[k]! + T[bk * N + ai1]! > A.lat[i + 1]!) return false;
      const cap = p.vCapacity[A.v]!;
      const loadA = A.cumLoad[i]! + B.load - B.cumLoad[k]!;
      const loadB = B.cumLoad[k]! + A.load - A.cumLoad[i]!;
      if (loadA > cap || loadB > cap) return false;
      const emptyA = i === 0 && k === n2;
      const emptyB = k === 0 && i === n1;
      const distA = emptyA ? 0 : A.cumDist[i]! + D[ai * N + bk1]! + B.distance - B.cumDist[k + 1]!;
      const distB = emptyB ? 0 : B.cumDist[k]! + D[bk * N + ai1]! + A.distance - A.cumDist[i + 1]!;
      const maxD = p.vMaxDistance[A.v]!;
      if (distA > maxD || distB > maxD) return false;
      const cd = p.vCostDist[A.v]!;
      const f = p.vFixed[A.v]!;
      const newCost = (emptyA ? 0 : f + cd * distA) + (emptyB ? 0 : f + cd * distB);
      if (!(newCost < A.cost + B.cost - MIN_GAIN)) return false;
    }
    const seqA = A.jobs.slice(0, i).concat(B.jobs.slice(k));
    const seqB = B.jobs.slice(0, k).concat(A.jobs.slice(i));
    if (!p.uniform) {
      const tracks = p.vTracksDuration[A.v] || p.vTracksDuration[B.v];
      if (!tracks && p.vCostDist[A.v] === p.vCostDist[B.v] && p.vCostDist[A.v]! * dd >= -MIN_GAIN && seqA.length > 0 && seqB.length > 0 && A.size > 0 && B.size > 0) {
        // Same per-distance cost and both routes stay used: only the distance can change the cost.
        if (p.vStart[A.v] === p.vStart[B.v] && p.vEnd[A.v] === p.vEnd[B.v]) return false;
      }
      const c = sequenceCost(p, A.v, seqA) + sequenceCost(p, B.v, seqB);
      if (!(c < A.cost + B.cost - MIN_GAIN)) return false;
    }
    sol.setJobs(r1, seqA);
    sol.setJobs(r2, seqB);
    return true;
  }
}
