// 2-opt*: exchange the tails of two routes, joining u to the tail after its neighbour w (and w to
// the tail after u), or u's predecessor to w (and w's predecessor to u).

import type { Problem } from '../problem.js';
import { sequenceCost, type Route } from '../route.js';
import type { Solution } from '../solution.js';
import { MIN_GAIN, type LocalSearchOperator, type SearchContext } from './operator.js';

export class TwoOptStar implements LocalSearchOperator {
  readonly name = 'two-opt-star';

  constructor(readonly neighbours = 10) {}

  apply(ctx: SearchContext, sol: Solution, u: number): number[] {
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
    const T = p.vTime[A.v]!;
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
    if (!p.uniform) {
      if (!p.vTracksDuration[A.v] && !p.vTracksDuration[B.v]) {
        // Exact cost without building the routes: prefix of one + tail of the other, each ending
        // at its own vehicle's end location. Only a promising move is checked in full.
        if (!(joinedCost(p, A, i, B, k) + joinedCost(p, B, k, A, i) < A.cost + B.cost - MIN_GAIN)) return false;
      }
      const seqA = A.jobs.slice(0, i).concat(B.jobs.slice(k));
      const seqB = B.jobs.slice(0, k).concat(A.jobs.slice(i));
      if (!tailsRepeatFree(sol, A, i, B, k)) return false;
      const c = sequenceCost(p, A.v, seqA) + sequenceCost(p, B.v, seqB);
      if (!(c < A.cost + B.cost - MIN_GAIN)) return false;
    }
    // Both new sequences are built before either route changes.
    const newA = A.jobs.slice(0, i).concat(B.jobs.slice(k));
    const newB = B.jobs.slice(0, k).concat(A.jobs.slice(i));
    sol.setJobs(r1, newA);
    sol.setJobs(r2, newB);
    return true;
  }
}

/** Whether exchanging the tails after A's position i and B's position k keeps every noRepeat key apart. */
function tailsRepeatFree(sol: Solution, A: Route, i: number, B: Route, k: number): boolean {
  const p = sol.p;
  if (p.nRepeatKeys === 0 || p.vKind[A.v] === p.vKind[B.v]) return true;
  const tailA = A.jobs.slice(i);
  const tailB = B.jobs.slice(k);
  return tailA.every((x) => sol.repeatFree(x, B.v, tailB)) && tailB.every((y) => sol.repeatFree(y, A.v, tailA));
}

/**
 * Cost of route R's first i jobs followed by S's jobs after position k, driven by R's vehicle
 * (fixed + distance; only for vehicles without duration cost or limit).
 */
function joinedCost(p: Problem, R: Route, i: number, S: Route, k: number): number {
  const N = p.nLocations;
  const D = p.dist;
  const nS = S.size;
  if (i === 0 && k === nS) return 0;
  const v = R.v;
  let d: number;
  if (k === nS) d = R.cumDist[i]! + D[R.loc[i]! * N + p.vEnd[v]!]!;
  else {
    const first = S.loc[k + 1]!;
    const head = i === 0 ? D[p.vStart[v]! * N + first]! : R.cumDist[i]! + D[R.loc[i]! * N + first]!;
    d = head + S.cumDist[nS]! - S.cumDist[k + 1]! + D[S.loc[nS]! * N + p.vEnd[v]!]!;
  }
  return p.vFixed[v]! + p.vCostDist[v]! * d;
}
