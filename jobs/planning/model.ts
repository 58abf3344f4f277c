import type { JobInput, ProblemInput, VehicleInput } from '../solver/index.js';
import { isBelowCounty } from '../../server/db/targets.js';
import { HolidayCalendar } from './calendar.js';
import { dailyLimit, legDays, restOfStay } from './crew.js';
import { DayClock, rangeMask, startDays, startTime, stayTime, venueDays, type VenueDays } from './days.js';
import { setFits, type RequestWish } from './fits.js';
import { withinNoveltyPeriod } from './novelty.js';
import { centrePlace, seasonFactor, travelMatrix, venuePlace, type Place } from './travel.js';
import type { FixedStop, PlanningFacts, RequestFacts, SetFacts, Tier, VehicleFacts, VenueFacts } from './types.js';

// The planning adapter's first half: domain facts → the solver's numbers. Time is in whole days from
// the horizon's first day (days.ts), distance in metres. Each vehicle's service is cut into trips of
// at most its maximum trip length, so that it returns to its centre at least that often; every
// (trip, set it can carry) pair is a solver vehicle ("shift") from the home centre and back, and the
// shifts of one trip are exclusive (a trip carries one set, changed at the centre between trips), as
// are shifts of one set on overlapping trips of different vehicles. Legs take whole days by the
// crew's day (crew.ts) at the slowest month's speed of the trip (rule 5); a crew works at most the
// region's consecutive working days (rule 2). buildModel runs the steps below in order; each reads
// what the ones before it made.

/** Penalty for leaving a request unserved, by tier: key counties first, then former poverty counties. */
export const TIER_PENALTY: Record<Tier, number> = { key: 1e12, former_poverty: 1e11, other: 1e10 };
const TIER_PRIORITY: Record<Tier, number> = { key: 3, former_poverty: 2, other: 1 };
/** With "every key county at least once", key-county visits outrank everything else. */
const KEY_REQUIRED_PENALTY = 1e13;
/** How much more a caravan visit below the county seat weighs within its tier (below the next tier's 10x). */
const BELOW_COUNTY_WEIGHT = 1.5;

export interface Shift {
  vehicle: VehicleFacts;
  set: SetFacts;
  /** First and last day index of the trip (its last day is spent at the home centre). */
  firstDay: number;
  lastDay: number;
  /** The trip this shift is one set-up of (shifts of one trip share it). */
  trip: number;
  /** Index of its travel-time matrix (daily limit and season), into ProblemInput's profiles. */
  profile: number;
}

export type JobSource =
  | { kind: 'request'; request: RequestFacts }
  | { kind: 'fixed'; stop: FixedStop }
  | { kind: 'key-county'; venue: VenueFacts };

export interface PlanJob {
  source: JobSource;
  venue: VenueFacts;
  openDays: number;
  tier: Tier;
  /** Why sets were ruled out (counts by cause), for an unserved request's reason. */
  excluded: Record<string, number>;
  /** Number of valid start days, before vehicles are considered. */
  startDayCount: number;
  /** Number of sets that suit the request (kind, theme, venue, novelty), before availability. */
  suitableSets: number;
  /** The stay's days (set-up, open, tear-down) and the longest trip of a vehicle carrying a suitable set. */
  stayDays?: number;
  /**
   * The set-up days the solver schedules: the longest of the suitable sets'. A set with a shorter
   * set-up takes these days all the same (its crew's rest day falls inside them), so the stay is
   * the one the solver judged against the crew's rules.
   */
  setupDays?: number;
  tripDays?: number;
}

/** A region's horizon in days: its facts, its day numbering, its length and its holidays. */
export interface HorizonFrame {
  facts: PlanningFacts;
  clock: DayClock;
  days: number;
  calendar: HolidayCalendar;
}

export interface PlanningModel extends HorizonFrame {
  /** Solver locations: centres first, then venues. */
  placeOfCentre: Map<number, number>;
  placeOfVenue: Map<number, number>;
  distances: Float64Array;
  drives: Float64Array;
  shifts: Shift[];
  jobs: PlanJob[];
  input: ProblemInput;
  /** Sets some trip can carry. */
  carriedSets: SetFacts[];
  venueDays: Map<number, VenueDays>;
  provisionalYears: number[];
}

/** What the steps share: the facts indexed, the day clock and the parts built so far. */
interface Build extends HorizonFrame {
  /** First day free jobs may start (the re-plan day). */
  from: number;
  venueById: Map<number, VenueFacts>;
  setById: Map<number, SetFacts>;
  fixedInHorizon: FixedStop[];
  /** Dense numbers of the noRepeat labels (kits, themes, venues, counties). */
  labels: Map<string, number>;
}

/** Builds the solver problem for a region's horizon. Pure: no I/O. */
export function buildModel(facts: PlanningFacts, opts: { requireAllKeyCounties?: boolean } = {}): PlanningModel {
  const b = indexFacts(facts);
  const places = placesAndTravel(b);
  const vdays = venueCalendars(b);
  const shifts = vehicleTrips(b);
  const profiles = travelProfiles(b, shifts, places.drives, places.size);
  const vehicles = tripVehicles(b, shifts, places.placeOfCentre);
  const novelty = noveltyIndex(b);
  const carriedSets = [...new Map(shifts.map((sh) => [sh.set.id, sh.set])).values()];
  const jobs = new JobList(b, places.placeOfVenue, vdays, shifts, carriedSets, novelty);
  fixedStayJobs(b, jobs, shifts);
  requestJobs(b, jobs, opts.requireAllKeyCounties ?? false);
  if (opts.requireAllKeyCounties) keyCountyJobs(b, jobs);

  const flat = (data: Float64Array) => ({ size: places.size, data });
  return {
    facts,
    clock: b.clock,
    days: b.days,
    calendar: b.calendar,
    placeOfCentre: places.placeOfCentre,
    placeOfVenue: places.placeOfVenue,
    distances: places.distances,
    drives: places.drives,
    shifts,
    jobs: jobs.jobs,
    input: { jobs: jobs.inputs, vehicles, durations: flat(profiles[0]!), durationProfiles: profiles.slice(1).map(flat), distances: flat(places.distances) },
    carriedSets,
    venueDays: vdays,
    provisionalYears: b.calendar.provisionalYears(Number(facts.horizonStart.slice(0, 4)), Number(facts.horizonEnd.slice(0, 4))),
  };
}

function indexFacts(facts: PlanningFacts): Build {
  const clock = new DayClock(facts.horizonStart);
  return {
    facts,
    clock,
    days: clock.index(facts.horizonEnd) + 1,
    from: Math.max(0, clock.index(facts.replanFrom ?? facts.horizonStart)),
    calendar: new HolidayCalendar(facts.holidays),
    venueById: new Map(facts.venues.map((v) => [v.id, v])),
    setById: new Map(facts.sets.map((s) => [s.id, s])),
    fixedInHorizon: facts.fixedStops.filter((s) => s.endsOn >= facts.horizonStart && s.startsOn <= facts.horizonEnd),
    labels: new Map(),
  };
}

/** Places and travel: centres first, then venues, with the region's one travel matrix. */
function placesAndTravel(b: Build) {
  const placeOfCentre = new Map<number, number>();
  const placeOfVenue = new Map<number, number>();
  const points: Place[] = [];
  for (const c of b.facts.centres) {
    placeOfCentre.set(c.id, points.length);
    points.push(centrePlace(c));
  }
  for (const v of b.facts.venues) {
    placeOfVenue.set(v.id, points.length);
    points.push(venuePlace(v));
  }
  const { size, distances, drives } = travelMatrix(points, b.facts);
  return { size, placeOfCentre, placeOfVenue, distances, drives };
}

/**
 * The legs' whole days for each (daily limit, season) the shifts need: a shift's legs take the
 * days of its crew's daily limit at the slowest month of its trip, so that no leg is shorter than
 * on its real date. Sets each shift's profile; returns the matrices, the first one profile 0.
 */
function travelProfiles(b: Build, shifts: Shift[], drives: Float64Array, size: number): Float64Array[] {
  const region = b.facts.region;
  const index = new Map<string, number>();
  const matrices: Float64Array[] = [];
  for (const sh of shifts) {
    const daily = dailyLimit(sh.vehicle, region);
    let factor = 0;
    for (let d = sh.firstDay; d <= sh.lastDay; d += 28) factor = Math.max(factor, seasonFactor(region, Number(b.clock.iso(d).slice(5, 7))));
    factor = Math.max(factor, seasonFactor(region, Number(b.clock.iso(sh.lastDay).slice(5, 7))));
    const key = `${daily}|${factor}`;
    let k = index.get(key);
    if (k === undefined) {
      index.set(key, (k = matrices.length));
      const m = new Float64Array(size * size);
      for (let x = 0; x < size * size; x++) m[x] = drives[x]! > 0 ? legDays(Math.round(drives[x]! * factor), daily, region.eveningLegMaxMinutes) : 0;
      matrices.push(m);
    }
    sh.profile = k;
  }
  if (matrices.length === 0) matrices.push(new Float64Array(size * size));
  return matrices;
}

/** Venue calendars: the days each venue can host, from its weekdays, blackouts, closures and holidays. */
function venueCalendars(b: Build): Map<number, VenueDays> {
  const vdays = new Map<number, VenueDays>();
  for (const v of b.facts.venues) vdays.set(v.id, venueDays(b.clock, b.days, v, b.facts.closures, b.calendar));
  return vdays;
}

/**
 * Each vehicle's trips, cut around its maintenance and fixed stays, and a shift per set it can carry
 * on each trip (a set in maintenance during the trip cannot go; a fixed stay's trip carries its set).
 */
function vehicleTrips(b: Build): Shift[] {
  const { clock, days } = b;
  const shifts: Shift[] = [];
  let trip = 0;
  for (const v of [...b.facts.vehicles].sort((x, y) => x.id - y.id)) {
    const sets = v.setIds.map((id) => b.setById.get(id)).filter((s): s is SetFacts => s !== undefined);
    if (sets.length === 0) continue;
    const off = rangeMask(clock, days, v.maintenance);
    const fixed = b.fixedInHorizon.filter((s) => s.vehicleId === v.id);
    const pinned = fixed.map((s) => [clock.index(s.startsOn), clock.index(s.endsOn)] as const);
    const a = v.availableFrom ? Math.max(0, clock.index(v.availableFrom)) : 0;
    let last = v.availableUntil ? Math.min(days - 1, clock.index(v.availableUntil)) : days - 1;
    // A fixed stay under way when the vehicle leaves service (a breakdown) still runs to its end.
    for (const [s, e] of pinned) if (s <= last && e > last) last = Math.min(days - 1, e);
    // A fixed stay that began before the horizon keeps the vehicle busy until it ends.
    const busyUntil = Math.max(-1, ...pinned.filter(([s]) => s < 0).map(([, e]) => e));
    const cuts = (v.tripCuts ?? []).map((d) => clock.index(d));
    for (const [s, e] of availableRuns(off, Math.max(a, busyUntil + 1), last).flatMap(([s, e]) => splitAt(s, e, cuts))) {
      for (const [ts, te] of trips(s, e, v.maxTripDays, pinned)) {
        const mustCarry = new Set(fixed.filter((f) => clock.index(f.startsOn) >= ts && clock.index(f.startsOn) <= te).map((f) => f.exhibitSetId));
        for (const set of sets) {
          if (mustCarry.size > 0 && !(mustCarry.size === 1 && mustCarry.has(set.id))) continue;
          if (mustCarry.size === 0 && set.maintenance.some(([ms, me]) => clock.index(ms) <= te && clock.index(me) >= ts)) continue;
          shifts.push({ vehicle: v, set, firstDay: ts, lastDay: te, trip, profile: 0 });
        }
        trip++;
      }
    }
  }
  return shifts;
}

/**
 * Every shift is a solver vehicle from its home centre and back: out from the morning of its trip's
 * first day, home by the evening before its last (a day at the centre, the crew's rest and the set
 * change), one of its trip's set-ups, at most the region's working days in a row.
 */
function tripVehicles(b: Build, shifts: readonly Shift[], placeOfCentre: Map<number, number>): VehicleInput[] {
  const groups = exclusiveGroups(shifts);
  return shifts.map((sh, i) => {
    const home = placeOfCentre.get(sh.vehicle.homeCentreId)!;
    return {
      id: `${sh.vehicle.id}:${sh.firstDay}:${sh.set.id}`,
      start: home,
      end: home,
      window: { start: startTime(sh.firstDay), end: startTime(sh.lastDay) },
      costPerDistance: 1,
      profile: sh.profile,
      groups: groups[i]!,
      kind: setKindKey(b, sh.set),
      maxWorkStretch: b.facts.region.maxConsecutiveWorkDays,
      minBreak: 1,
    };
  });
}

/** Exclusive groups per shift: its trip's, and one per other vehicle's overlapping trip with the same set. */
function exclusiveGroups(shifts: readonly Shift[]): number[][] {
  const trips = Math.max(0, ...shifts.map((sh) => sh.trip + 1));
  const out = shifts.map((sh) => [sh.trip]);
  let next = trips;
  const bySet = new Map<number, number[]>();
  shifts.forEach((sh, i) => bySet.set(sh.set.id, [...(bySet.get(sh.set.id) ?? []), i]));
  for (const list of bySet.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = shifts[list[x]!]!;
        const c = shifts[list[y]!]!;
        if (a.vehicle.id === c.vehicle.id || a.lastDay < c.firstDay || c.lastDay < a.firstDay) continue;
        out[list[x]!]!.push(next);
        out[list[y]!]!.push(next);
        next++;
      }
    }
  }
  return out;
}

/**
 * The noRepeat labels (rule 4): a caravan kit's shifts carry the kit, a roving set's its theme; a
 * caravan job is keyed by its venue, a roving job by its county. Within a horizon no venue sees a
 * kit twice and no county a theme (the periods are a year or longer).
 */
function label(b: Build, name: string): number {
  let k = b.labels.get(name);
  if (k === undefined) b.labels.set(name, (k = b.labels.size));
  return k;
}
const setKindKey = (b: Build, set: SetFacts) => label(b, set.kind === 'caravan_kit' ? `kit:${set.id}` : `theme:${set.theme}`);
/** A job's noRepeat key, or undefined when its period is off. */
function jobKey(b: Build, kind: SetFacts['kind'], venue: VenueFacts): number | undefined {
  if (kind === 'caravan_kit') return b.facts.region.kitNoveltyMonths > 0 ? label(b, `venue:${venue.id}`) : undefined;
  return b.facts.region.noveltyMonths > 0 ? label(b, `county:${venue.countyCode}`) : undefined;
}

interface NoveltyIndex {
  /** True when the county saw the theme within the novelty period of a request's window. */
  recentlySeen(countyCode: string, theme: string, window: { startsOn: string; endsOn: string }): boolean;
  /** True when the venue had the kit within the kit novelty period of a request's window (stays before the horizon). */
  kitRecentlySeen(venueId: number, setId: number, window: { startsOn: string; endsOn: string }): boolean;
}

/** Novelty: the themes each county has seen, and when (history and the fixed stays in the horizon). */
function noveltyIndex(b: Build): NoveltyIndex {
  const seen = new Map<string, { theme: string; startsOn: string; endsOn: string }[]>();
  const remember = (county: string, theme: string, startsOn: string, endsOn: string) => {
    let list = seen.get(county);
    if (!list) seen.set(county, (list = []));
    list.push({ theme, startsOn, endsOn });
  };
  for (const h of b.facts.history) remember(h.countyCode, h.theme, h.startsOn, h.endsOn);
  for (const f of b.fixedInHorizon) {
    const set = b.setById.get(f.exhibitSetId);
    const venue = b.venueById.get(f.venueId);
    if (set?.kind === 'roving_museum' && venue) remember(venue.countyCode, set.theme, f.startsOn, f.endsOn);
  }
  const months = b.facts.region.noveltyMonths;
  const kitMonths = b.facts.region.kitNoveltyMonths;
  const kits = b.facts.kitHistory ?? [];
  return {
    recentlySeen: (county, theme, window) => (seen.get(county) ?? []).some((h) => h.theme === theme && withinNoveltyPeriod(h, window, months)),
    kitRecentlySeen: (venueId, setId, window) => kits.some((h) => h.venueId === venueId && h.exhibitSetId === setId && withinNoveltyPeriod(h, window, kitMonths)),
  };
}

/** The solver jobs and what each stands for, in one order. */
class JobList {
  readonly jobs: PlanJob[] = [];
  readonly inputs: JobInput[] = [];

  constructor(
    readonly b: Build,
    readonly placeOfVenue: Map<number, number>,
    readonly vdays: Map<number, VenueDays>,
    readonly shifts: Shift[],
    readonly carriedSets: readonly SetFacts[],
    readonly novelty: NoveltyIndex,
  ) {}

  push(job: PlanJob, input: JobInput): void {
    this.jobs.push(job);
    this.inputs.push(input);
  }

  /** Adds a free job: allowed trips from compatibility and novelty, windows from the venue's calendar. */
  addFree(source: JobSource, venue: VenueFacts, r: RequestWish & Pick<RequestFacts, 'windowStart' | 'windowEnd' | 'openDays'>, penalty: number, id: string): void {
    const { clock, days, from, setById } = this.b;
    const excluded: Record<string, number> = {};
    const window = { startsOn: r.windowStart, endsOn: r.windowEnd };
    const seen = (set: SetFacts) =>
      set.kind === 'roving_museum' ? this.novelty.recentlySeen(venue.countyCode, set.theme, window) : this.novelty.kitRecentlySeen(venue.id, set.id, window);
    const suits = (set: SetFacts): boolean => {
      const why = setFits(set, venue, r) ?? (seen(set) ? 'novelty' : undefined);
      if (why) excluded[why] = (excluded[why] ?? 0) + 1;
      return why === undefined;
    };
    const okSets = new Set(this.carriedSets.filter(suits).map((s) => s.id));
    const allowedSets = [...okSets].map((id) => setById.get(id)!);
    const setup = Math.max(0, ...allowedSets.map((s) => s.setupDays));
    const teardown = Math.max(0, ...allowedSets.map((s) => s.teardownDays));
    const length = setup + r.openDays + teardown;
    const lo = Math.max(from, clock.index(r.windowStart));
    const hi = Math.min(days - 1, clock.index(r.windowEnd)); // the stay's last day
    const starts = startDays(this.vdays.get(venue.id)!, lo, hi, length, r.setKind === 'caravan_kit');
    const allowedVehicles: number[] = [];
    let tripDays = 0;
    this.shifts.forEach((sh, i) => {
      if (!okSets.has(sh.set.id)) return;
      tripDays = Math.max(tripDays, sh.vehicle.maxTripDays);
      // A trip shorter than the stay can never hold it.
      if (sh.lastDay >= lo && sh.lastDay - sh.firstDay + 1 >= length) allowedVehicles.push(i);
    });
    this.push(
      { source, venue, openDays: r.openDays, tier: venue.priorityTier, excluded, startDayCount: starts.length, suitableSets: okSets.size, stayDays: length, setupDays: setup, tripDays },
      {
        id,
        location: this.placeOfVenue.get(venue.id)!,
        service: stayTime(Math.max(1, length)),
        windows: starts.length > 0 ? starts.map((d) => ({ start: startTime(d), end: startTime(d) })) : [{ start: -2, end: -1 }],
        penalty,
        priority: penalty === KEY_REQUIRED_PENALTY ? 4 : TIER_PRIORITY[venue.priorityTier],
        allowedVehicles: starts.length > 0 ? allowedVehicles : [],
        ...crewRules(this.b, r.setKind, venue, setup, r.openDays),
      },
    );
  }
}

/** A job's rest days for its crew (rule 2) and its noRepeat key (rule 4). */
function crewRules(b: Build, kind: SetFacts['kind'], venue: VenueFacts, setupDays: number, openDays: number): Pick<JobInput, 'serviceRest' | 'noRepeat'> {
  const rest = restOfStay(kind, setupDays, openDays);
  const key = jobKey(b, kind, venue);
  return { ...(rest ? { serviceRest: { start: rest[0], end: rest[1] } } : {}), ...(key !== undefined ? { noRepeat: key } : {}) };
}

/** Fixed stays: pinned to their vehicle's trip and start day. */
function fixedStayJobs(b: Build, jobs: JobList, shifts: readonly Shift[]): void {
  const { clock } = b;
  for (const f of b.fixedInHorizon) {
    const venue = b.venueById.get(f.venueId);
    const first = clock.index(f.startsOn);
    if (!venue || first < 0) continue; // began before the horizon: handled as a busy vehicle
    const shift = shifts.findIndex((sh) => sh.vehicle.id === f.vehicleId && sh.set.id === f.exhibitSetId && sh.firstDay <= first && first <= sh.lastDay);
    const set = b.setById.get(f.exhibitSetId);
    if (shift < 0) continue; // its vehicle is no longer available: the caller re-plans its request instead
    const length = clock.index(f.endsOn) - first + 1;
    jobs.push(
      { source: { kind: 'fixed', stop: f }, venue, openDays: clock.index(f.closesOn) - clock.index(f.opensOn) + 1, tier: venue.priorityTier, excluded: {}, startDayCount: 1, suitableSets: 1 },
      {
        id: `fixed:${f.requestId ?? `${f.venueId}@${f.startsOn}`}`,
        location: jobs.placeOfVenue.get(venue.id)!,
        service: stayTime(length),
        windows: [{ start: startTime(first), end: startTime(first) }],
        penalty: KEY_REQUIRED_PENALTY * 10,
        priority: 10,
        pin: { vehicle: shift, start: startTime(first) },
        ...(set ? crewRules(b, set.kind, venue, clock.index(f.opensOn) - first, clock.index(f.closesOn) - clock.index(f.opensOn) + 1) : {}),
      },
    );
  }
}

/** Requests: one free job each, penalised by the venue's tier. */
function requestJobs(b: Build, jobs: JobList, requireAllKeyCounties: boolean): void {
  for (const r of b.facts.requests) {
    const venue = b.venueById.get(r.venueId);
    if (!venue) continue;
    // Soft objective (the caravan targets, server/db/targets.ts): of two caravan requests of one
    // tier, the one below the county seat weighs more, so where capacity is short it is served first.
    const weight = r.setKind === 'caravan_kit' && isBelowCounty(venue.level) ? BELOW_COUNTY_WEIGHT : 1;
    const penalty = requireAllKeyCounties && venue.priorityTier === 'key' ? KEY_REQUIRED_PENALTY : TIER_PENALTY[venue.priorityTier] * weight;
    jobs.addFree({ kind: 'request', request: r }, venue, r, penalty, `request:${r.id}`);
  }
}

/** Every key county at least once: a caravan day at a key county nothing else visits. */
function keyCountyJobs(b: Build, jobs: JobList): void {
  const visited = new Set([...b.facts.requests.map((r) => r.venueId), ...b.fixedInHorizon.map((f) => f.venueId)]);
  const coveredCounties = new Set([...visited].map((id) => b.venueById.get(id)?.countyCode));
  const keyVenues = new Map<string, VenueFacts>();
  for (const v of b.facts.venues) if (v.priorityTier === 'key' && !keyVenues.has(v.countyCode)) keyVenues.set(v.countyCode, v);
  for (const [county, venue] of keyVenues) {
    if (coveredCounties.has(county)) continue;
    const wish = { setKind: 'caravan_kit' as const, exhibitSetId: null, theme: null, windowStart: b.clock.iso(b.from), windowEnd: b.facts.horizonEnd, openDays: 1 };
    jobs.addFree({ kind: 'key-county', venue }, venue, wish, KEY_REQUIRED_PENALTY, `key-county:${county}`);
  }
}

/** Maximal runs of days in [a, b] that are not marked off. */
function availableRuns(off: Uint8Array, a: number, b: number): [number, number][] {
  const runs: [number, number][] = [];
  let s = -1;
  for (let d = a; d <= b + 1; d++) {
    const free = d <= b && off[d] === 0;
    if (free && s < 0) s = d;
    if (!free && s >= 0) {
      runs.push([s, d - 1]);
      s = -1;
    }
  }
  return runs;
}

/** Splits [s, e] so that each day of `cuts` inside it begins a part (a borrowed set's loan starts or ends there). */
function splitAt(s: number, e: number, cuts: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let start = s;
  for (const c of [...new Set(cuts)].sort((x, y) => x - y)) {
    if (c <= start || c > e) continue;
    out.push([start, c - 1]);
    start = c;
  }
  out.push([start, e]);
  return out;
}

/**
 * Cuts [s, e] into trips of at most `maxDays` days on one grid from the horizon's first day (cuts
 * after days maxDays - 1, 2 maxDays - 1, ...), so that vehicles with the same trip length make
 * their trips on the same days and may exchange them (plan.ts, balanceTrips) whenever their service
 * begins. A cut never falls inside a fixed stay: a trip that one crosses ends with it, and the next
 * ends at the grid's next cut.
 */
function trips(s: number, e: number, maxDays: number, fixed: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let start = s;
  while (start <= e) {
    let end = Math.min(e, (Math.floor(start / maxDays) + 1) * maxDays - 1);
    while (end < e) {
      const across = fixed.find(([fs, fe]) => fs <= end && fe > end && fs >= start);
      if (!across) break;
      end = Math.min(e, across[1]);
    }
    out.push([start, end]);
    start = end + 1;
  }
  return out;
}
