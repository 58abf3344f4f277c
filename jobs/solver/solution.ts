// A solution under search: one Route per vehicle, the route and position of every job, and a
// journal that lets the search undo an iteration by restoring only the routes it touched.

import type { Problem } from './problem.js';
import { Route } from './route.js';

export class Solution {
  readonly p: Problem;
  readonly routes: Route[];
  /** Route index of each job, -1 when unassigned. */
  readonly routeOf: Int32Array;
  /** 1-based position of each job in its route. */
  readonly posOf: Int32Array;
  private journal: Map<number, number[]> | null = null;

  constructor(p: Problem) {
    this.p = p;
    this.routes = [];
    for (let v = 0; v < p.nVehicles; v++) this.routes.push(new Route(p, v));
    this.routeOf = new Int32Array(p.nJobs).fill(-1);
    this.posOf = new Int32Array(p.nJobs);
  }

  /** Total objective: route costs plus penalties of unassigned jobs. */
  cost(): number {
    let c = 0;
    for (const r of this.routes) c += r.cost;
    const pen = this.p.penalty;
    for (let j = 0; j < this.p.nJobs; j++) if (this.routeOf[j] === -1) c += pen[j]!;
    return c;
  }

  served(): number {
    let k = 0;
    for (let j = 0; j < this.p.nJobs; j++) if (this.routeOf[j] !== -1) k++;
    return k;
  }

  unassigned(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.p.nJobs; j++) if (this.routeOf[j] === -1) out.push(j);
    return out;
  }

  /** Starts recording route contents so that `rollback` can restore them. */
  begin(): void {
    this.journal = new Map();
  }

  commit(): void {
    this.journal = null;
  }

  /** Restores every route touched since `begin`. */
  rollback(): void {
    const journal = this.journal;
    if (!journal) return;
    this.journal = null;
    for (const r of journal.keys()) for (const j of this.routes[r]!.jobs) this.routeOf[j] = -1;
    for (const [r, jobs] of journal) this.setJobs(r, jobs);
  }

  /** Routes changed since `begin`. */
  touchedRoutes(): number[] {
    return this.journal ? [...this.journal.keys()] : [];
  }

  private touch(r: number): void {
    if (this.journal && !this.journal.has(r)) this.journal.set(r, this.routes[r]!.jobs.slice());
  }

  /** Replaces the jobs of route r (jobs leaving it become unassigned unless placed elsewhere). */
  setJobs(r: number, jobs: number[]): void {
    this.touch(r);
    const route = this.routes[r]!;
    for (const j of route.jobs) if (this.routeOf[j] === r) this.routeOf[j] = -1;
    route.jobs = jobs;
    route.update(this.p);
    this.index(r);
  }

  /** Inserts job j into route r after position k (0..n). */
  insert(j: number, r: number, k: number): void {
    this.touch(r);
    const route = this.routes[r]!;
    route.jobs.splice(k, 0, j);
    route.update(this.p);
    this.index(r);
  }

  /** Removes the jobs at 1-based positions in `positions` (any order) from route r. */
  removeAt(r: number, positions: readonly number[]): void {
    this.touch(r);
    const route = this.routes[r]!;
    const drop = new Set(positions);
    const kept: number[] = [];
    route.jobs.forEach((j, i) => {
      if (drop.has(i + 1)) this.routeOf[j] = -1;
      else kept.push(j);
    });
    route.jobs = kept;
    route.update(this.p);
    this.index(r);
  }

  private index(r: number): void {
    const jobs = this.routes[r]!.jobs;
    for (let i = 0; i < jobs.length; i++) {
      this.routeOf[jobs[i]!] = r;
      this.posOf[jobs[i]!] = i + 1;
    }
  }

  /** Plain copy of the route contents (for keeping the best solution). */
  snapshot(): number[][] {
    return this.routes.map((r) => r.jobs.slice());
  }

  restore(snap: readonly number[][]): void {
    this.routeOf.fill(-1);
    snap.forEach((jobs, r) => this.setJobs(r, jobs.slice()));
  }
}
