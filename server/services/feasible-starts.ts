import { and, eq, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { checkContext, checkVehicle, firstFreeSet, fittingSetsOf, planThemeOf, requestsOf, setChoicesOf, type Context, type PlanViolation } from '../../jobs/planning/validate.js';
import type { DbOrTx } from '../db/client.js';
import { getScopedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/auth.js';
import { clashOf } from './stay-clash.js';

// The board's guidance while a stay is dragged (issue 12): on which days the stay may start on each
// row, by the very checks a drop meets (services/plan-edits.ts editStop): the horizon, the overlap
// of vehicle, set or venue (stay-clash.ts), and the planner's rules over the vehicles it touches,
// new violations only (jobs/planning/validate.ts). Computed once when the drag starts, in memory.

type StopRow = typeof t.stops.$inferSelect;

/** Start days looked at either side of the stay's own start when the caller names no range. */
const DEFAULT_REACH_DAYS = 92;
/** At most this many start days a call (a little over half a year): the answer stays quick. */
export const MAX_FEASIBLE_DAYS = 186;

/** A run of consecutive start days with the same answer; when refused, what is in the way and which rules. */
export interface StartRun {
  from: string;
  to: string;
  ok: boolean;
  /** The stays in the way (overlapping, or whose rules the move would break). */
  stopIds: number[];
  /** `overlap_vehicle` / `overlap_set` / `overlap_venue`, or the planner's violation kinds. */
  kinds: string[];
}

export interface FeasibleRow {
  /** The board's row id: `v<vehicleId>` or `s<exhibitSetId>`. */
  row: string;
  vehicleId: number;
  runs: StartRun[];
}

const shift = (iso: string, days: number) => DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate()!;
const daysBetween = (a: string, b: string) => Math.round(DateTime.fromISO(b, { zone: 'utc' }).diff(DateTime.fromISO(a, { zone: 'utc' }), 'days').days);
const keyOf = (v: PlanViolation) => `${v.kind}:${v.stopId}`;

/** The stay moved to start on `startsOn` (all its days shifted) on another vehicle or set. */
function moved(s: StopRow, startsOn: string, vehicleId: number, exhibitSetId: number): StopRow {
  const d = daysBetween(s.startsOn, startsOn);
  return { ...s, vehicleId, exhibitSetId, startsOn, opensOn: shift(s.opensOn, d), closesOn: shift(s.closesOn, d), endsOn: shift(s.endsOn, d) };
}

/** The days a call looks at: the asked range (or half a year from the one end given, or a quarter either side of the stay), within the horizon, at most MAX_FEASIBLE_DAYS. */
export function startRange(plan: { horizonStart: string; horizonEnd: string }, s: StopRow, asked: { from?: string | undefined; to?: string | undefined }) {
  const length = daysBetween(s.startsOn, s.endsOn);
  const from = asked.from ?? (asked.to ? shift(asked.to, -2 * DEFAULT_REACH_DAYS) : shift(s.startsOn, -DEFAULT_REACH_DAYS));
  const to = asked.to ?? (asked.from ? shift(asked.from, 2 * DEFAULT_REACH_DAYS) : shift(s.startsOn, DEFAULT_REACH_DAYS));
  const lo = [from, plan.horizonStart].sort().at(-1)!;
  const hi = [to, shift(plan.horizonEnd, -length)].sort()[0]!;
  const capped = hi > shift(lo, MAX_FEASIBLE_DAYS - 1);
  return { from: lo, to: capped ? shift(lo, MAX_FEASIBLE_DAYS - 1) : hi, capped };
}

interface Facts {
  ctx: Context;
  stop: StopRow;
  live: StopRow[];
  byVehicle: Map<number, StopRow[]>;
  bySet: Map<number, StopRow[]>;
  byVenue: Map<number, StopRow[]>;
  requests: Awaited<ReturnType<typeof requestsOf>>;
  /** The violations each vehicle's stays have now: an edit is refused only for new ones. */
  before: Map<number, Set<string>>;
}

function violationsBefore(f: Omit<Facts, 'before'>, vehicleId: number) {
  return new Set(checkVehicle(f.ctx, vehicleId, f.byVehicle.get(vehicleId) ?? [], f.requests).map(keyOf));
}

/** What the checked edit would say to the stay starting on `startsOn` on this row: null when it passes. */
function judge(f: Facts, row: { vehicleId: number; setChoices: number[] }, startsOn: string, was: { before: Set<string>; sourceFresh: PlanViolation[] }): { stay: StopRow; refused: Omit<StartRun, 'from' | 'to' | 'ok'> | null } {
  const { stop } = f;
  const probe = moved(stop, startsOn, row.vehicleId, row.setChoices[0]!);
  // A caravan stay given to another vehicle takes a fitting kit free on its days (setForVehicle).
  const busy = (setId: number) => (f.bySet.get(setId) ?? []).some((o) => o.id !== stop.id && o.startsOn <= probe.endsOn && o.endsOn >= probe.startsOn);
  const stay = row.setChoices.length > 1 ? { ...probe, exhibitSetId: firstFreeSet(row.setChoices, new Set(row.setChoices.filter(busy))) } : probe;
  const near = [f.byVehicle, f.bySet, f.byVenue].flatMap((m, i) => m.get([stay.vehicleId, stay.exhibitSetId, stay.venueId][i]!) ?? []);
  const clash = clashOf(stay, near);
  if (clash) return { stay, refused: { stopIds: [clash.other.id], kinds: [`overlap_${clash.on}`] } };
  const others = (f.byVehicle.get(row.vehicleId) ?? []).filter((o) => o.id !== stop.id);
  const tour = [...others, stay].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id - b.id));
  const theme = planThemeOf(f.ctx, stay);
  const ctx = { ...f.ctx, planThemes: [...f.ctx.planThemes.filter((p) => p.stopId !== stop.id), ...(theme ? [theme] : [])] };
  const fresh = [...was.sourceFresh, ...checkVehicle(ctx, row.vehicleId, tour, f.requests).filter((v) => !was.before.has(keyOf(v)))];
  if (fresh.length === 0) return { stay, refused: null };
  // A stay that cannot be reached in time is held up by the one before it on the tour.
  const prev = tour[tour.indexOf(stay) - 1];
  const ids = fresh.map((v) => (v.stopId === stop.id && v.kind === 'travel_time' && prev ? prev.id : v.stopId)).filter((id) => id !== stop.id);
  return { stay, refused: { stopIds: [...new Set(ids)], kinds: [...new Set(fresh.map((v) => v.kind))] } };
}

/** The plan's live stays, indexed, and the violations each vehicle has now, around the stay to place. */
async function factsOf(db: DbOrTx, planId: number, stop: StopRow): Promise<Facts> {
  const { ctx } = await checkContext(db, planId);
  const live = await db.select().from(t.stops).where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled')));
  live.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id - b.id));
  const index = (key: (s: StopRow) => number) => {
    const m = new Map<number, StopRow[]>();
    for (const s of live) m.set(key(s), [...(m.get(key(s)) ?? []), s]);
    return m;
  };
  const requests = await requestsOf(db, [...live, stop]);
  const base = { ctx, stop, live, byVehicle: index((s) => s.vehicleId), bySet: index((s) => s.exhibitSetId), byVenue: index((s) => s.venueId), requests };
  return { ...base, before: new Map([...ctx.vehicle.keys()].map((id) => [id, violationsBefore(base, id)])) };
}

const daysFrom = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = shift(d, 1)) days.push(d);
  return days;
};

/** Runs of start days with the same answer, in day order. */
function runsOf(days: string[], answers: (Omit<StartRun, 'from' | 'to' | 'ok'> | null)[]): StartRun[] {
  const runs: StartRun[] = [];
  days.forEach((day, i) => {
    const a = answers[i] ?? null;
    const last = runs.at(-1);
    const same = last && last.ok === (a === null) && last.stopIds.join() === (a?.stopIds.join() ?? '') && last.kinds.join() === (a?.kinds.join() ?? '');
    if (same && shift(last.to, 1) === day) last.to = day;
    else runs.push({ from: day, to: day, ok: a === null, stopIds: a?.stopIds ?? [], kinds: a?.kinds ?? [] });
  });
  return runs;
}

/**
 * For a stay of a plan the coordinator may edit: on each row of the board (each vehicle, each
 * roving-museum set), the days in `asked` (see startRange) on which the stay, moved whole, would pass
 * the checked edit, as runs; refused runs name the stays in the way and the rules.
 */
export async function feasibleStarts(db: DbOrTx, actor: Actor, planId: number, stopId: number, asked: { from?: string | undefined; to?: string | undefined }) {
  const plan = await getScopedPlan(db, actor.coordinatorRegionIds, planId);
  const [stop] = await db.select().from(t.stops).where(and(eq(t.stops.id, stopId), eq(t.stops.planId, planId)));
  if (!stop) throw new NotFoundError('stop', stopId);
  if (stop.status === 'arrived' || stop.status === 'completed' || stop.status === 'cancelled') throw new DomainError('STOP_NOT_EDITABLE', { status: stop.status });
  const f = await factsOf(db, planId, stop);
  const { ctx, byVehicle } = f;
  const range = startRange(plan, stop, asked);
  const days = daysFrom(range.from, range.to);
  const own = ctx.set.get(stop.exhibitSetId);
  const request = stop.requestId !== null ? f.requests.get(stop.requestId) : undefined;
  const rows = [
    ...[...ctx.vehicle.values()].map((v) => ({
      row: `v${v.id}`,
      vehicleId: v.id,
      setChoices:
        v.id === stop.vehicleId || !own
          ? [stop.exhibitSetId]
          : setChoicesOf(
              v.setIds.map((id) => ctx.set.get(id)).filter((x) => x !== undefined),
              own,
              ctx.venue.get(stop.venueId),
              request,
            ),
    })),
    ...[...ctx.set.values()].filter((s) => s.kind === 'roving_museum').map((s) => ({ row: `s${s.id}`, vehicleId: stop.vehicleId, setChoices: [s.id] })),
  ];
  const out: FeasibleRow[] = rows.map((row) => {
    // Leaving its vehicle may break that tour's rules too (the edit checks both vehicles).
    const rest = (byVehicle.get(stop.vehicleId) ?? []).filter((o) => o.id !== stop.id);
    // As the edit does: what either vehicle broke before is not the move's doing.
    const before = new Set([...(f.before.get(row.vehicleId) ?? []), ...(f.before.get(stop.vehicleId) ?? [])]);
    const sourceFresh = row.vehicleId === stop.vehicleId ? [] : checkVehicle(ctx, stop.vehicleId, rest, f.requests).filter((v) => !before.has(keyOf(v)));
    return { row: row.row, vehicleId: row.vehicleId, runs: runsOf(days, days.map((d) => judge(f, row, d, { before, sourceFresh }).refused)) };
  });
  return { stopId, from: range.from, to: range.to, capped: range.capped, rows: out };
}

/**
 * The first day on each vehicle that carries a set fitting an approved or unserved request, on which
 * a stay for it (the planner's shape: the set's set-up days, the request's open days in a row, the
 * set's tear-down) would pass the checked insert, within the request's window and the plan's horizon
 * (at most MAX_FEASIBLE_DAYS start days looked at): what the board's "schedule" form suggests.
 */
export async function requestStarts(db: DbOrTx, actor: Actor, planId: number, requestId: number) {
  const plan = await getScopedPlan(db, actor.coordinatorRegionIds, planId);
  const [request] = await db.select().from(t.requests).where(and(eq(t.requests.id, requestId), eq(t.requests.regionId, plan.regionId)));
  if (!request) throw new NotFoundError('request', requestId);
  if (request.status !== 'approved' && request.status !== 'unserved') throw new DomainError('REQUEST_NOT_SCHEDULABLE', { status: request.status });
  const { ctx } = await checkContext(db, planId);
  const first = [request.windowStart, plan.horizonStart].sort().at(-1)!;
  const last = [request.windowEnd, plan.horizonEnd].sort()[0]!;
  const options: { vehicleId: number; exhibitSetId: number; startsOn: string; opensOn: string; closesOn: string; endsOn: string }[] = [];
  let loaded: Facts | undefined;
  for (const v of ctx.vehicle.values()) {
    const fitting = fittingSetsOf(ctx, v.id, request.venueId, request);
    const set = fitting[0];
    if (!set) continue;
    const opensOn = shift(first, set.setupDays);
    const closesOn = shift(opensOn, request.openDays - 1);
    const shape: StopRow = { id: 0, planId, tourId: 0, seq: 0, vehicleId: v.id, exhibitSetId: set.id, venueId: request.venueId, requestId, startsOn: first, opensOn, closesOn, endsOn: shift(closesOn, set.teardownDays), status: 'planned', pinned: false, arrivedAt: null, completedAt: null, sourceStopId: null, cancelReason: null };
    const f: Facts = loaded ? { ...loaded, stop: shape } : await factsOf(db, planId, shape);
    loaded = f;
    const latest = shift(last, -daysBetween(shape.startsOn, shape.endsOn));
    const days = daysFrom(first, [latest, shift(first, MAX_FEASIBLE_DAYS - 1)].sort()[0]!);
    const before = { before: f.before.get(v.id) ?? new Set<string>(), sourceFresh: [] };
    for (const d of days) {
      const { stay, refused } = judge(f, { vehicleId: v.id, setChoices: fitting.map((s) => s.id) }, d, before);
      if (refused) continue;
      options.push({ vehicleId: v.id, exhibitSetId: stay.exhibitSetId, startsOn: stay.startsOn, opensOn: stay.opensOn, closesOn: stay.closesOn, endsOn: stay.endsOn });
      break;
    }
  }
  return { requestId, options: options.sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.vehicleId - b.vehicleId)) };
}
