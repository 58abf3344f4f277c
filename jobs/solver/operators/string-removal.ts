// Ruin by adjacent string removal (SISR: Christiaens & Vanden Berghe, "Slack induction by string
// removals for vehicle routing problems", Transportation Science 54(2), 2020): remove a few strings
// of consecutive jobs from routes that lie near a random seed job, sometimes keeping a middle piece
// ("split string"). Removing nearby strings frees slack in time and capacity where it is useful.
// Pinned jobs are never removed.

import { sequenceCost } from '../route.js';
import type { Solution } from '../solution.js';
import type { RuinOperator, SearchContext } from './operator.js';

export class StringRemoval implements RuinOperator {
  readonly name = 'string-removal';

  constructor(
    /** Average number of jobs removed (SISR's c̄). */
    readonly averageRemoved = 10,
    /** Longest string (SISR's L_max). */
    readonly maxString = 10,
    /** Probability of the split-string variant. */
    readonly splitRate = 0.5,
    /** Controls how many jobs a split string keeps (smaller keeps more). */
    readonly splitDepth = 0.01,
  ) {}

  ruin(ctx: SearchContext, sol: Solution): number[] {
    const { p, rng, neighbours, k } = ctx;
    let used = 0;
    let total = 0;
    for (const r of sol.routes) {
      if (r.size > 0) {
        used++;
        total += r.size;
      }
    }
    if (used === 0) return [];
    const lsMax = Math.min(this.maxString, total / used);
    const ksMax = (4 * this.averageRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng.next() * ksMax) + 1;

    // Seed: a random served job.
    let seed = rng.int(p.nJobs);
    for (let tries = 0; sol.routeOf[seed] === -1 && tries < p.nJobs; tries++) seed = (seed + 1) % p.nJobs;
    if (sol.routeOf[seed] === -1) return [];

    const removed: number[] = [];
    const ruined = new Set<number>();
    for (let i = -1; i < k && ruined.size < ks; i++) {
      const c = i < 0 ? seed : neighbours[seed * k + i]!;
      const r = sol.routeOf[c]!;
      if (r === -1 || ruined.has(r)) continue;
      ruined.add(r);
      const route = sol.routes[r]!;
      const t = route.size;
      const lMax = Math.min(t, lsMax);
      const l = Math.floor(rng.next() * lMax) + 1;
      const pos = sol.posOf[c]!;
      const positions: number[] = [];
      if (l >= t || rng.next() >= this.splitRate) {
        const lo = Math.max(1, pos - l + 1);
        const hi = Math.min(pos, t - l + 1);
        const first = lo + rng.int(hi - lo + 1);
        for (let q = first; q < first + l; q++) positions.push(q);
      } else {
        let m = 1;
        while (l + m < t && rng.next() >= this.splitDepth) m++;
        const len = l + m;
        const lo = Math.max(1, pos - len + 1);
        const hi = Math.min(pos, t - len + 1);
        const first = lo + rng.int(hi - lo + 1);
        const keepAt = first + rng.int(l + 1);
        for (let q = first; q < first + len; q++) if (q < keepAt || q >= keepAt + m) positions.push(q);
      }
      const drop = positions.filter((q) => p.pinVehicle[route.jobs[q - 1]!]! < 0);
      if (drop.length === 0) continue;
      // Removing jobs keeps a route feasible when travel times obey the triangle inequality; real
      // road matrices may not, so check.
      const dropSet = new Set(drop);
      const rest = route.jobs.filter((_, q) => !dropSet.has(q + 1));
      if (rest.length > 0 && sequenceCost(p, route.v, rest) === Infinity) continue;
      for (const q of drop) removed.push(route.jobs[q - 1]!);
      sol.removeAt(r, drop);
    }
    return removed;
  }
}
