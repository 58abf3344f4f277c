// One vehicle's route with cached schedule data, so that inserting a job is checked in O(1)
// (O(log W) with W windows per job).
//
// Positions: 0 is the vehicle's start, 1..n the jobs, n+1 the end. For each position we keep the
// earliest start of service (the schedule that starts every job as early as possible) and the
// latest start that still lets the rest of the route finish in its windows and availability.
// Waiting is allowed and windows are hard, so arriving earlier never hurts: a route suffix is
// feasible exactly when the arrival at its first position is <= that position's latest start,
// also with several windows per job (see README "Feasibility").
//
// Route duration: the vehicle leaves its start just in time for the first job's earliest start,
// and the duration is from that departure to the arrival at its end. When a vehicle has a duration
// limit or a duration cost, an insertion re-simulates the route suffix until the schedule meets the
// old one again (usually a few stops). So does a vehicle with a work-stretch rule (work.ts): the
// cached latest starts ignore breaks, so they only rule insertions out, and a suffix simulation
// (until schedule and stretch meet the old ones) rules them in.

import type { Problem } from './problem.js';
import { freshLeg, serve, step, travel } from './work.js';

export class Route {
  readonly v: number;
  jobs: number[] = [];
  /** Location per position. */
  loc!: Int32Array;
  /** Earliest service start (position 0: departure at availability start; n+1: arrival at end). */
  start!: Float64Array;
  /** Earliest departure = start + service. */
  dep!: Float64Array;
  /** Latest start of service keeping the suffix feasible (n+1: availability end), breaks ignored. */
  lat!: Float64Array;
  /** Work stretch at the departure from each position (work-stretch rule; 0 without one). */
  wrk!: Float64Array;
  /** Distance from the start to each position, and load of the jobs at positions <= i. */
  cumDist!: Float64Array;
  cumLoad!: Float64Array;
  distance = 0;
  load = 0;
  duration = 0;
  cost = 0;
  feasible = true;
  /** Number of pinned jobs on the route. */
  pinned = 0;

  constructor(p: Problem, v: number) {
    this.v = v;
    this.allocate(8);
    this.update(p);
  }

  get size(): number {
    return this.jobs.length;
  }

  private grow(need: number): void {
    let cap = this.loc.length;
    if (need <= cap) return;
    while (cap < need) cap *= 2;
    this.allocate(cap);
  }

  /** Fresh arrays of `cap` positions (their values are set by `update`). */
  private allocate(cap: number): void {
    this.loc = new Int32Array(cap);
    this.start = new Float64Array(cap);
    this.dep = new Float64Array(cap);
    this.lat = new Float64Array(cap);
    this.wrk = new Float64Array(cap);
    this.cumDist = new Float64Array(cap);
    this.cumLoad = new Float64Array(cap);
  }

  /** Recomputes every cached value from `jobs`. O(n). */
  update(p: Problem): void {
    const jobs = this.jobs;
    const n = jobs.length;
    this.grow(n + 2);
    const v = this.v;
    const N = p.nLocations;
    const T = p.vTime[v]!;
    const D = p.dist;
    const loc = this.loc;
    const start = this.start;
    const dep = this.dep;
    const wrk = this.wrk;
    const cumDist = this.cumDist;
    const cumLoad = this.cumLoad;
    let feasible = true;
    let pinned = 0;
    loc[0] = p.vStart[v]!;
    loc[n + 1] = p.vEnd[v]!;
    start[0] = dep[0] = p.vOpen[v]!;
    wrk[0] = 0;
    cumDist[0] = 0;
    cumLoad[0] = 0;
    for (let i = 1; i <= n; i++) {
      const j = jobs[i - 1]!;
      const l = (loc[i] = p.jobLoc[j]!);
      const prev = loc[i - 1]! * N + l;
      travel(p, v, dep[i - 1]!, wrk[i - 1]!, T[prev]!);
      const a = step.time;
      let s = serve(p, v, j, a, step.stretch, i === 1);
      if (s === Infinity) {
        feasible = false;
        s = a;
        step.stretch = 0;
      }
      start[i] = s;
      dep[i] = s + p.service[j]!;
      wrk[i] = step.stretch;
      cumDist[i] = cumDist[i - 1]! + D[prev]!;
      cumLoad[i] = cumLoad[i - 1]! + p.demand[j]!;
      if (p.pinVehicle[j]! >= 0) pinned++;
      if (p.allowed[j * p.nVehicles + v] !== 1) feasible = false;
    }
    const last = loc[n]! * N + loc[n + 1]!;
    travel(p, v, dep[n]!, wrk[n]!, T[last]!);
    start[n + 1] = dep[n + 1] = step.time;
    cumDist[n + 1] = cumDist[n]! + D[last]!;
    cumLoad[n + 1] = cumLoad[n]!;
    if (start[n + 1]! > p.vClose[v]!) feasible = false;

    const lat = this.lat;
    lat[n + 1] = p.vClose[v]!;
    for (let i = n; i >= 1; i--) {
      const j = jobs[i - 1]!;
      lat[i] = p.lastStart(j, lat[i + 1]! - T[loc[i]! * N + loc[i + 1]!]! - p.service[j]!);
    }
    lat[0] = lat[1]! - T[loc[0]! * N + loc[1]!]!;

    this.pinned = pinned;
    this.load = cumLoad[n]!;
    if (n === 0) {
      this.distance = 0;
      this.duration = 0;
      this.cost = 0;
    } else {
      this.distance = cumDist[n + 1]!;
      this.duration = start[n + 1]! - (start[1]! - freshLeg(p, v, T[loc[0]! * N + loc[1]!]!));
      this.cost = p.vFixed[v]! + p.vCostDist[v]! * this.distance + p.vCostDur[v]! * this.duration;
      if (this.load > p.vCapacity[v]!) feasible = false;
      if (this.distance > p.vMaxDistance[v]!) feasible = false;
      if (this.duration > p.vMaxDuration[v]!) feasible = false;
    }
    this.feasible = feasible;
  }
}

/** Start of service of the job in the last successful `insertionCost` call (time units). */
export const lastInsertion = { start: 0 };

/**
 * Added cost of inserting job j into route r after position k (0..n), or Infinity when that breaks
 * a window, the availability, capacity, distance or duration limit, the work-stretch rule, or the
 * job's allowed vehicles. With a `bound`, also Infinity as soon as the cost is known to be at least
 * `bound` (the distance part is a lower bound when the vehicle has no duration cost), which skips
 * the window checks of positions that cannot win. Exclusive groups and noRepeat are the caller's
 * (Solution.canServe).
 */
export function insertionCost(p: Problem, r: Route, j: number, k: number, bound = Infinity): number {
  const v = r.v;
  if (p.allowed[j * p.nVehicles + v] !== 1) return Infinity;
  if (r.load + p.demand[j]! > p.vCapacity[v]!) return Infinity;
  const N = p.nLocations;
  const T = p.vTime[v]!;
  const D = p.dist;
  const lj = p.jobLoc[j]!;
  const lk = r.loc[k]!;
  const nl = r.loc[k + 1]!;
  const n = r.jobs.length;
  const dd = D[lk * N + lj]! + D[lj * N + nl]! - (n === 0 ? 0 : D[lk * N + nl]!);
  if (r.distance + dd > p.vMaxDistance[v]!) return Infinity;
  let cost = p.vCostDist[v]! * dd;
  if (n === 0) cost += p.vFixed[v]!;
  if (cost >= bound && p.vCostDur[v] === 0) return Infinity;
  const a = r.dep[k]! + T[lk * N + lj]!;
  const s0 = p.firstStart(j, a);
  if (s0 === Infinity) return Infinity;
  // Breaks only delay: the cached latest starts (which ignore them) rule out what cannot fit.
  if (s0 + p.service[j]! + T[lj * N + nl]! > r.lat[k + 1]!) return Infinity;
  let s = s0;
  if (p.vSimulate[v]) {
    const sim = simulateInsertion(p, r, j, k);
    if (sim === null) return Infinity;
    s = sim.start;
    if (p.vTracksDuration[v]) {
      if (sim.duration > p.vMaxDuration[v]!) return Infinity;
      cost += p.vCostDur[v]! * (sim.duration - r.duration);
    }
  }
  lastInsertion.start = s;
  return cost;
}

/**
 * The schedule after inserting j after position k, simulated until it meets the old one (same
 * start and stretch): j's start and the route's new duration, or null when infeasible.
 */
function simulateInsertion(p: Problem, r: Route, j: number, k: number): { start: number; duration: number } | null {
  const v = r.v;
  const N = p.nLocations;
  const T = p.vTime[v]!;
  const n = r.jobs.length;
  const lj = p.jobLoc[j]!;
  travel(p, v, r.dep[k]!, r.wrk[k]!, T[r.loc[k]! * N + lj]!);
  const s = serve(p, v, j, step.time, step.stretch, k === 0);
  if (s === Infinity) return null;
  let t = s + p.service[j]!;
  let w = step.stretch;
  let l = lj;
  let i = k + 1;
  for (; i <= n; i++) {
    const ji = r.jobs[i - 1]!;
    travel(p, v, t, w, T[l * N + r.loc[i]!]!);
    const si = serve(p, v, ji, step.time, step.stretch, false);
    if (si === Infinity) return null;
    if (si === r.start[i] && step.stretch === r.wrk[i]) break;
    t = si + p.service[ji]!;
    w = step.stretch;
    l = r.loc[i]!;
  }
  let endArr: number;
  if (i <= n) endArr = r.start[n + 1]!;
  else {
    travel(p, v, t, w, T[l * N + r.loc[n + 1]!]!);
    endArr = step.time;
    if (endArr > p.vClose[v]!) return null;
  }
  const firstStart = k === 0 ? s : r.start[1]!;
  const firstLeg = freshLeg(p, v, k === 0 ? T[r.loc[0]! * N + lj]! : T[r.loc[0]! * N + r.loc[1]!]!);
  return { start: s, duration: endArr - (firstStart - firstLeg) };
}

/**
 * Exact cost of serving `jobs` in this order with vehicle v, or Infinity when infeasible. O(n).
 * Used where cached data cannot answer (removals, moves between unlike vehicles).
 */
export function sequenceCost(p: Problem, v: number, jobs: readonly number[], from = 0, to = jobs.length): number {
  const N = p.nLocations;
  const T = p.vTime[v]!;
  const D = p.dist;
  if (from === to) return 0;
  let l = p.vStart[v]!;
  let t = p.vOpen[v]!;
  let w = 0;
  let dist = 0;
  let load = 0;
  let firstStart = 0;
  let firstLeg = 0;
  for (let i = from; i < to; i++) {
    const j = jobs[i]!;
    if (p.allowed[j * p.nVehicles + v] !== 1) return Infinity;
    const lj = p.jobLoc[j]!;
    travel(p, v, t, w, T[l * N + lj]!);
    const s = serve(p, v, j, step.time, step.stretch, i === from);
    if (s === Infinity) return Infinity;
    // Read before freshLeg, which overwrites `step`.
    w = step.stretch;
    if (i === from) {
      firstStart = s;
      firstLeg = freshLeg(p, v, T[l * N + lj]!);
    }
    dist += D[l * N + lj]!;
    load += p.demand[j]!;
    t = s + p.service[j]!;
    l = lj;
  }
  const le = p.vEnd[v]!;
  travel(p, v, t, w, T[l * N + le]!);
  t = step.time;
  dist += D[l * N + le]!;
  if (t > p.vClose[v]!) return Infinity;
  if (load > p.vCapacity[v]!) return Infinity;
  if (dist > p.vMaxDistance[v]!) return Infinity;
  const dur = t - (firstStart - firstLeg);
  if (dur > p.vMaxDuration[v]!) return Infinity;
  return p.vFixed[v]! + p.vCostDist[v]! * dist + p.vCostDur[v]! * dur;
}
