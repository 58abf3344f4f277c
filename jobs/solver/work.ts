// The work-stretch rule (VehicleInput.maxWorkStretch): at most M time units of travel, service
// and short waits between two breaks, where a break is a wait of at least the vehicle's minBreak.
// A schedule takes a break as late as it can: inside a leg when the stretch would run over, or
// before a service that would run over; waiting for a window that long is a break too. Taking
// breaks as late as possible gives the earliest schedule when times are whole multiples of
// minBreak (as Rove's day units are): an earlier arrival can always rest into a later one.

import type { Problem } from './problem.js';

/** Result of the last `travel` or `serve` call (no allocation on the hot path). */
export const step = { time: 0, stretch: 0 };

/** Drives a leg of `T` from time t with stretch w on vehicle v: arrival in step.time, stretch in step.stretch. */
export function travel(p: Problem, v: number, t: number, w: number, T: number): void {
  const M = p.vMaxStretch[v]!;
  if (M === Infinity || w + T <= M) {
    step.time = t + T;
    step.stretch = w + T;
    return;
  }
  const rest = T - Math.max(0, M - w);
  const breaks = Math.ceil(rest / M);
  step.time = t + T + breaks * p.vMinBreak[v]!;
  step.stretch = rest - (breaks - 1) * M;
}

/**
 * Start of service at job j for an arrival at a with stretch w (Infinity when no window fits or
 * the service cannot be worked within the rule); step.stretch is then the stretch after the
 * service. `first`: the vehicle left its start just in time, so a wait before this job is not work.
 */
export function serve(p: Problem, v: number, j: number, a: number, w: number, first: boolean): number {
  let s = p.firstStart(j, a);
  const M = p.vMaxStretch[v]!;
  if (M === Infinity || s === Infinity) {
    step.stretch = 0;
    return s;
  }
  const B = p.vMinBreak[v]!;
  let stretch = s - a >= B ? 0 : first ? w : w + (s - a);
  const head = p.workHead[j]!;
  const phased = p.restLength[j]! >= B;
  if (stretch + head > M && !(phased && head > M)) {
    if (head > M) return Infinity;
    s = p.firstStart(j, a + B);
    if (s === Infinity) return Infinity;
    stretch = 0;
  }
  if (phased) stretch = withRests(stretch, head, M, B) === Infinity ? Infinity : withRests(0, p.workTail[j]!, M, B);
  else stretch += p.service[j]!;
  if (stretch > M) return Infinity;
  step.stretch = stretch;
  return s;
}

/**
 * Stretch after a phase of `h` (a set-up or tear-down of a service with a rest, `serviceRest`) begun
 * with stretch w: a phase longer than the rule allows holds breaks of B inside it (a crew rests one
 * day of a week-long set-up); a shorter one is worked through (Infinity when it runs over).
 */
export function withRests(w: number, h: number, M: number, B: number): number {
  if (w + h <= M) return w + h;
  if (h <= M) return Infinity;
  const r = h - (M - w) - B;
  if (r < 0) return 0;
  const q = r % (M + B);
  return q <= M ? q : 0;
}

/**
 * Stretch after a service at job j started at a chosen `s` (plan mode) for an arrival at a with
 * stretch w, or Infinity when that works the crew beyond the rule (no break is inserted).
 */
export function serveAt(p: Problem, v: number, j: number, a: number, w: number, first: boolean, s: number): number {
  const M = p.vMaxStretch[v]!;
  if (M === Infinity) return 0;
  const B = p.vMinBreak[v]!;
  const stretch = s - a >= B ? 0 : first ? w : w + Math.max(0, s - a);
  if (p.restLength[j]! >= B) return withRests(stretch, p.workHead[j]!, M, B) === Infinity ? Infinity : withRests(0, p.workTail[j]!, M, B);
  const after = stretch + p.service[j]!;
  return after > M ? Infinity : after;
}

/** Time a leg of `T` takes from a rested start (the first leg of a route). */
export function freshLeg(p: Problem, v: number, T: number): number {
  travel(p, v, 0, 0, T);
  return step.time;
}
