// Turning a solution into the caller's result: schedules per stop, the cost broken down, and a
// readable reason for every unassigned job.

import type { Problem } from './problem.js';
import type { Route } from './route.js';
import type { Solution } from './solution.js';
import { freshLeg, step, travel } from './work.js';

/** One visit on a route. Times in time units. */
export interface Stop {
  /** Job index (input order) and the caller's id if given. */
  readonly job: number;
  readonly jobId?: string;
  readonly location: number;
  /** Arrival at the location, start and end of service; waiting = start - arrival. */
  readonly arrival: number;
  readonly start: number;
  readonly end: number;
}

export interface RouteResult {
  readonly vehicle: number;
  readonly vehicleId?: string;
  readonly stops: Stop[];
  /** Departure from the start location (just in time for the first stop) and arrival at the end. */
  readonly departure: number;
  readonly arrival: number;
  readonly distance: number;
  readonly duration: number;
  readonly load: number;
  /** fixed + per-distance + per-duration cost of this route. */
  readonly cost: number;
}

export type UnassignedReason = 'no-allowed-vehicle' | 'no-reachable-window' | 'route-limit' | 'capacity' | 'displaced';

export interface Unassigned {
  readonly job: number;
  readonly jobId?: string;
  readonly reason: UnassignedReason;
  /** English explanation; `reason` is the stable code to translate. */
  readonly message: string;
}

export interface CostBreakdown {
  /** Σ costPerDistance × route distance. */
  readonly distance: number;
  /** Σ costPerDuration × route duration. */
  readonly duration: number;
  /** Σ fixed costs of used vehicles. */
  readonly fixed: number;
  /** Σ penalties of unassigned jobs. */
  readonly penalties: number;
  readonly total: number;
}

export interface SolveResult {
  readonly routes: RouteResult[];
  readonly unassigned: Unassigned[];
  readonly cost: CostBreakdown;
  /** Raw totals over all routes (distance and time units). */
  readonly totalDistance: number;
  readonly totalDuration: number;
  readonly served: number;
  readonly iterations: number;
  readonly elapsedMs: number;
}

export function routeResult(p: Problem, route: Route): RouteResult {
  const v = route.v;
  const N = p.nLocations;
  const stops: Stop[] = [];
  const n = route.size;
  const T = p.vTime[v]!;
  const departure = n === 0 ? route.start[0]! : route.start[1]! - freshLeg(p, v, T[route.loc[0]! * N + route.loc[1]!]!);
  for (let i = 1; i <= n; i++) {
    const j = route.jobs[i - 1]!;
    travel(p, v, route.dep[i - 1]!, route.wrk[i - 1]!, T[route.loc[i - 1]! * N + route.loc[i]!]!);
    const arrival = i === 1 ? route.start[1]! : step.time;
    const id = p.input.jobs[j]!.id;
    stops.push({
      job: j,
      ...(id !== undefined ? { jobId: id } : {}),
      location: route.loc[i]!,
      arrival,
      start: route.start[i]!,
      end: route.dep[i]!,
    });
  }
  const vid = p.input.vehicles[v]!.id;
  return {
    vehicle: v,
    ...(vid !== undefined ? { vehicleId: vid } : {}),
    stops,
    departure,
    arrival: route.start[n + 1]!,
    distance: route.distance,
    duration: route.duration,
    load: route.load,
    cost: route.cost,
  };
}

const MESSAGES: Record<UnassignedReason, string> = {
  'no-allowed-vehicle': 'No vehicle is allowed to serve this job.',
  'no-reachable-window': 'No allowed vehicle can reach any of its time windows within its availability.',
  'route-limit': "Serving it would exceed every allowed vehicle's maximum route duration or distance.",
  capacity: 'Its demand exceeds the capacity of every allowed vehicle.',
  displaced: 'It could be served alone, but the vehicles are taken by other (higher-priority or cheaper) work.',
};

/** Why job j cannot be served: tries it alone on an empty route of each allowed vehicle. */
export function classifyUnassigned(p: Problem, j: number): UnassignedReason {
  const N = p.nLocations;
  const l = p.jobLoc[j]!;
  // Stages: 0 window fails, 1 limit fails, 2 capacity fails, 3 feasible alone.
  let stage = -1;
  for (let v = 0; v < p.nVehicles; v++) {
    if (!p.isAllowed(j, v)) continue;
    const s0 = p.vStart[v]!;
    const e0 = p.vEnd[v]!;
    const T = p.vTime[v]!;
    const s = p.firstStart(j, p.vOpen[v]! + T[s0 * N + l]!);
    if (s === Infinity || s + p.service[j]! + T[l * N + e0]! > p.vClose[v]!) {
      stage = Math.max(stage, 0);
      continue;
    }
    const dist = p.dist[s0 * N + l]! + p.dist[l * N + e0]!;
    const dur = T[s0 * N + l]! + p.service[j]! + T[l * N + e0]!;
    if (dist > p.vMaxDistance[v]! || dur > p.vMaxDuration[v]!) {
      stage = Math.max(stage, 1);
      continue;
    }
    if (p.demand[j]! > p.vCapacity[v]!) {
      stage = Math.max(stage, 2);
      continue;
    }
    stage = 3;
    break;
  }
  return stage === -1 ? 'no-allowed-vehicle' : (['no-reachable-window', 'route-limit', 'capacity', 'displaced'] as const)[stage]!;
}

export function unassignedEntry(p: Problem, j: number): Unassigned {
  const reason = classifyUnassigned(p, j);
  const id = p.input.jobs[j]!.id;
  return { job: j, ...(id !== undefined ? { jobId: id } : {}), reason, message: MESSAGES[reason] };
}

export function buildResult(p: Problem, sol: Solution, iterations: number, elapsedMs: number): SolveResult {
  const routes: RouteResult[] = [];
  let distance = 0;
  let duration = 0;
  let fixed = 0;
  let totalDistance = 0;
  let totalDuration = 0;
  for (const route of sol.routes) {
    if (route.size === 0) continue;
    routes.push(routeResult(p, route));
    distance += p.vCostDist[route.v]! * route.distance;
    duration += p.vCostDur[route.v]! * route.duration;
    fixed += p.vFixed[route.v]!;
    totalDistance += route.distance;
    totalDuration += route.duration;
  }
  const unassigned = sol.unassigned().map((j) => unassignedEntry(p, j));
  let penalties = 0;
  for (const u of unassigned) penalties += p.penalty[u.job]!;
  return {
    routes,
    unassigned,
    cost: { distance, duration, fixed, penalties, total: distance + duration + fixed + penalties },
    totalDistance,
    totalDuration,
    served: p.nJobs - unassigned.length,
    iterations,
    elapsedMs,
  };
}
