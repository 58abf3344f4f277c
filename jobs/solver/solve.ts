// solve(): construction, then ruin-and-recreate (SISR) with simulated-annealing acceptance and a
// local search on the routes each iteration touched. Deterministic for a seed and an iteration
// budget; a time budget makes it depend on machine speed.

import { construct, type InitialRoute } from './construct.js';
import { nearestJobs } from './neighbours.js';
import { GreedyInsertion } from './operators/greedy-insertion.js';
import type { LocalSearchOperator, SearchContext } from './operators/operator.js';
import { StringRemoval } from './operators/string-removal.js';
import { localSearch, defaultOperators } from './local-search.js';
import { Problem, type ProblemInput } from './problem.js';
import { buildResult, type SolveResult } from './result.js';
import { Rng } from './rng.js';
import { Solution } from './solution.js';
import { Budget, type Clock } from './stop.js';

export interface Progress {
  readonly iteration: number;
  /** Best objective so far (cost units, penalties included). */
  readonly bestCost: number;
  /** Jobs served in the best solution. */
  readonly served: number;
  readonly elapsedMs: number;
}

export interface SolveOptions {
  /** PRNG seed. Default 1. */
  readonly seed?: number;
  /** Iteration budget (deterministic). */
  readonly maxIterations?: number;
  /** Wall-clock budget in milliseconds. At least one budget is required. */
  readonly timeLimitMs?: number;
  /**
   * Clock for the time budget, in milliseconds (default: wall clock, `performance.now`). A
   * benchmark on a shared machine may pass the process's CPU time instead.
   */
  readonly clock?: Clock;
  readonly onProgress?: (p: Progress) => void;
  /** Asked before every iteration; true ends the search early with the best solution so far. */
  readonly shouldStop?: () => boolean;
  /** Call onProgress every this many iterations (default 1000) and at the end. */
  readonly progressEvery?: number;
  /**
   * Annealing temperatures at the start and at the end of the budget, as multiples of the
   * initial solution's average cost per served job. Defaults 5 and 0.01.
   */
  readonly startTemperature?: number;
  readonly endTemperature?: number;
  /** Average jobs removed per ruin. Default 10. */
  readonly averageRemoved?: number;
  /** Local search after every recreate. Default true. */
  readonly localSearch?: boolean;
  /** Local search starts from every job of the touched routes ('routes') or the reinserted jobs ('jobs'). */
  readonly localSearchScope?: 'routes' | 'jobs';
  /**
   * Routes to start from (warm start, e.g. the current plan after an edit). Invalid parts are
   * dropped (see construct.ts); the search returns nothing worse than this start, completed.
   */
  readonly initialRoutes?: readonly InitialRoute[];
  /**
   * Add the or-opt move (strings of 2-3 jobs) to the local search. Default false: on Solomon R1/RC1
   * it cost 17 % more time per iteration for no better result.
   */
  readonly orOpt?: boolean;
  /**
   * Neighbours each local-search move tries per job. Default 10 (on Solomon it beat 6 and 20 at
   * equal time). Larger problems gain from more: about jobs / 25, up to 150 (see README).
   */
  readonly localSearchNeighbours?: number;
  /** Neighbour list length for ruin (at least the local-search count). Default 40. */
  readonly neighbours?: number;
}

/** Plans routes for the problem: see README.md for the model and the algorithm. */
export function solve(input: ProblemInput | Problem, options: SolveOptions = {}): SolveResult {
  const p = input instanceof Problem ? input : new Problem(input);
  const budget = new Budget(
    options.maxIterations ?? (options.timeLimitMs === undefined ? 1000 : Infinity),
    options.timeLimitMs ?? Infinity,
    options.clock,
  );
  const rng = new Rng(options.seed ?? 1);
  // 10 is best at equal time on Solomon; larger problems gain from wider neighbourhoods (40 for
  // 1,000 customers, 150 for a Rove year of 3,600 visits: see README), which callers opt into.
  const lsK = options.localSearchNeighbours ?? 10;
  const nb = nearestJobs(p, Math.max(options.neighbours ?? 40, lsK));
  const ctx: SearchContext = { p, rng, neighbours: nb.neighbours, k: nb.k };
  const sol = new Solution(p);
  construct(ctx, p, sol, options.initialRoutes);
  const ops: LocalSearchOperator[] = options.localSearch === false ? [] : defaultOperators(lsK, options.orOpt ?? false);
  if (ops.length > 0) localSearch(ctx, sol, ops, allRoutes(sol));

  let current = sol.cost();
  let best = current;
  let bestSnap = sol.snapshot();
  let bestServed = sol.served();
  let routeCost = 0;
  for (const r of sol.routes) routeCost += r.cost;
  const scale = bestServed > 0 && routeCost > 0 ? routeCost / bestServed : 1;
  const t0 = (options.startTemperature ?? 5) * scale;
  const tf = Math.min(t0, (options.endTemperature ?? 0.01) * scale);
  const ruin = new StringRemoval(options.averageRemoved ?? 10);
  const recreate = new GreedyInsertion(0.01);
  const every = options.progressEvery ?? 1000;
  const lsScope = options.localSearchScope ?? 'routes';
  const report = (iteration: number): void =>
    options.onProgress?.({ iteration, bestCost: best, served: bestServed, elapsedMs: budget.elapsedMs() });

  let it = 0;
  const movable = p.nJobs > 0;
  const stopAsked = options.shouldStop;
  for (; movable && !budget.done(it) && !(stopAsked && stopAsked()); it++) {
    const temp = t0 * Math.pow(tf / t0, budget.progress(it));
    sol.begin();
    const removed = ruin.ruin(ctx, sol);
    // Give a few unassigned jobs another chance each iteration.
    const open = sol.unassigned().filter((j) => p.pinVehicle[j]! < 0 && !removed.includes(j));
    if (open.length > 20) rng.shuffle(open).length = 20;
    recreate.recreate(ctx, sol, removed.concat(open));
    if (ops.length > 0) {
      if (lsScope === 'routes') localSearch(ctx, sol, ops, sol.touchedRoutes());
      else localSearch(ctx, sol, ops, [], removed.concat(open));
    }
    const c = sol.cost();
    if (c < current - temp * Math.log(1 - rng.next())) {
      sol.commit();
      current = c;
      if (c < best - 1e-9) {
        best = c;
        bestSnap = sol.snapshot();
        bestServed = sol.served();
      }
    } else sol.rollback();
    if (every > 0 && (it + 1) % every === 0) report(it + 1);
  }
  sol.restore(bestSnap);
  if (ops.length > 0) {
    // The best solution was only polished where its last iteration touched it: finish the job.
    localSearch(ctx, sol, ops, allRoutes(sol));
    const c = sol.cost();
    if (c < best) {
      best = c;
      bestServed = sol.served();
    }
  }
  report(it);
  return buildResult(p, sol, it, budget.elapsedMs());
}

function allRoutes(sol: Solution): number[] {
  return sol.routes.map((_, i) => i);
}
