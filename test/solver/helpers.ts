// Small instance builders for the solver tests.

import type { JobInput, ProblemInput, SolveResult, VehicleInput } from '../../jobs/solver/index.js';
import { independentCheck } from '../helpers/solver/independent-check.js';

/** Integer Manhattan distances between points (obeys the triangle inequality). */
export function manhattan(points: readonly (readonly [number, number])[]): number[][] {
  return points.map(([x1, y1]) => points.map(([x2, y2]) => Math.abs(x1 - x2) + Math.abs(y1 - y2)));
}

/** Points on a line: location i at x = xs[i]. */
export function line(xs: readonly number[]): number[][] {
  return xs.map((a) => xs.map((b) => Math.abs(a - b)));
}

export function problem(matrix: number[][], jobs: JobInput[], vehicles: VehicleInput[]): ProblemInput {
  return { durations: matrix, distances: matrix, jobs, vehicles };
}

export function routesOf(result: SolveResult): { vehicle: number; jobs: number[] }[] {
  return result.routes.map((r) => ({ vehicle: r.vehicle, jobs: r.stops.map((s) => s.job) }));
}

/** Independent re-check of a solver result; returns the error list. */
export function recheck(input: ProblemInput, result: SolveResult): string[] {
  return independentCheck(
    input,
    routesOf(result),
    result.unassigned.map((u) => u.job),
  ).errors;
}
