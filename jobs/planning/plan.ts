import { Problem, adviseInsertions, checkPlan, solve, type Insertion, type JobInput, type PlannedRoute, type SolveResult, type UnassignedReason } from '../solver/index.js';
import { isBelowCounty, meetsCaravanTarget } from '../../server/db/targets.js';
import { dailyLimit, legDays } from './crew.js';
import { dayOf } from './days.js';
import { buildModel, type PlanJob, type PlanningModel } from './model.js';
import { driveOn } from './travel.js';
import { withinNoveltyPeriod } from './novelty.js';
import type { FixedStop, PlanningFacts, PlanningOptions, SetFacts, Tier } from './types.js';

// The planning adapter's second half: solve, settle venue clashes the solver cannot see, and turn
// routes back into stays (days), legs and reasons. Pure: no I/O, so it runs in a worker thread or
// a sandboxed BullMQ processor alike.

export interface PlannedStop {
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  requestId: number | null;
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  status: 'planned' | 'confirmed' | 'arrived' | 'completed';
  pinned: boolean;
  /** A fixed stay's id on the region's timeline; null for a stay the planner placed. */
  sourceStopId: number | null;
}

export interface PlannedLeg {
  vehicleId: number;
  /** Index into `stops`, or null for the vehicle's home centre. */
  from: number | null;
  to: number | null;
  distanceM: number;
  driveMinutes: number;
  restNights: number;
}

export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

export interface PlanMetrics {
  totalKm: number;
  stopsServed: number;
  requestsServed: number;
  requestsUnserved: number;
  keyCountiesCovered: number;
  keyCountiesTotal: number;
  keyCountiesUncovered: { countyCode: string; countyName: string; reason: Reason }[];
  daysOutPerVehicle: Record<string, number>;
  kmPerVehicle: Record<string, number>;
  repeatedSets: number;
  servedByTier: Record<Tier, number>;
  unservedByTier: Record<Tier, number>;
  provisionalYears: number[];
  solver: { iterations: number; elapsedMs: number; cost: number };
  /** Vehicles with no stay, and why (rule 3). */
  idleVehicles: { vehicleId: number; reason: Reason }[];
  /**
   * Each caravan against the targets of national practice over the horizon (server/db/targets.ts:
   * 120 days out or 10,000 km a year, in proportion to the horizon's days).
   */
  caravanTargets: { vehicleId: number; daysOut: number; km: number; meets: boolean }[];
  /** Share of the horizon's caravan stops below the county seat (target 0.6); null without any. */
  caravanTownshipShare: number | null;
}

export interface PlanOutcome {
  stops: PlannedStop[];
  legs: PlannedLeg[];
  unserved: { requestId: number; reason: Reason }[];
  metrics: PlanMetrics;
}

export interface PlanProgress {
  phase: 'building' | 'solving' | 'settling';
  iteration: number;
  bestCost: number;
  served: number;
  total: number;
  /** 0-100, by the solver's budget. */
  percent: number;
}

/** Plans a region's horizon: the whole adapter, from facts to stays, legs, reasons and metrics. */
export function planFromFacts(facts: PlanningFacts, options: PlanningOptions = {}, onProgress?: (p: PlanProgress) => void): PlanOutcome {
  onProgress?.({ phase: 'building', iteration: 0, bestCost: 0, served: 0, total: facts.requests.length, percent: 0 });
  const model = buildModel(facts, options);
  const total = model.jobs.length;
  const iterations = options.iterations;
  const timeLimitMs = iterations === undefined ? (options.seconds ?? 15) * 1000 : undefined;
  const problem = new Problem(model.input);
  const result = solve(problem, {
    seed: options.seed ?? 1,
    ...(iterations !== undefined ? { maxIterations: iterations } : { timeLimitMs: timeLimitMs! }),
    progressEvery: 200,
    // A year's nearest visits by distance are mostly at other times of year: a wider local-search
    // neighbourhood pays on large problems (jobs / 25, as the solver's README measures).
    localSearchNeighbours: Math.min(150, Math.max(10, Math.round(model.jobs.length / 25))),
    onProgress: (p) =>
      onProgress?.({
        phase: 'solving',
        iteration: p.iteration,
        bestCost: p.bestCost,
        served: p.served,
        total,
        percent: Math.min(99, Math.round(iterations !== undefined ? (100 * p.iteration) / Math.max(1, iterations) : (100 * p.elapsedMs) / timeLimitMs!)),
      }),
  });
  onProgress?.({ phase: 'settling', iteration: result.iterations, bestCost: result.cost.total, served: result.served, total, percent: 99 });
  return interpret(model, problem, result);
}

interface Placed {
  job: number;
  shift: number;
  start: number;
}

/**
 * The days of a job placed at a start time on a shift (day indices): a fixed stay as it is; the
 * planner's from its start, its set-up the days the solver gave it (the longest of the suitable
 * sets', so a shorter set-up holds the crew's rest the solver counted on), then its open days and
 * the set's tear-down.
 */
export function stayDays(model: PlanningModel, pj: PlanJob, shift: number, start: number) {
  const src = pj.source;
  if (src.kind === 'fixed') {
    const c = model.clock;
    return { s: c.index(src.stop.startsOn), opens: c.index(src.stop.opensOn), closes: c.index(src.stop.closesOn), e: c.index(src.stop.endsOn) };
  }
  const set = model.shifts[shift]!.set;
  const s = dayOf(start);
  const opens = s + Math.max(set.setupDays, pj.setupDays ?? 0);
  const closes = opens + pj.openDays - 1;
  return { s, opens, closes, e: closes + set.teardownDays };
}

/**
 * A fact or a promise the solver could not place (it predates the crew's rules, or its vehicle's
 * trips no longer reach it) is kept as it is all the same (`stays`), so no stay of the planner's
 * may share its vehicle's days, nor the day before or after (its drive), nor hold its venue on any of
 * its days, nor repeat its kit at its venue or its theme at its county within the novelty period:
 * those go unserved (`novelty` and `venueBusy`: the jobs left out for the last two reasons).
 */
function clearKeptStays(model: PlanningModel, problem: Problem, routes: PlannedRoute[]): { routes: PlannedRoute[]; novelty: Set<number>; venueBusy: Set<number> } {
  const c = model.clock;
  const { region } = model.facts;
  const setById = new Map(model.facts.sets.map((x) => [x.id, x]));
  const countyOf = new Map(model.facts.venues.map((v) => [v.id, v.countyCode]));
  const novelty = new Set<number>();
  const venueBusy = new Set<number>();
  const repeats = (f: FixedStop, pj: PlanJob, set: SetFacts, span: { startsOn: string; endsOn: string }) => {
    const kept = setById.get(f.exhibitSetId);
    if (!kept || kept.kind !== set.kind) return false;
    const caravan = set.kind === 'caravan_kit';
    const same = caravan ? f.venueId === pj.venue.id && f.exhibitSetId === set.id : countyOf.get(f.venueId) === pj.venue.countyCode && kept.theme === set.theme;
    return same && withinNoveltyPeriod(f, span, caravan ? region.kitNoveltyMonths : region.noveltyMonths);
  };
  let out = routes;
  for (let round = 0; round < 20; round++) {
    const placed = schedule(problem, out);
    const placedFixed = new Set(
      placed.flatMap((p) => {
        const src = model.jobs[p.job]!.source;
        return src.kind === 'fixed' ? [src.stop.sourceStopId] : [];
      }),
    );
    const kept = model.facts.fixedStops.filter((f) => f.startsOn >= model.facts.horizonStart && f.startsOn <= model.facts.horizonEnd && !placedFixed.has(f.sourceStopId));
    const clash = placed.filter((p) => {
      const pj = model.jobs[p.job]!;
      if (pj.source.kind === 'fixed') return false;
      const d = stayDays(model, pj, p.shift, p.start);
      const { vehicle, set } = model.shifts[p.shift]!;
      if (kept.some((f) => repeats(f, pj, set, { startsOn: c.iso(d.s), endsOn: c.iso(d.e) }))) {
        novelty.add(p.job);
        return true;
      }
      if (kept.some((f) => f.venueId === pj.venue.id && d.s <= c.index(f.endsOn) && c.index(f.startsOn) <= d.e)) {
        venueBusy.add(p.job);
        return true;
      }
      return kept.some((f) => f.vehicleId === vehicle.id && d.s <= c.index(f.endsOn) + 1 && c.index(f.startsOn) - 1 <= d.e);
    });
    if (clash.length === 0) return { routes: out, novelty, venueBusy };
    const drop = new Set(clash.map((p) => p.job));
    out = out.map((r) => ({ vehicle: r.vehicle, jobs: r.jobs.filter((j) => !drop.has(j)) })).filter((r) => r.jobs.length > 0);
  }
  return { routes: out, novelty, venueBusy };
}

function interpret(model: PlanningModel, solved: Problem, result: SolveResult): PlanOutcome {
  const unassignedReason = new Map<number, UnassignedReason>(result.unassigned.map((u) => [u.job, u.reason]));
  const solvedRoutes = fillIdle(
    model,
    solved,
    result.routes.filter((r) => r.stops.length > 0).map((r) => ({ vehicle: r.vehicle, jobs: r.stops.map((s) => s.job) })),
    result.unassigned.map((u) => u.job),
  );
  const settled = settleVenueClashes(model, solved, solvedRoutes);
  const problem = settled.problem;
  const { routes, novelty: keptNovelty, venueBusy: keptVenueBusy } = clearKeptStays(model, problem, balanceTrips(model, problem, settled.routes));
  const placed = schedule(problem, routes);
  const { stops, stopIndexOfJob } = stays(model, placed);
  const { legs, kmPerVehicle, daysOut } = tripLegs(model, problem, routes, stopIndexOfJob);

  // Reasons for what was not served.
  const placedJobs = new Set(placed.map((p) => p.job));
  // A job every allowed set of which already serves its venue (a kit) or county (a theme) this horizon.
  const usedKeyKind = new Set(placed.map((p) => `${problem.jobKey[p.job]}|${problem.vKind[p.shift]}`));
  const repeatBlocked = (j: number) => {
    const allowed = model.input.jobs[j]!.allowedVehicles ?? [];
    return problem.jobKey[j]! >= 0 && allowed.length > 0 && allowed.every((v) => usedKeyKind.has(`${problem.jobKey[j]}|${problem.vKind[v]}`));
  };
  const unserved: PlanOutcome['unserved'] = [];
  const reasonOf = new Map<number, Reason>();
  model.jobs.forEach((pj, j) => {
    if (placedJobs.has(j) || pj.source.kind === 'fixed') return;
    const reason = settled.venueBusy.has(j) || keptVenueBusy.has(j) ? { code: 'VENUE_BUSY' } : repeatBlocked(j) || keptNovelty.has(j) ? noveltyReason(model, j) : explain(model, j, unassignedReason.get(j) ?? 'displaced');
    reasonOf.set(j, reason);
    if (pj.source.kind === 'request') unserved.push({ requestId: pj.source.request.id, reason });
  });

  const idle = idleVehicles(model, problem, routes, placedJobs, settled.venueBusy);
  return { stops, legs, unserved, metrics: { ...metrics(model, stops, unserved, reasonOf, kmPerVehicle, daysOut, result), idleVehicles: idle } };
}

/**
 * No vehicle idle beside a request it could serve (rule 3): each job the search left out is tried
 * once more on the trips of vehicles that have none, nothing else moved.
 */
function fillIdle(model: PlanningModel, problem: Problem, routes: PlannedRoute[], unassigned: readonly number[]): PlannedRoute[] {
  const busy = new Set(routes.map((r) => model.shifts[r.vehicle]!.vehicle.id));
  let out = routes;
  for (const j of unassigned) {
    const [best] = adviseInsertions(problem, out, j, { k: 50 }).filter((a) => !busy.has(model.shifts[a.vehicle]!.vehicle.id));
    if (!best) continue;
    const existing = out.find((r) => r.vehicle === best.vehicle);
    out = existing
      ? out.map((r) => (r === existing ? { vehicle: r.vehicle, jobs: [...r.jobs.slice(0, best.position), j, ...r.jobs.slice(best.position)] } : r))
      : [...out, { vehicle: best.vehicle, jobs: [j] }];
  }
  return out;
}

/** Vehicles with no stay in the plan, each with the reason (codes): out of service, nothing for its sets, or nothing that fits. */
function idleVehicles(model: PlanningModel, problem: Problem, routes: readonly PlannedRoute[], placed: Set<number>, venueBusy: Set<number>): PlanMetrics['idleVehicles'] {
  const used = new Set(routes.filter((r) => r.jobs.length > 0).map((r) => model.shifts[r.vehicle]!.vehicle.id));
  const out: PlanMetrics['idleVehicles'] = [];
  for (const v of model.facts.vehicles) {
    if (used.has(v.id)) continue;
    const shifts = model.shifts.flatMap((sh, i) => (sh.vehicle.id === v.id ? [i] : []));
    const jobs = model.jobs.map((_, j) => j).filter((j) => shifts.some((sh) => problem.isAllowed(j, sh)));
    const code =
      shifts.length === 0
        ? 'VEHICLE_NOT_IN_SERVICE'
        : jobs.length === 0
          ? 'NO_REQUEST_FOR_ITS_SETS'
          : jobs.every((j) => placed.has(j) || venueBusy.has(j))
            ? 'REQUESTS_SERVED_BY_OTHERS'
            : 'NO_REQUEST_FITS_ITS_TRIPS';
    out.push({ vehicleId: v.id, reason: { code, params: { requests: jobs.length } } });
  }
  return out;
}

/**
 * Venue clashes: two vehicles at one venue on overlapping days, which the solver cannot see. Move
 * the lesser stay to days its venue is free; failing that, make room: take the other one out, put
 * the lesser one in (on its cheapest, earliest or latest days), then find the other new days, if
 * need be moving one more stay out of its way (or leaving out one of a lower priority than the
 * lesser one's); failing that, place the lesser stay the same way with the other one kept; failing
 * all that, leave the lesser one unserved (VENUE_BUSY). Every stay moved keeps off its venue's
 * other stays. The narrowed windows live in a copy of the model's jobs: the returned problem is the
 * one the routes are feasible in.
 */
function settleVenueClashes(model: PlanningModel, solved: Problem, solvedRoutes: PlannedRoute[]) {
  const venues = new VenueRoom(model, solved);
  let routes = solvedRoutes;
  let placed = schedule(solved, routes);
  const venueBusy = new Set<number>();
  const rounds = 8;
  for (let round = 0; round < rounds; round++) {
    const clashes = clashPairs(model, placed);
    if (clashes.length === 0) {
      // No clash left: serve what the search left out where a stay or two can make way (priority
      // first); a stay that moved may clash anew, so round again (never in the last round).
      if (round === rounds - 1) break;
      const served = venues.serveLeftOut(routes, venueBusy);
      if (served === routes) break;
      routes = served;
      placed = schedule(venues.problem, routes);
      continue;
    }
    for (const [victim, keeper] of clashes) {
      const freed = without(routes, victim);
      const next =
        venues.reinsert(freed, victim) ?? (model.jobs[keeper]!.source.kind === 'fixed' ? null : venues.makeRoom(freed, victim, keeper)) ?? venues.reinsertMoving(freed, victim, keeper);
      routes = next ?? freed;
      if (!next) venueBusy.add(victim);
      placed = schedule(venues.problem, routes);
    }
  }
  for (const [j] of clashPairs(model, placed)) {
    // Still clashing after the rounds above (rare): leave it out rather than write an overlap.
    routes = without(routes, j);
    venueBusy.add(j);
  }
  return { routes, problem: venues.problem, venueBusy };
}

/** The routes without job j. */
const without = (rs: readonly PlannedRoute[], j: number): PlannedRoute[] =>
  rs.map((r) => ({ vehicle: r.vehicle, jobs: r.jobs.filter((x) => x !== j) })).filter((r) => r.jobs.length > 0);

/** The routes with job j inserted where the advice says. */
function insertAt(rs: readonly PlannedRoute[], j: number, at: Insertion): PlannedRoute[] {
  const existing = rs.find((r) => r.vehicle === at.vehicle);
  return existing
    ? rs.map((r) => (r === existing ? { vehicle: r.vehicle, jobs: [...r.jobs.slice(0, at.position), j, ...r.jobs.slice(at.position)] } : r))
    : [...rs, { vehicle: at.vehicle, jobs: [j] }];
}

/**
 * Places stays on days their venue is free: each job's windows narrowed around its venue's other
 * stays, in a copy of the model's jobs, and the problem they make (rebuilt only when a job's windows
 * changed: building one costs tens of milliseconds on a province).
 */
class VenueRoom {
  private readonly inputs: JobInput[];
  private current: Problem;
  private dirty = false;

  constructor(
    private readonly model: PlanningModel,
    solved: Problem,
  ) {
    this.inputs = [...model.input.jobs];
    this.current = solved;
  }

  /** The problem of the windows as they are now. */
  get problem(): Problem {
    return this.rebuild();
  }

  private set(j: number, input: JobInput): void {
    if (this.inputs[j] === input) return;
    this.inputs[j] = input;
    this.dirty = true;
  }

  private rebuild(): Problem {
    if (this.dirty) this.current = new Problem({ ...this.model.input, jobs: this.inputs });
    this.dirty = false;
    return this.current;
  }

  /** Narrows job j's windows to the days its venue is free of the routes' other stays. */
  private narrow(rs: readonly PlannedRoute[], j: number): void {
    const model = this.model;
    const pj = model.jobs[j]!;
    const busy = schedule(this.problem, rs)
      .filter((p) => p.job !== j && model.jobs[p.job]!.venue.id === pj.venue.id)
      .map((p) => stayDays(model, model.jobs[p.job]!, p.shift, p.start));
    const input = model.input.jobs[j]!;
    const length = Math.max(pj.stayDays ?? 0, ...(input.allowedVehicles ?? []).map((v) => stayDays(model, pj, v, 0).e + 1), pj.openDays);
    const windows = (input.windows ?? []).filter((w) => {
      const d = dayOf(w.start);
      return !busy.some((b) => d <= b.e && d + length - 1 >= b.s);
    });
    if (windows.length === (input.windows ?? []).length) this.set(j, input);
    else this.set(j, windows.length > 0 ? { ...input, windows } : { ...input, windows: [{ start: -2, end: -1 }], allowedVehicles: [] });
  }

  /** Where job j may go in the routes, nothing else moved, on days its venue is free (the cheapest first). */
  places(rs: readonly PlannedRoute[], j: number, k: number): Insertion[] {
    this.narrow(rs, j);
    return adviseInsertions(this.rebuild(), rs, j, { k });
  }

  /** The routes with job j at its cheapest place where its venue is free, or null. */
  reinsert(rs: readonly PlannedRoute[], j: number): PlannedRoute[] | null {
    const [best] = this.places(rs, j, 1);
    return best ? insertAt(rs, j, best) : null;
  }

  /**
   * Both stays of a clash kept: the keeper out, the victim in on its cheapest, earliest or latest
   * days, the keeper back where its venue is then free (moving one other stay out of its way, or
   * leaving out one of a lower priority than the victim's, if need be). Null, with the keeper's
   * windows as they were, when no way is found.
   */
  makeRoom(freed: readonly PlannedRoute[], victim: number, keeper: number): PlannedRoute[] | null {
    const saved = this.inputs[keeper]!;
    const rest = without(freed, keeper);
    const all = this.places(rest, victim, 1000);
    const byStart = [...all].sort((a, b) => a.start - b.start);
    const tries = [...new Set([all[0], byStart[0], byStart.at(-1)])].filter((at): at is Insertion => at !== undefined);
    for (const at of tries) {
      const next = this.reinsertMoving(insertAt(rest, victim, at), keeper, victim, victim);
      if (next) return next;
    }
    this.set(keeper, saved);
    return null;
  }

  /**
   * The routes with job j placed where its venue is free; failing that, with one other stay taken
   * out to make way for j and placed anew itself: a stay of the vehicles j may go on or one at j's
   * venue, within reach of j's days (never `keep`, never a fixed stay); failing that, with one such
   * stay of a lower priority than `gain` (the job the move serves) left out for it, the lowest
   * first. Null when none works.
   */
  reinsertMoving(rs: readonly PlannedRoute[], j: number, keep: number, gain = j): PlannedRoute[] | null {
    const direct = this.reinsert(rs, j);
    if (direct) return direct;
    const ways = this.inTheWay(rs, j, keep);
    for (const x of ways) {
      const saved = this.inputs[x]!;
      const withJ = this.reinsert(without(rs, x), j);
      const next = withJ && this.reinsert(withJ, x);
      if (next) return next;
      this.set(x, saved);
    }
    const penalty = (x: number) => this.model.input.jobs[x]!.penalty ?? 0;
    for (const x of ways.filter((w) => penalty(w) < penalty(gain)).sort((a, b) => penalty(a) - penalty(b))) {
      const withJ = this.reinsert(without(rs, x), j);
      if (withJ) return withJ;
    }
    return null;
  }

  /**
   * The routes with each job the plan leaves out (but those left out for their venue, `busy`)
   * placed where other stays can make way (`serve`), highest penalty first; the same routes when
   * none could be placed.
   */
  serveLeftOut(routes: PlannedRoute[], busy: ReadonlySet<number>): PlannedRoute[] {
    const placed = new Set(routes.flatMap((r) => r.jobs));
    const input = this.model.input.jobs;
    const left = input
      .map((_, j) => j)
      .filter((j) => !placed.has(j) && !busy.has(j) && (input[j]!.allowedVehicles ?? []).length > 0 && this.model.jobs[j]!.source.kind !== 'fixed')
      .sort((a, b) => (input[b]!.penalty ?? 0) - (input[a]!.penalty ?? 0) || a - b);
    let out = routes;
    for (const j of left) out = this.serve(out, j) ?? out;
    return out;
  }

  /**
   * Job j placed where other stays make way: the stays at its venue within its reach step aside
   * (each placed anew off j's days), and one stay of the vehicles j may go on moves (by
   * reinsertMoving, so that it may move one more, or leave out one of a lower priority than j's).
   * Null, with the windows as they were, when no way is found.
   */
  private serve(rs: PlannedRoute[], j: number): PlannedRoute[] | null {
    const venue = this.model.jobs[j]!.venue.id;
    const aside = this.inTheWay(rs, j, -1).filter((x) => this.model.jobs[x]!.venue.id === venue);
    const base = aside.reduce((cur, x) => without(cur, x), rs);
    const ways = [-1, ...this.inTheWay(base, j, -1)];
    const saved = new Map([j, ...aside, ...ways.filter((x) => x >= 0)].map((x) => [x, this.inputs[x]!]));
    for (const x of ways) {
      const withJ = this.reinsert(x < 0 ? base : without(base, x), j);
      let next = withJ && (x < 0 ? withJ : this.reinsertMoving(withJ, x, j, j));
      for (const y of aside) next = next && this.reinsert(next, y);
      if (next) return next;
      for (const [k, input] of saved) this.set(k, input);
    }
    return null;
  }

  /** Stays other than `keep` and the fixed ones within reach of job j's windows: on the vehicles j may go on, or at its venue. */
  private inTheWay(rs: readonly PlannedRoute[], j: number, keep: number): number[] {
    const model = this.model;
    const input = model.input.jobs[j]!;
    const allowed = new Set(input.allowedVehicles ?? []);
    const windows = input.windows ?? [];
    if (windows.length === 0) return [];
    const from = dayOf(windows[0]!.start);
    const to = dayOf(windows.at(-1)!.start) + (model.jobs[j]!.stayDays ?? 1);
    const venue = model.jobs[j]!.venue.id;
    return schedule(this.problem, rs)
      .filter((p) => p.job !== keep && model.jobs[p.job]!.source.kind !== 'fixed' && (allowed.has(p.shift) || model.jobs[p.job]!.venue.id === venue))
      .filter((p) => {
        const d = stayDays(model, model.jobs[p.job]!, p.shift, p.start);
        return d.s <= to && d.e >= from;
      })
      .map((p) => p.job);
  }
}

/** Stays: fixed ones as they were, the planner's on the days the solver scheduled. */
function stays(model: PlanningModel, placed: readonly Placed[]) {
  const c = model.clock;
  const stops: PlannedStop[] = [];
  const stopIndexOfJob = new Map<number, number>();
  for (const p of placed) {
    const pj = model.jobs[p.job]!;
    const sh = model.shifts[p.shift]!;
    stopIndexOfJob.set(p.job, stops.length);
    if (pj.source.kind === 'fixed') {
      const f = pj.source.stop;
      stops.push({ vehicleId: f.vehicleId, exhibitSetId: f.exhibitSetId, venueId: f.venueId, requestId: f.requestId, startsOn: f.startsOn, opensOn: f.opensOn, closesOn: f.closesOn, endsOn: f.endsOn, status: f.status as PlannedStop['status'], pinned: true, sourceStopId: f.sourceStopId });
      continue;
    }
    const { s, opens, closes, e } = stayDays(model, pj, p.shift, p.start);
    stops.push({
      vehicleId: sh.vehicle.id,
      exhibitSetId: sh.set.id,
      venueId: pj.venue.id,
      requestId: pj.source.kind === 'request' ? pj.source.request.id : null,
      startsOn: c.iso(s),
      opensOn: c.iso(opens),
      closesOn: c.iso(closes),
      endsOn: c.iso(e),
      status: 'planned',
      pinned: false,
      sourceStopId: null,
    });
  }
  // A fixed stay is a fact or a promise: it is kept as it is even where the model could not place
  // it (its vehicle's trips no longer cover its days, or a rule it predates forbids it), so that no
  // draft ever drops it silently.
  const kept = new Set(stops.map((s) => s.sourceStopId));
  for (const f of model.facts.fixedStops) {
    if (f.startsOn < model.facts.horizonStart || f.startsOn > model.facts.horizonEnd || kept.has(f.sourceStopId)) continue;
    stops.push({ vehicleId: f.vehicleId, exhibitSetId: f.exhibitSetId, venueId: f.venueId, requestId: f.requestId, startsOn: f.startsOn, opensOn: f.opensOn, closesOn: f.closesOn, endsOn: f.endsOn, status: f.status as PlannedStop['status'], pinned: true, sourceStopId: f.sourceStopId });
  }
  return { stops, stopIndexOfJob };
}

/** Legs: home → stays → home for every trip, with km and days out per vehicle. */
function tripLegs(model: PlanningModel, problem: Problem, routes: readonly PlannedRoute[], stopIndexOfJob: Map<number, number>) {
  const legs: PlannedLeg[] = [];
  const kmPerVehicle: Record<string, number> = {};
  const daysOut: Record<string, number> = {};
  const n = Math.sqrt(model.distances.length);
  const region = model.facts.region;
  const c = model.clock;
  const sortedRoutes = [...routes].sort((a, b) => model.shifts[a.vehicle]!.firstDay - model.shifts[b.vehicle]!.firstDay);
  const checked = checkPlan(problem, sortedRoutes);
  checked.routes.forEach((cr, i) => {
    const sh = model.shifts[sortedRoutes[i]!.vehicle]!;
    const home = model.placeOfCentre.get(sh.vehicle.homeCentreId)!;
    const places = [home, ...cr.stops.map((s) => model.placeOfVenue.get(model.jobs[s.job]!.venue.id)!), home];
    const idx = [null, ...cr.stops.map((s) => stopIndexOfJob.get(s.job) ?? null), null];
    // A leg's driving time follows its date (rule 5): the day it leaves (the trip's first day from home).
    const leaves = [c.iso(dayOf(cr.departure)), ...cr.stops.map((s) => c.iso(Math.ceil(s.end) - 1))];
    const daily = dailyLimit(sh.vehicle, region);
    for (let k = 0; k + 1 < places.length; k++) {
      const a = places[k]!;
      const b = places[k + 1]!;
      const distanceM = model.distances[a * n + b]!;
      const drive = driveOn({ distanceM, driveMinutes: model.drives[a * n + b]! }, region, leaves[k]!);
      legs.push({ vehicleId: sh.vehicle.id, from: idx[k]!, to: idx[k + 1]!, distanceM, driveMinutes: drive, restNights: legDays(drive, daily, region.eveningLegMaxMinutes) });
      kmPerVehicle[sh.vehicle.id] = (kmPerVehicle[sh.vehicle.id] ?? 0) + distanceM / 1000;
    }
    if (cr.stops.length > 0) {
      daysOut[sh.vehicle.id] = (daysOut[sh.vehicle.id] ?? 0) + tripDaysOut(cr);
    }
  });
  return { legs, kmPerVehicle, daysOut };
}

/** Days a trip is out: from the day it leaves to the day it is home (arrival is the morning after). */
const tripDaysOut = (r: { departure: number; arrival: number }) => Math.max(1, Math.ceil(r.arrival) - dayOf(r.departure));

/**
 * Spreads the work over a centre's vehicles. Distance alone does not care which of several alike
 * caravans of one centre makes a trip, so left to itself the solver lets a few do everything. A trip
 * may go on another vehicle of its centre whose trip has the same days and travel profile, with any
 * set that vehicle carries, when every rule across routes still holds: each visit allowed on that
 * set (suitable, novel for its venue or county), no kit twice at a venue or theme at a county within
 * the horizon, no set on two vehicles at once, one set per trip. For each centre a bounded search
 * looks for the hand-out of its trips with the most even days out (`handOut`; the solver's own
 * hand-out is the one to beat). A trip holding a fixed stay stays. Dates, order and distance stay
 * exactly as solved, so the crew's days do too.
 */
function balanceTrips(model: PlanningModel, problem: Problem, routes: PlannedRoute[]): PlannedRoute[] {
  const days = tripDays(problem);
  const rules = new AcrossRoutes(problem, routes);
  let out = routes;
  for (const centre of new Set(model.shifts.map((sh) => sh.vehicle.homeCentreId))) out = handOut(model, problem, out, centre, rules, days);
  // The counts keep the rules across routes; should the plan break one all the same, the solver's assignment stands.
  return crosses(problem, out) ? routes : out;
}

/** Each shift's period: the shifts whose trips it may exchange (one centre, the same days and travel profile). */
function periodOf(model: PlanningModel): Map<number, number[]> {
  const groups = new Map<string, number[]>();
  const out = new Map<number, number[]>();
  model.shifts.forEach((sh, i) => {
    const key = `${sh.vehicle.homeCentreId}|${sh.firstDay}|${sh.lastDay}|${sh.profile}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
    out.set(i, g);
  });
  return out;
}

/** A trip's days out, from its departure to its return as scheduled (the same on any shift of its period). */
function tripDays(problem: Problem): (r: PlannedRoute) => number {
  const span = new Map<readonly number[], number>();
  return (r) => {
    let d = span.get(r.jobs);
    if (d === undefined) {
      const [c] = checkPlan(problem, [r]).routes;
      d = c && c.stops.length > 0 ? tripDaysOut(c) : 0;
      span.set(r.jobs, d);
    }
    return d;
  };
}

interface Trip {
  r: PlannedRoute;
  /** The shifts of its period it may go on. */
  can: number[];
}

/** Sum of the squares of the days out: the lower, the more even. */
const spread = (load: ReadonlyMap<number, number>) => [...load.values()].reduce((sum, d) => sum + d * d, 0);

/**
 * The least spread the days out could reach with `rest` days still to hand out to vehicles with
 * these days out (poured into the least loaded first): a bound for the search.
 */
function leastSpread(load: ReadonlyMap<number, number>, rest: number): number {
  const sorted = [...load.values()].sort((a, b) => a - b);
  let level = sorted[0] ?? 0;
  let left = rest;
  let k = 1;
  while (left > 0 && sorted.length > 0) {
    const next = k < sorted.length ? sorted[k]! : Infinity;
    const step = Math.min(next - level, left / k);
    level += step;
    left -= step * k;
    if (level >= next) k++;
  }
  return sorted.reduce((sum, d) => sum + Math.max(d, level) ** 2, 0);
}

/**
 * A centre's trips (those without a fixed stay) handed out anew with the least spread of days out
 * the search finds: depth first, the trip with the fewest shifts still open first (a branch ends
 * as soon as one has none) and on the least loaded vehicle first, a branch cut when even the most
 * even hand-out of the trips left could not beat the best so far; at most a budget of steps. The
 * solver's hand-out is the one to beat. `rules` counts the result.
 */
function handOut(model: PlanningModel, problem: Problem, routes: PlannedRoute[], centre: number, rules: AcrossRoutes, days: (r: PlannedRoute) => number): PlannedRoute[] {
  const vid = (v: number) => model.shifts[v]!.vehicle.id;
  const period = periodOf(model);
  const ofCentre = (r: PlannedRoute) => model.shifts[r.vehicle]!.vehicle.homeCentreId === centre;
  const movable = routes.filter((r) => ofCentre(r) && !r.jobs.some((j) => model.jobs[j]!.source.kind === 'fixed'));
  const load = new Map(model.shifts.filter((sh) => sh.vehicle.homeCentreId === centre).map((sh) => [sh.vehicle.id, 0]));
  for (const r of routes) if (ofCentre(r) && !movable.includes(r)) load.set(vid(r.vehicle), load.get(vid(r.vehicle))! + days(r));
  const trips: Trip[] = movable.map((r) => ({ r, can: period.get(r.vehicle)!.filter((v) => r.jobs.every((j) => problem.isAllowed(j, v))) }));
  const solverLoad = new Map(load);
  for (const { r } of trips) solverLoad.set(vid(r.vehicle), solverLoad.get(vid(r.vehicle))! + days(r));
  let best = { spread: spread(solverLoad), shifts: trips.map((t) => t.r.vehicle) };
  for (const { r } of trips) rules.count(r.vehicle, r.jobs, -1);
  const shifts = trips.map(() => -1);
  let rest = trips.reduce((sum, t) => sum + days(t.r), 0);
  let budget = 20_000;
  const put = (i: number, v: number, sign: 1 | -1) => {
    const r = trips[i]!.r;
    rules.count(v, r.jobs, sign);
    load.set(vid(v), load.get(vid(v))! + sign * days(r));
    rest -= sign * days(r);
    shifts[i] = sign > 0 ? v : -1;
  };
  const step = (): void => {
    if (--budget < 0 || leastSpread(load, rest) >= best.spread) return;
    const next = mostConstrained(trips, shifts, rules, days);
    if (next === null) return;
    if (next.trip < 0) {
      best = { spread: spread(load), shifts: [...shifts] };
      return;
    }
    for (const v of next.open.sort((a, b) => load.get(vid(a))! - load.get(vid(b))! || vid(a) - vid(b) || a - b)) {
      put(next.trip, v, 1);
      step();
      put(next.trip, v, -1);
    }
  };
  step();
  trips.forEach((t, i) => rules.count(best.shifts[i]!, t.r.jobs, 1));
  const moved = new Map(trips.map((t, i) => [t.r, best.shifts[i]!]));
  return routes.map((r) => (moved.has(r) ? { vehicle: moved.get(r)!, jobs: r.jobs } : r));
}

/**
 * The trip not yet handed out with the fewest shifts open (the longest among equals) and those
 * shifts; trip -1 when every trip has one; null when some trip has none left.
 */
function mostConstrained(trips: readonly Trip[], shifts: readonly number[], rules: AcrossRoutes, days: (r: PlannedRoute) => number): { trip: number; open: number[] } | null {
  let pick = { trip: -1, open: [] as number[] };
  for (let i = 0; i < trips.length; i++) {
    if (shifts[i]! >= 0) continue;
    const t = trips[i]!;
    const open = t.can.filter((v) => rules.fits(v, t.r.jobs));
    if (open.length === 0) return null;
    if (pick.trip < 0 || open.length < pick.open.length || (open.length === pick.open.length && days(t.r) > days(trips[pick.trip]!.r))) pick = { trip: i, open };
  }
  return pick;
}

/**
 * The rules across routes (exclusive groups, noRepeat) as counts over a plan's routes, so that a
 * trip can be tried on another shift in O(its visits).
 */
class AcrossRoutes {
  private readonly groupUsed: Int32Array;
  private readonly keyKind = new Map<number, number>();

  constructor(
    private readonly p: Problem,
    routes: readonly PlannedRoute[],
  ) {
    this.groupUsed = new Int32Array(p.nGroups);
    for (const r of routes) this.count(r.vehicle, r.jobs, 1);
  }

  /** True when shift v may take these jobs: no other shift of its groups is used, no key repeats on its kind. */
  fits(v: number, jobs: readonly number[]): boolean {
    const p = this.p;
    for (let g = p.groupOffset[v]!; g < p.groupOffset[v + 1]!; g++) if (this.groupUsed[p.groupList[g]!]! > 0) return false;
    const kind = p.vKind[v]!;
    return kind < 0 || jobs.every((j) => p.jobKey[j]! < 0 || !this.keyKind.get(p.jobKey[j]! * p.nKinds + kind));
  }

  /** Adds (+1) or removes (-1) a route's share of the counts. */
  count(v: number, jobs: readonly number[], sign: 1 | -1): void {
    if (jobs.length === 0) return;
    const p = this.p;
    for (let g = p.groupOffset[v]!; g < p.groupOffset[v + 1]!; g++) this.groupUsed[p.groupList[g]!]! += sign;
    const kind = p.vKind[v]!;
    if (kind < 0) return;
    for (const j of jobs) {
      const key = p.jobKey[j]!;
      if (key >= 0) this.keyKind.set(key * p.nKinds + kind, (this.keyKind.get(key * p.nKinds + kind) ?? 0) + sign);
    }
  }
}

/** True when the routes use two vehicles of one exclusive group or repeat a noRepeat key on a kind. */
const crosses = (problem: Problem, routes: readonly PlannedRoute[]) => checkPlan(problem, routes).violations.some((v) => v.type === 'exclusive' || v.type === 'repeat');

/** Start times of the routes' stops, as the solver's rules schedule them (earliest feasible). */
function schedule(problem: Problem, routes: readonly PlannedRoute[]): Placed[] {
  const checked = checkPlan(problem, routes);
  const out: Placed[] = [];
  checked.routes.forEach((r) => {
    for (const s of r.stops) out.push({ job: s.job, shift: r.vehicle, start: s.start });
  });
  return out;
}

/** Pairs [lesser, greater] of stays that hold one venue on overlapping days; each job in one pair at most. */
function clashPairs(model: PlanningModel, placed: readonly Placed[]): [number, number][] {
  const byVenue = new Map<number, { p: Placed; s: number; e: number }[]>();
  for (const p of placed) {
    const pj = model.jobs[p.job]!;
    const d = stayDays(model, pj, p.shift, p.start);
    byVenue.set(pj.venue.id, [...(byVenue.get(pj.venue.id) ?? []), { p, ...d }]);
  }
  const rank = (j: number) => {
    const pj = model.jobs[j]!;
    const fixed = pj.source.kind === 'fixed' ? 1 : 0;
    const tier = { key: 3, former_poverty: 2, other: 1 }[pj.tier];
    const roving = model.input.jobs[j]!.service! > 10 ? 1 : 0;
    return fixed * 1000 + tier * 10 + roving;
  };
  const pairs: [number, number][] = [];
  const used = new Set<number>();
  for (const list of byVenue.values()) {
    list.sort((a, b) => a.s - b.s);
    for (let i = 0; i < list.length; i++) {
      for (let k = i + 1; k < list.length && list[k]!.s <= list[i]!.e; k++) {
        const a = list[i]!.p.job;
        const b = list[k]!.p.job;
        if (used.has(a) || used.has(b)) continue;
        const [lesser, greater] = rank(a) >= rank(b) ? [b, a] : [a, b];
        if (model.jobs[lesser]!.source.kind === 'fixed') continue;
        used.add(a);
        used.add(b);
        pairs.push([lesser, greater]);
      }
    }
  }
  return pairs;
}

/**
 * The reason no set suits a request, from why each set was ruled out: the cause reached furthest
 * along the checks wins (a set of the right theme that fits but was seen recently says NOVELTY,
 * not "wrong theme" because other themes exist).
 */
export function exclusionCode(excluded: Record<string, number>): string {
  if (excluded['novelty']) return 'NOVELTY';
  if (excluded['power']) return 'VENUE_POWER_TOO_LOW';
  if (excluded['floor-area']) return 'VENUE_TOO_SMALL';
  return 'NO_SUITABLE_SET';
}

/**
 * Why no vehicle may serve a job at all: no usable days, no suitable set, every trip of the vehicles
 * carrying a suitable set shorter than the stay, or no vehicle in service.
 */
export function noVehicleCode(pj: PlanJob): string {
  if (pj.startDayCount === 0) return 'NO_OPEN_DAYS';
  if (pj.suitableSets > 0 && pj.tripDays !== undefined && pj.stayDays !== undefined && pj.tripDays < pj.stayDays) return 'TRIP_SHORTER_THAN_STAY';
  if (pj.suitableSets > 0) return 'NO_VEHICLE_AVAILABLE';
  return exclusionCode(pj.excluded);
}

/** NOVELTY for a job whose venue already has each kit (or county each theme) it could get in this plan. */
function noveltyReason(model: PlanningModel, j: number): Reason {
  const pj = model.jobs[j]!;
  const req = pj.source.kind === 'request' ? pj.source.request : undefined;
  const caravan = req?.setKind !== 'roving_museum';
  const region = model.facts.region;
  return { code: 'NOVELTY', params: { ...(req ? { windowStart: req.windowStart, windowEnd: req.windowEnd } : {}), months: caravan ? region.kitNoveltyMonths : region.noveltyMonths, theme: req?.theme ?? null } };
}

/** The reason a person reads for an unserved job. */
function explain(model: PlanningModel, j: number, solverReason: UnassignedReason): Reason {
  const pj = model.jobs[j]!;
  const input = model.input.jobs[j]!;
  const req = pj.source.kind === 'request' ? pj.source.request : undefined;
  const window = req ? { windowStart: req.windowStart, windowEnd: req.windowEnd } : {};
  if ((input.allowedVehicles ?? []).length === 0) {
    const code = noVehicleCode(pj);
    if (code === 'NO_OPEN_DAYS') return { code, params: { ...window, days: pj.openDays } };
    if (code === 'NO_VEHICLE_AVAILABLE') return { code, params: window };
    if (code === 'TRIP_SHORTER_THAN_STAY') return { code, params: { ...window, tripDays: pj.tripDays, stayDays: pj.stayDays } };
    return { code, params: { ...window, months: model.facts.region.noveltyMonths, theme: req?.theme ?? null, floorAreaM2: pj.venue.floorAreaM2, powerKw: pj.venue.powerKw } };
  }
  switch (solverReason) {
    case 'no-allowed-vehicle':
      return { code: 'NO_VEHICLE_AVAILABLE', params: window };
    case 'no-reachable-window':
      return { code: 'NO_VEHICLE_FREE_IN_WINDOW', params: window };
    case 'route-limit':
      return { code: 'TRIP_TOO_LONG', params: window };
    default:
      return { code: 'CAPACITY_TAKEN', params: { ...window, tier: pj.tier } };
  }
}

function metrics(
  model: PlanningModel,
  stops: PlannedStop[],
  unserved: PlanOutcome['unserved'],
  reasonOf: Map<number, Reason>,
  kmPerVehicle: Record<string, number>,
  daysOut: Record<string, number>,
  result: SolveResult,
): Omit<PlanMetrics, 'idleVehicles'> {
  const venueById = new Map(model.facts.venues.map((v) => [v.id, v]));
  const setById = new Map(model.facts.sets.map((s) => [s.id, s]));
  const inHorizon = stops.filter((s) => s.endsOn >= model.facts.horizonStart);
  const keyCounties = new Map<string, string>();
  for (const v of model.facts.venues) if (v.priorityTier === 'key') keyCounties.set(v.countyCode, v.countyName);
  const covered = new Set(inHorizon.map((s) => venueById.get(s.venueId)?.countyCode).filter((c) => c && keyCounties.has(c)));
  const uncovered = [...keyCounties].filter(([code]) => !covered.has(code)).map(([countyCode, countyName]) => {
    const j = model.jobs.findIndex((pj, i) => pj.venue.countyCode === countyCode && reasonOf.has(i));
    return { countyCode, countyName, reason: j >= 0 ? reasonOf.get(j)! : { code: 'NO_REQUEST' } };
  });
  // Repeated sets: a county seeing the same roving theme twice within the novelty period.
  const months = model.facts.region.noveltyMonths;
  const seen: { countyCode: string; theme: string; startsOn: string; endsOn: string }[] = [...model.facts.history];
  let repeated = 0;
  for (const s of [...inHorizon].sort((a, b) => a.startsOn.localeCompare(b.startsOn))) {
    const set = setById.get(s.exhibitSetId);
    const venue = venueById.get(s.venueId);
    if (!set || !venue || set.kind !== 'roving_museum') continue;
    if (seen.some((h) => h.countyCode === venue.countyCode && h.theme === set.theme && h.startsOn !== s.startsOn && withinNoveltyPeriod(h, s, months))) repeated++;
    seen.push({ countyCode: venue.countyCode, theme: set.theme, startsOn: s.startsOn, endsOn: s.endsOn });
  }
  const tiers: Tier[] = ['key', 'former_poverty', 'other'];
  const servedByTier = Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
  const unservedByTier = Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
  const requestVenue = new Map(model.facts.requests.map((r) => [r.id, r.venueId]));
  for (const s of inHorizon) if (s.requestId !== null) servedByTier[venueById.get(s.venueId)?.priorityTier ?? 'other']++;
  for (const u of unserved) unservedByTier[venueById.get(requestVenue.get(u.requestId)!)?.priorityTier ?? 'other']++;
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
  // The caravan targets of national practice (server/db/targets.ts), over the horizon's days.
  const caravans = model.facts.vehicles.filter((v) => v.setIds.some((id) => setById.get(id)?.kind === 'caravan_kit'));
  const caravanTargets = caravans.map((v) => {
    const days = daysOut[v.id] ?? 0;
    const km = Math.round(kmPerVehicle[v.id] ?? 0);
    return { vehicleId: v.id, daysOut: days, km, meets: meetsCaravanTarget(days, km, model.days) };
  });
  const caravanStops = inHorizon.filter((s) => setById.get(s.exhibitSetId)?.kind === 'caravan_kit');
  const below = caravanStops.filter((s) => isBelowCounty(venueById.get(s.venueId)?.level ?? 'county')).length;
  return {
    caravanTargets,
    caravanTownshipShare: caravanStops.length ? Math.round((below / caravanStops.length) * 1000) / 1000 : null,
    totalKm: Math.round(Object.values(kmPerVehicle).reduce((a, b) => a + b, 0)),
    stopsServed: inHorizon.length,
    requestsServed: inHorizon.filter((s) => s.requestId !== null).length,
    requestsUnserved: unserved.length,
    keyCountiesCovered: covered.size,
    keyCountiesTotal: keyCounties.size,
    keyCountiesUncovered: uncovered,
    daysOutPerVehicle: daysOut,
    kmPerVehicle: round(kmPerVehicle),
    repeatedSets: repeated,
    servedByTier,
    unservedByTier,
    provisionalYears: model.provisionalYears,
    solver: { iterations: result.iterations, elapsedMs: Math.round(result.elapsedMs), cost: result.cost.total },
  };
}

