// Recreate by greedy insertion with blinks (SISR): jobs in a randomly chosen order, each into its
// cheapest feasible position, where every position is skipped with a small probability so that
// repeated recreates explore different, nearly-as-good solutions.

import { insertionCost } from '../route.js';
import type { Solution } from '../solution.js';
import type { RecreateOperator, SearchContext } from './operator.js';

export class GreedyInsertion implements RecreateOperator {
  readonly name = 'greedy-insertion';

  constructor(readonly blinkRate = 0.01) {}

  recreate(ctx: SearchContext, sol: Solution, jobs: number[]): void {
    const { p, rng } = ctx;
    orderJobs(ctx, jobs);
    const blink = this.blinkRate;
    for (const j of jobs) {
      if (sol.routeOf[j] !== -1) continue;
      const lastEnd = p.winEnd[p.winOffset[j + 1]! - 1]!;
      let best = Infinity;
      let bestR = -1;
      let bestK = 0;
      let triedEmpty = false;
      for (let r = 0; r < sol.routes.length; r++) {
        const route = sol.routes[r]!;
        const n = route.size;
        if (n === 0) {
          // Alike empty vehicles give alike insertions: try one.
          if (p.uniform && triedEmpty) continue;
          triedEmpty = true;
        }
        if (p.allowed[j * p.nVehicles + route.v] !== 1) continue;
        if (route.load + p.demand[j]! > p.vCapacity[route.v]!) continue;
        if (!sol.canServe(j, route.v)) continue;
        for (let k = 0; k <= n; k++) {
          // Departures only grow along a route: past the last window, no later place fits.
          if (route.dep[k]! > lastEnd) break;
          if (blink > 0 && rng.next() < blink) continue;
          const c = insertionCost(p, route, j, k, best);
          if (c < best) {
            best = c;
            bestR = r;
            bestK = k;
          }
        }
      }
      if (bestR >= 0) sol.insert(j, bestR, bestK);
    }
  }
}

/**
 * SISR's insertion orders, by weight: random (4), largest demand (4), farthest from the first
 * vehicle's start (2), closest (1). Higher priority always goes first.
 */
export function orderJobs(ctx: SearchContext, jobs: number[]): void {
  const { p, rng } = ctx;
  ctx.rng.shuffle(jobs);
  const x = rng.int(11);
  const depot = p.nVehicles > 0 ? p.vStart[0]! : 0;
  const N = p.nLocations;
  const far = (j: number): number => p.dist[depot * N + p.jobLoc[j]!]!;
  let key: ((j: number) => number) | null = null;
  if (x < 4) key = null;
  else if (x < 8) key = (j) => -p.demand[j]!;
  else if (x < 10) key = (j) => -far(j);
  else key = far;
  jobs.sort((a, b) => p.priority[b]! - p.priority[a]! || (key ? key(a) - key(b) : 0));
}
