// Local search driver: tries every operator on the jobs of the given routes, applies improving
// moves (first improvement) and re-queues the jobs of the routes a move changed, until no
// operator improves. Each applied move lowers the cost by more than MIN_GAIN, so it ends.

import type { LocalSearchOperator, SearchContext } from './operators/operator.js';
import { OrOpt } from './operators/or-opt.js';
import { Relocate } from './operators/relocate.js';
import { Swap } from './operators/swap.js';
import { TwoOptStar } from './operators/two-opt-star.js';
import type { Solution } from './solution.js';

/** Relocate, swap and 2-opt* (and or-opt if asked), each trying the `neighbours` nearest jobs. */
export function defaultOperators(neighbours = 10, orOpt = false): LocalSearchOperator[] {
  const ops: LocalSearchOperator[] = [new Relocate(neighbours), new Swap(neighbours), new TwoOptStar(neighbours)];
  if (orOpt) ops.push(new OrOpt(neighbours));
  return ops;
}

/** Runs the operators from the jobs of `routes` (and from `jobs`), until none improves. */
export function localSearch(
  ctx: SearchContext,
  sol: Solution,
  ops: readonly LocalSearchOperator[],
  routes: readonly number[],
  jobs: readonly number[] = [],
): void {
  const n = ctx.p.nJobs;
  const queued = new Uint8Array(n);
  const queue: number[] = [];
  const push = (r: number): void => {
    for (const j of sol.routes[r]!.jobs) {
      if (!queued[j]) {
        queued[j] = 1;
        queue.push(j);
      }
    }
  };
  for (const r of routes) push(r);
  for (const j of jobs) {
    if (!queued[j]) {
      queued[j] = 1;
      queue.push(j);
    }
  }
  ctx.rng.shuffle(queue);
  let moves = 0;
  const maxMoves = 20 * n + 100;
  while (queue.length > 0 && moves < maxMoves) {
    const u = queue.pop()!;
    queued[u] = 0;
    if (sol.routeOf[u] === -1) continue;
    for (const op of ops) {
      const changed = op.apply(ctx, sol, u);
      if (changed.length > 0) {
        moves++;
        for (const r of changed) push(r);
        break;
      }
    }
  }
}
