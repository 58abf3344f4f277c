// Recreate by greedy insertion with blinks (SISR): jobs in a randomly chosen order, each into its
// cheapest feasible position, where every position is skipped with a small probability so that
// repeated recreates explore different, nearly-as-good solutions.

import { cheapestInsertion } from '../construct.js';
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
      const at = cheapestInsertion(p, sol, j, blink, rng);
      if (at.r >= 0) sol.insert(j, at.r, at.k);
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
