// Plan mode: check hand-made routes (e.g. after a drag-and-drop on the calendar) against the same
// rules the solver keeps, and return typed violations with the stop each concerns. O(stops),
// no search: answers in well under a millisecond for routes of a few hundred stops.

import type { Problem } from './problem.js';
import { serve, serveAt, step, travel } from './work.js';

/** A route as a person made it: jobs in visit order, optionally with chosen start times. */
export interface PlannedRoute {
  readonly vehicle: number;
  readonly jobs: readonly number[];
  /** Chosen start of service per stop (time units); missing entries start as early as possible. */
  readonly starts?: readonly (number | null | undefined)[];
}

export type ViolationType =
  | 'late' // arrives after the job's last window closed, or back at the end after availability
  | 'outside-window' // a chosen start lies in none of the job's windows (or off its pinned start)
  | 'overlap' // a chosen start is before the vehicle can be there (previous stop + travel)
  | 'duration' // route longer than the vehicle's maximum duration
  | 'distance' // route longer than the vehicle's maximum distance
  | 'capacity' // load above the vehicle's capacity
  | 'disallowed-vehicle' // job not allowed on (or pinned to another than) this vehicle
  | 'duplicate' // job appears more than once in the plan
  | 'work-stretch' // more work in a row than the vehicle's maxWorkStretch allows
  | 'exclusive' // two vehicles of one exclusive group both serve jobs
  | 'repeat' // two jobs of one noRepeat key on vehicles of one kind
  | 'unknown'; // vehicle or job index out of range

export interface Violation {
  readonly type: ViolationType;
  /** Index into the given routes. */
  readonly route: number;
  /** 1-based stop position; 0 = the route as a whole; stops + 1 = the return to the end. */
  readonly position: number;
  readonly job?: number;
  /** How far over (time, distance or capacity units), when it applies. */
  readonly amount?: number;
  readonly message: string;
}

export interface CheckedStop {
  readonly job: number;
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
}

export interface CheckedRoute {
  readonly vehicle: number;
  readonly stops: CheckedStop[];
  readonly departure: number;
  readonly arrival: number;
  readonly distance: number;
  readonly duration: number;
  readonly load: number;
}

export interface PlanCheck {
  readonly ok: boolean;
  readonly violations: Violation[];
  readonly routes: CheckedRoute[];
  /** Jobs on no route (not a violation in itself). */
  readonly unassigned: number[];
}

/** Checks routes against windows, availability, limits, capacity, work stretches, allowed vehicles, groups and noRepeat. */
export function checkPlan(p: Problem, routes: readonly PlannedRoute[]): PlanCheck {
  const violations: Violation[] = [];
  const out: CheckedRoute[] = [];
  const seen = new Uint8Array(p.nJobs);
  routes.forEach((r, ri) => {
    const v = r.vehicle;
    if (!Number.isInteger(v) || v < 0 || v >= p.nVehicles) {
      violations.push({ type: 'unknown', route: ri, position: 0, message: `Vehicle ${v} does not exist.` });
      return;
    }
    out.push(checkRoute(p, r, ri, seen, violations));
  });
  violations.push(...acrossRoutes(p, routes));
  const unassigned: number[] = [];
  for (let j = 0; j < p.nJobs; j++) if (!seen[j]) unassigned.push(j);
  return { ok: violations.length === 0, violations, routes: out, unassigned };
}

/** One route's schedule and the violations within it. */
function checkRoute(p: Problem, r: PlannedRoute, ri: number, seen: Uint8Array, violations: Violation[]): CheckedRoute {
  const v = r.vehicle;
  const N = p.nLocations;
  const T = p.vTime[v]!;
  const stops: CheckedStop[] = [];
  let loc = p.vStart[v]!;
  let time = p.vOpen[v]!;
  let stretch = 0;
  let dist = 0;
  let load = 0;
  let departure = time;
  for (let i = 0; i < r.jobs.length; i++) {
    const j = r.jobs[i]!;
    const pos = i + 1;
    if (!Number.isInteger(j) || j < 0 || j >= p.nJobs) {
      violations.push({ type: 'unknown', route: ri, position: pos, job: j, message: `Job ${j} does not exist.` });
      continue;
    }
    if (seen[j]) violations.push({ type: 'duplicate', route: ri, position: pos, job: j, message: `Job ${j} is planned more than once.` });
    seen[j] = 1;
    if (!p.isAllowed(j, v))
      violations.push({ type: 'disallowed-vehicle', route: ri, position: pos, job: j, message: `Job ${j} may not be served by vehicle ${v}.` });
    const lj = p.jobLoc[j]!;
    const leg = T[loc * N + lj]!;
    const first = stops.length === 0;
    travel(p, v, time, first ? 0 : stretch, leg);
    const arrival = step.time;
    const arrivalStretch = step.stretch;
    dist += p.dist[loc * N + lj]!;
    load += p.demand[j]!;
    const chosen = r.starts?.[i];
    let start: number;
    if (chosen !== undefined && chosen !== null) {
      start = chosen;
      if (start < arrival)
        violations.push({ type: 'overlap', route: ri, position: pos, job: j, amount: arrival - start, message: `Job ${j} starts ${arrival - start} before the vehicle can arrive.` });
      if (p.firstStart(j, start) !== start)
        violations.push({ type: 'outside-window', route: ri, position: pos, job: j, message: `Job ${j} starts outside its time windows.` });
      stretch = serveAt(p, v, j, arrival, arrivalStretch, first, start);
    } else {
      start = serve(p, v, j, arrival, arrivalStretch, first);
      stretch = step.stretch;
      if (start === Infinity && p.firstStart(j, arrival) !== Infinity) {
        start = p.firstStart(j, arrival);
        stretch = Infinity;
      } else if (start === Infinity) {
        const lastEnd = p.winEnd[p.winOffset[j + 1]! - 1]!;
        violations.push({ type: 'late', route: ri, position: pos, job: j, amount: arrival - lastEnd, message: `Job ${j}: arrival after its last window closed.` });
        start = arrival;
        stretch = 0;
      }
    }
    if (stretch === Infinity) {
      violations.push({ type: 'work-stretch', route: ri, position: pos, job: j, message: `Job ${j} makes the crew of vehicle ${v} work longer than it may without a break.` });
      stretch = 0;
    }
    if (first) departure = Math.max(p.vOpen[v]!, start - (arrival - time));
    stops.push({ job: j, arrival, start, end: start + p.service[j]! });
    time = start + p.service[j]!;
    loc = lj;
  }
  travel(p, v, time, stretch, T[loc * N + p.vEnd[v]!]!);
  const back = step.time;
  dist += stops.length > 0 ? p.dist[loc * N + p.vEnd[v]!]! : 0;
  const end = stops.length + 1;
  if (back > p.vClose[v]!)
    violations.push({ type: 'late', route: ri, position: end, amount: back - p.vClose[v]!, message: `Vehicle ${v} returns after its availability ends.` });
  const duration = stops.length > 0 ? back - departure : 0;
  if (duration > p.vMaxDuration[v]!)
    violations.push({ type: 'duration', route: ri, position: 0, amount: duration - p.vMaxDuration[v]!, message: `Route of vehicle ${v} exceeds its maximum duration.` });
  if (dist > p.vMaxDistance[v]!)
    violations.push({ type: 'distance', route: ri, position: 0, amount: dist - p.vMaxDistance[v]!, message: `Route of vehicle ${v} exceeds its maximum distance.` });
  if (load > p.vCapacity[v]!)
    violations.push({ type: 'capacity', route: ri, position: 0, amount: load - p.vCapacity[v]!, message: `Load of vehicle ${v} exceeds its capacity.` });
  return { vehicle: v, stops, departure, arrival: stops.length > 0 ? back : departure, distance: dist, duration, load };
}

/** The rules across routes: one used vehicle per exclusive group, one job per noRepeat key and vehicle kind. */
function acrossRoutes(p: Problem, routes: readonly PlannedRoute[]): Violation[] {
  const out: Violation[] = [];
  const groupRoute = new Map<number, number>();
  const keyKind = new Map<number, number>();
  routes.forEach((r, ri) => {
    const v = r.vehicle;
    if (!Number.isInteger(v) || v < 0 || v >= p.nVehicles || r.jobs.length === 0) return;
    for (let g = p.groupOffset[v]!; g < p.groupOffset[v + 1]!; g++) {
      const other = groupRoute.get(p.groupList[g]!);
      if (other !== undefined && routes[other]!.vehicle !== v)
        out.push({ type: 'exclusive', route: ri, position: 0, message: `Vehicle ${v} and vehicle ${routes[other]!.vehicle} may not both be used.` });
      else groupRoute.set(p.groupList[g]!, ri);
    }
    const kind = p.vKind[v]!;
    if (kind < 0) return;
    r.jobs.forEach((j, i) => {
      if (!Number.isInteger(j) || j < 0 || j >= p.nJobs || p.jobKey[j]! < 0) return;
      const k = p.jobKey[j]! * p.nKinds + kind;
      if (keyKind.has(k)) out.push({ type: 'repeat', route: ri, position: i + 1, job: j, message: `Job ${j} repeats job ${keyKind.get(k)} on a vehicle of the same kind.` });
      else keyKind.set(k, j);
    });
  });
  return out;
}
