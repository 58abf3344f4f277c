// The one small interface every search operator implements, and the context they share.

import type { Problem } from '../problem.js';
import type { Route } from '../route.js';
import type { Rng } from '../rng.js';
import type { Solution } from '../solution.js';

export interface SearchContext {
  readonly p: Problem;
  readonly rng: Rng;
  /** neighbours[j * k .. j * k + k): the k jobs nearest to job j (by distance both ways), nearest first. */
  readonly neighbours: Int32Array;
  readonly k: number;
}

/** Removes some jobs from the solution and returns them (ruin). */
export interface RuinOperator {
  readonly name: string;
  ruin(ctx: SearchContext, sol: Solution): number[];
}

/** Puts jobs back into the solution; jobs it cannot place stay unassigned (recreate). */
export interface RecreateOperator {
  readonly name: string;
  recreate(ctx: SearchContext, sol: Solution, jobs: number[]): void;
}

/**
 * A local-search move family: looks for an improving move that involves job u and one of its
 * neighbours, applies the first it finds and returns the routes it changed (empty: none found).
 */
export interface LocalSearchOperator {
  readonly name: string;
  apply(ctx: SearchContext, sol: Solution, u: number): number[];
}

/** Moves that save less than this are ignored, so float noise cannot make the search cycle. */
export const MIN_GAIN = 1e-9;

/** Where job u stands when a move may take it: routed and not pinned to a vehicle (else null). */
export function movable(p: Problem, sol: Solution, u: number): { r: number; route: Route; i: number } | null {
  if (p.pinVehicle[u]! >= 0) return null;
  const r = sol.routeOf[u]!;
  return r === -1 ? null : { r, route: sol.routes[r]!, i: sol.posOf[u]! };
}
