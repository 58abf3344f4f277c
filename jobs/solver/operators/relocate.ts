// Relocate: move job u next to (after or before) one of its neighbours w, in w's route or its own.

import { insertionCost, sequenceCost, type Route } from '../route.js';
import type { Solution } from '../solution.js';
import { MIN_GAIN, movable, type LocalSearchOperator, type SearchContext } from './operator.js';

export class Relocate implements LocalSearchOperator {
  readonly name = 'relocate';

  constructor(readonly neighbours = 10) {}

  apply(ctx: SearchContext, sol: Solution, u: number): number[] {
    const { p } = ctx;
    const at = movable(p, sol, u);
    if (!at) return [];
    const { r: r1, route: route1, i } = at;
    const v1 = route1.v;
    const N = p.nLocations;
    const D = p.dist;
    const n1 = route1.size;
    const lu = route1.loc[i]!;
    const prev = route1.loc[i - 1]!;
    const next = route1.loc[i + 1]!;
    const dRem = n1 === 1 ? -route1.distance : D[prev * N + next]! - D[prev * N + lu]! - D[lu * N + next]!;
    // Cost change of taking u out of its route; computed on first need (NaN until then).
    let removeDelta = NaN;
    const k = Math.min(this.neighbours, ctx.k);
    for (let q = 0; q < k; q++) {
      const w = ctx.neighbours[u * ctx.k + q]!;
      const r2 = sol.routeOf[w]!;
      if (r2 === -1) continue;
      const pw = sol.posOf[w]!;
      if (r2 !== r1) {
        const route2 = sol.routes[r2]!;
        const v2 = route2.v;
        if (!sol.repeatFree(u, v2)) continue;
        // Without duration costs the cost change is known from distances alone: skip the
        // schedule check for moves that cannot pay.
        const cheap = !p.vTracksDuration[v1] && !p.vTracksDuration[v2];
        const remCheap = n1 === 1 ? -route1.cost : p.vCostDist[v1]! * dRem;
        for (let side = 0; side < 2; side++) {
          const at = side === 0 ? pw : pw - 1;
          if (cheap) {
            const a = route2.loc[at]!;
            const b = route2.loc[at + 1]!;
            const addD = D[a * N + lu]! + D[lu * N + b]! - D[a * N + b]!;
            if (p.vCostDist[v2]! * addD + remCheap >= -MIN_GAIN) continue;
          }
          const add = insertionCost(p, route2, u, at);
          if (add === Infinity) continue;
          if (Number.isNaN(removeDelta)) removeDelta = this.removal(ctx, route1, i, dRem);
          const rem = removeDelta;
          if (add + rem < -MIN_GAIN) {
            sol.removeAt(r1, [i]);
            sol.insert(u, r2, at);
            return [r1, r2];
          }
        }
      } else {
        // Same route: after w or before w, in the sequence without u. aPos/bPos are the
        // original positions of u's new neighbours.
        for (let side = 0; side < 2; side++) {
          const after = side === 0;
          let aPos: number;
          let bPos: number;
          if (after) {
            aPos = pw;
            bPos = pw + 1 === i ? i + 1 : pw + 1;
          } else {
            bPos = pw;
            aPos = pw - 1 === i ? i - 1 : pw - 1;
          }
          if (aPos === i - 1 && bPos === i + 1) continue;
          const a = route1.loc[aPos]!;
          const b = route1.loc[bPos]!;
          const dd = dRem + D[a * N + lu]! + D[lu * N + b]! - D[a * N + b]!;
          if (!p.vTracksDuration[v1] && p.vCostDist[v1]! * dd >= -MIN_GAIN) continue;
          const seq = route1.jobs.filter((x) => x !== u);
          const at = aPos === 0 ? 0 : seq.indexOf(route1.jobs[aPos - 1]!) + 1;
          seq.splice(at, 0, u);
          const c = sequenceCost(p, v1, seq);
          if (c < route1.cost - MIN_GAIN) {
            sol.setJobs(r1, seq);
            return [r1];
          }
        }
      }
    }
    return [];
  }

  /** Cost change of removing the job at position i (Infinity when the rest becomes infeasible). */
  private removal(ctx: SearchContext, route: Route, i: number, dRem: number): number {
    const { p } = ctx;
    const v = route.v;
    const N = p.nLocations;
    if (route.size === 1) return -route.cost;
    const prev = route.loc[i - 1]!;
    const next = route.loc[i + 1]!;
    if (route.dep[i - 1]! + p.vTime[v]![prev * N + next]! > route.lat[i + 1]!) return Infinity;
    // Without the triangle inequality a removal can lengthen the route.
    if (route.distance + dRem > p.vMaxDistance[v]!) return Infinity;
    if (p.vSimulate[v]) {
      const rest = route.jobs.slice();
      rest.splice(i - 1, 1);
      return sequenceCost(p, v, rest) - route.cost;
    }
    return p.vCostDist[v]! * dRem;
  }
}
