// Independent feasibility checker: recomputes every route from the raw input, sharing no code
// with the solver's own evaluation. Used by the Solomon benchmark, the CLI and the tests.

import type { Matrix, ProblemInput } from '../../../jobs/solver/index.js';

export interface CheckedRoute {
  readonly vehicle: number;
  readonly jobs: readonly number[];
}

export interface CheckReport {
  readonly errors: string[];
  /** Σ route distances, recomputed in double precision. */
  readonly distance: number;
  readonly vehicles: number;
  /** Objective recomputed: fixed + per-distance + per-duration costs + penalties of unassigned jobs. */
  readonly cost: number;
}

function at(m: Matrix, i: number, j: number): number {
  if (Array.isArray(m)) return (m as number[][])[i]![j]!;
  const f = m as { size: number; data: ArrayLike<number> };
  return f.data[i * f.size + j]!;
}

/**
 * Checks routes against the input's rules. `unassigned` must list every job not on a route.
 * `eps` tolerates float round-off in window comparisons (0 for integer data).
 */
export function independentCheck(
  input: ProblemInput,
  routes: readonly CheckedRoute[],
  unassigned: readonly number[],
  eps = 0,
): CheckReport {
  const errors: string[] = [];
  const seen = new Map<number, string>();
  const note = (j: number, where: string): void => {
    if (j < 0 || j >= input.jobs.length || !Number.isInteger(j)) errors.push(`unknown job ${j} in ${where}`);
    else if (seen.has(j)) errors.push(`job ${j} appears in ${seen.get(j)} and ${where}`);
    else seen.set(j, where);
  };
  const usedVehicles = new Set<number>();
  const T = input.durations;
  const Dm = input.distances ?? input.durations;
  let total = 0;
  let used = 0;
  let cost = 0;
  for (const r of routes) {
    const v = r.vehicle;
    const veh = input.vehicles[v];
    if (!veh) {
      errors.push(`route with unknown vehicle ${v}`);
      continue;
    }
    if (usedVehicles.has(v)) errors.push(`vehicle ${v} has two routes`);
    usedVehicles.add(v);
    if (r.jobs.length === 0) continue;
    used++;
    const open = veh.window?.start ?? 0;
    const close = veh.window?.end ?? Infinity;
    let loc = veh.start;
    let time = open;
    let dist = 0;
    let load = 0;
    let departure = NaN;
    r.jobs.forEach((j, idx) => {
      note(j, `route of vehicle ${v}`);
      const job = input.jobs[j];
      if (!job) return;
      if (job.allowedVehicles && !job.allowedVehicles.includes(v)) errors.push(`job ${j} on vehicle ${v}, not allowed`);
      if (job.pin && job.pin.vehicle !== v) errors.push(`pinned job ${j} on vehicle ${v}, pinned to ${job.pin.vehicle}`);
      const travel = at(T, loc, job.location);
      const arrival = time + travel;
      dist += at(Dm, loc, job.location);
      let start = NaN;
      if (job.pin?.start !== undefined) {
        if (arrival <= job.pin.start + eps) start = job.pin.start;
      } else if (!job.windows || job.windows.length === 0) start = arrival;
      else {
        for (const w of job.windows) {
          if (arrival <= w.end + eps) {
            start = Math.max(arrival, w.start);
            break;
          }
        }
      }
      if (Number.isNaN(start)) {
        errors.push(`job ${j} on vehicle ${v}: arrival ${arrival} after its last window`);
        start = arrival;
      }
      if (idx === 0) departure = start - travel;
      time = start + (job.service ?? 0);
      load += job.demand ?? 0;
      loc = job.location;
    });
    const back = time + at(T, loc, veh.end);
    dist += at(Dm, loc, veh.end);
    if (back > close + eps) errors.push(`vehicle ${v} returns at ${back}, after ${close}`);
    if (load > (veh.capacity ?? Infinity)) errors.push(`vehicle ${v} load ${load} above capacity ${veh.capacity}`);
    if (dist > (veh.maxDistance ?? Infinity) + eps) errors.push(`vehicle ${v} distance ${dist} above ${veh.maxDistance}`);
    if (back - departure > (veh.maxDuration ?? Infinity) + eps) errors.push(`vehicle ${v} duration ${back - departure} above ${veh.maxDuration}`);
    total += dist;
    cost += (veh.fixedCost ?? 0) + (veh.costPerDistance ?? 1) * dist + (veh.costPerDuration ?? 0) * (back - departure);
  }
  for (const j of unassigned) {
    note(j, 'unassigned');
    const job = input.jobs[j];
    if (job) cost += job.penalty ?? 1e9 * (job.priority ?? 1);
  }
  for (let j = 0; j < input.jobs.length; j++) if (!seen.has(j)) errors.push(`job ${j} neither served nor unassigned`);
  return { errors, distance: total, vehicles: used, cost };
}
