// A solution under search: one Route per vehicle, the route and position of every job, and a
// journal that lets the search undo an iteration by restoring only the routes it touched. It also
// counts what the rules across routes need: the used vehicles of each exclusive group, and the
// jobs of each noRepeat key on each vehicle kind.

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
  /** Used (non-empty) routes per exclusive group. */
  private readonly groupUsed: Int32Array;
  /** Jobs per (noRepeat key, vehicle kind), at key × nKinds + kind. */
  private readonly keyKind: Int32Array;

  constructor(p: Problem) {
    this.p = p;
    this.routes = [];
    for (let v = 0; v < p.nVehicles; v++) this.routes.push(new Route(p, v));
    this.routeOf = new Int32Array(p.nJobs).fill(-1);
    this.posOf = new Int32Array(p.nJobs);
    this.groupUsed = new Int32Array(p.nGroups);
    this.keyKind = new Int32Array(p.nKinds > 0 ? p.nRepeatKeys * p.nKinds : 0);
  }

  /** True when vehicle v may serve jobs: it already does, or no other vehicle of its groups does. */
  canOpen(v: number): boolean {
    if (this.routes[v]!.size > 0) return true;
    const p = this.p;
    for (let g = p.groupOffset[v]!; g < p.groupOffset[v + 1]!; g++) if (this.groupUsed[p.groupList[g]!]! > 0) return false;
    return true;
  }

  /**
   * True when job j may join vehicle v's route as far as the rules across routes go: v may open,
   * and no other job of j's noRepeat key is on a vehicle of v's kind (`leaving`: jobs that leave
   * that kind in the same move and so do not count).
   */
  canServe(j: number, v: number, leaving?: readonly number[]): boolean {
    if (!this.canOpen(v)) return false;
    return this.repeatFree(j, v, leaving);
  }

  /** The noRepeat part of canServe. */
  repeatFree(j: number, v: number, leaving?: readonly number[]): boolean {
    const p = this.p;
    const key = p.jobKey[j]!;
    const kind = p.vKind[v]!;
    if (key < 0 || kind < 0) return true;
    let n = this.keyKind[key * p.nKinds + kind]!;
    const r = this.routeOf[j]!;
    if (r >= 0 && p.vKind[this.routes[r]!.v] === kind) n--;
    if (leaving) for (const x of leaving) if (x !== j && p.jobKey[x] === key && this.routeOf[x]! >= 0 && p.vKind[this.routes[this.routeOf[x]!]!.v] === kind) n--;
    return n <= 0;
  }

  /** Adds (+1) or removes (-1) the route contents' share of the cross-route counts. */
  private count(r: number, jobs: readonly number[], sign: 1 | -1): void {
    const p = this.p;
    const v = this.routes[r]!.v;
    const kind = p.vKind[v]!;
    if (kind >= 0) for (const j of jobs) if (p.jobKey[j]! >= 0) this.keyKind[p.jobKey[j]! * p.nKinds + kind]! += sign;
  }

  private used(r: number, wasEmpty: boolean): void {
    const p = this.p;
    const isEmpty = this.routes[r]!.size === 0;
    if (wasEmpty === isEmpty) return;
    const v = this.routes[r]!.v;
    const d = isEmpty ? -1 : 1;
    for (let g = p.groupOffset[v]!; g < p.groupOffset[v + 1]!; g++) this.groupUsed[p.groupList[g]!]! += d;
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
    const wasEmpty = route.size === 0;
    for (const j of route.jobs) if (this.routeOf[j] === r) this.routeOf[j] = -1;
    this.count(r, route.jobs, -1);
    route.jobs = jobs;
    this.count(r, jobs, 1);
    route.update(this.p);
    this.used(r, wasEmpty);
    this.index(r);
  }

  /** Inserts job j into route r after position k (0..n). */
  insert(j: number, r: number, k: number): void {
    this.touch(r);
    const route = this.routes[r]!;
    const wasEmpty = route.size === 0;
    route.jobs.splice(k, 0, j);
    this.count(r, [j], 1);
    route.update(this.p);
    this.used(r, wasEmpty);
    this.index(r);
  }

  /** Removes the jobs at 1-based positions in `positions` (any order) from route r. */
  removeAt(r: number, positions: readonly number[]): void {
    this.touch(r);
    const route = this.routes[r]!;
    const wasEmpty = route.size === 0;
    const drop = new Set(positions);
    const kept: number[] = [];
    const dropped: number[] = [];
    route.jobs.forEach((j, i) => {
      if (drop.has(i + 1)) {
        this.routeOf[j] = -1;
        dropped.push(j);
      } else kept.push(j);
    });
    this.count(r, dropped, -1);
    route.jobs = kept;
    route.update(this.p);
    this.used(r, wasEmpty);
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
