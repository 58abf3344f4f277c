import type { JobInput, ProblemInput, VehicleInput } from '../solver/index.js';
import { HolidayCalendar } from './calendar.js';
import { DayClock, MINUTES_PER_DAY, rangeMask, startDays, startMinute, stayMinutes, venueDays, type VenueDays } from './days.js';
import { setFits, type RequestWish } from './fits.js';
import { withinNoveltyPeriod } from './novelty.js';
import { centrePlace, travelMatrix, venuePlace, type Place } from './travel.js';
import type { FixedStop, PlanningFacts, RequestFacts, SetFacts, Tier, VehicleFacts, VenueFacts } from './types.js';

// The planning adapter's first half: domain facts → the solver's numbers. Time is in minutes from
// the horizon's first day (days.ts), distance in metres. Each vehicle is paired with one set and
// cut into trips ("shifts") of at most its maximum trip length, so that a caravan returns to its
// centre at least that often; every shift is a solver vehicle from the home centre and back.
// buildModel runs the steps below in order; each reads what the ones before it made.

/** Penalty for leaving a request unserved, by tier: key counties first, then former poverty counties. */
export const TIER_PENALTY: Record<Tier, number> = { key: 1e12, former_poverty: 1e11, other: 1e10 };
const TIER_PRIORITY: Record<Tier, number> = { key: 3, former_poverty: 2, other: 1 };
/** With "every key county at least once", key-county visits outrank everything else. */
const KEY_REQUIRED_PENALTY = 1e13;
const TRIP_EARLIEST = 6 * 60;
const TRIP_LATEST = 22 * 60;
/** Nights off the road a rest stop costs, in minutes between one day's driving and the next. */
const restNightMinutes = (dailyDriveMinutes: number) => MINUTES_PER_DAY - dailyDriveMinutes;

export interface Shift {
  vehicle: VehicleFacts;
  set: SetFacts;
  /** First and last day index of the trip. */
  firstDay: number;
  lastDay: number;
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
  tripDays?: number;
}

export interface PlanningModel {
  facts: PlanningFacts;
  clock: DayClock;
  days: number;
  calendar: HolidayCalendar;
  /** Solver locations: centres first, then venues. */
  placeOfCentre: Map<number, number>;
  placeOfVenue: Map<number, number>;
  distances: Float64Array;
  drives: Float64Array;
  shifts: Shift[];
  jobs: PlanJob[];
  input: ProblemInput;
  setOfVehicle: Map<number, SetFacts>;
  venueDays: Map<number, VenueDays>;
  provisionalYears: number[];
}

/** What the steps share: the facts indexed, the day clock and the parts built so far. */
interface Build {
  facts: PlanningFacts;
  clock: DayClock;
  days: number;
  /** First day free jobs may start (the re-plan day). */
  from: number;
  calendar: HolidayCalendar;
  venueById: Map<number, VenueFacts>;
  setById: Map<number, SetFacts>;
  fixedInHorizon: FixedStop[];
}

/** Builds the solver problem for a region's horizon. Pure: no I/O. */
export function buildModel(facts: PlanningFacts, opts: { requireAllKeyCounties?: boolean } = {}): PlanningModel {
  const b = indexFacts(facts);
  const places = placesAndTravel(b);
  const vdays = venueCalendars(b);
  const { setOfVehicle, shifts } = vehicleTrips(b);
  const vehicles = tripVehicles(shifts, places.placeOfCentre);
  const novelty = noveltyIndex(b);
  const jobs = new JobList(b, places.placeOfVenue, vdays, shifts, setOfVehicle, novelty);
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
    input: { jobs: jobs.inputs, vehicles, durations: flat(places.durations), distances: flat(places.distances) },
    setOfVehicle,
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
  // One travel-time matrix serves every vehicle: rest nights follow the strictest daily limit.
  const dailyLimit = Math.min(...b.facts.vehicles.map((v) => v.dailyDriveMinutes), 24 * 60);
  const durations = new Float64Array(size * size);
  for (let k = 0; k < size * size; k++) durations[k] = travelMinutes(drives[k]!, dailyLimit);
  return { size, placeOfCentre, placeOfVenue, distances, drives, durations };
}

/** Venue calendars: the days each venue can host, from its weekdays, blackouts, closures and holidays. */
function venueCalendars(b: Build): Map<number, VenueDays> {
  const vdays = new Map<number, VenueDays>();
  for (const v of b.facts.venues) vdays.set(v.id, venueDays(b.clock, b.days, v, b.facts.closures, b.calendar));
  return vdays;
}

/** Vehicles paired with sets, cut into trips around maintenance and fixed stays. */
function vehicleTrips(b: Build): { setOfVehicle: Map<number, SetFacts>; shifts: Shift[] } {
  const { clock, days } = b;
  const setOfVehicle = new Map<number, SetFacts>();
  const taken = new Set<number>();
  for (const v of [...b.facts.vehicles].sort((x, y) => x.id - y.id)) {
    const set = v.setIds.map((id) => b.setById.get(id)).find((s) => s && !taken.has(s.id));
    if (!set) continue;
    taken.add(set.id);
    setOfVehicle.set(v.id, set);
  }
  const shifts: Shift[] = [];
  for (const v of b.facts.vehicles) {
    const set = setOfVehicle.get(v.id);
    if (!set) continue;
    const off = new Uint8Array(days);
    rangeMask(clock, days, v.maintenance, off);
    rangeMask(clock, days, set.maintenance, off);
    const pinned = b.fixedInHorizon.filter((s) => s.vehicleId === v.id).map((s) => [clock.index(s.startsOn), clock.index(s.endsOn)] as const);
    const a = v.availableFrom ? Math.max(0, clock.index(v.availableFrom)) : 0;
    let last = v.availableUntil ? Math.min(days - 1, clock.index(v.availableUntil)) : days - 1;
    // A fixed stay under way when the vehicle leaves service (a breakdown) still runs to its end.
    for (const [s, e] of pinned) if (s <= last && e > last) last = Math.min(days - 1, e);
    // A fixed stay that began before the horizon keeps the vehicle busy until it ends.
    const busyUntil = Math.max(-1, ...pinned.filter(([s]) => s < 0).map(([, e]) => e));
    for (const [s, e] of availableRuns(off, Math.max(a, busyUntil + 1), last)) {
      for (const [ts, te] of trips(s, e, v.maxTripDays, pinned)) shifts.push({ vehicle: v, set, firstDay: ts, lastDay: te });
    }
  }
  return { setOfVehicle, shifts };
}

/** Every trip is a solver vehicle from its home centre and back. */
function tripVehicles(shifts: readonly Shift[], placeOfCentre: Map<number, number>): VehicleInput[] {
  return shifts.map((sh) => {
    const home = placeOfCentre.get(sh.vehicle.homeCentreId)!;
    return {
      id: `${sh.vehicle.id}:${sh.firstDay}`,
      start: home,
      end: home,
      // A trip leaves home no earlier than 06:00 of its first day and is back by 22:00 of its last,
      // so that no one drives through the night between two trips.
      window: { start: sh.firstDay * MINUTES_PER_DAY + TRIP_EARLIEST, end: sh.lastDay * MINUTES_PER_DAY + TRIP_LATEST },
      costPerDistance: 1,
    };
  });
}

interface NoveltyIndex {
  /** True when the county saw the theme within the novelty period of a request's window. */
  recentlySeen(countyCode: string, theme: string, window: { startsOn: string; endsOn: string }): boolean;
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
  return {
    recentlySeen: (county, theme, window) => (seen.get(county) ?? []).some((h) => h.theme === theme && withinNoveltyPeriod(h, window, months)),
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
    readonly setOfVehicle: Map<number, SetFacts>,
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
    const suits = (set: SetFacts): boolean => {
      const why = setFits(set, venue, r) ?? (set.kind === 'roving_museum' && this.novelty.recentlySeen(venue.countyCode, set.theme, window) ? 'novelty' : undefined);
      if (why) excluded[why] = (excluded[why] ?? 0) + 1;
      return why === undefined;
    };
    const okSets = new Set([...this.setOfVehicle.values()].filter(suits).map((s) => s.id));
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
      { source, venue, openDays: r.openDays, tier: venue.priorityTier, excluded, startDayCount: starts.length, suitableSets: okSets.size, stayDays: length, tripDays },
      {
        id,
        location: this.placeOfVenue.get(venue.id)!,
        service: stayMinutes(Math.max(1, length)),
        windows: starts.length > 0 ? starts.map((d) => ({ start: startMinute(d), end: startMinute(d) })) : [{ start: -2, end: -1 }],
        penalty,
        priority: penalty === KEY_REQUIRED_PENALTY ? 4 : TIER_PRIORITY[venue.priorityTier],
        allowedVehicles: starts.length > 0 ? allowedVehicles : [],
      },
    );
  }
}

/** Fixed stays: pinned to their vehicle's trip and start day. */
function fixedStayJobs(b: Build, jobs: JobList, shifts: readonly Shift[]): void {
  const { clock } = b;
  for (const f of b.fixedInHorizon) {
    const venue = b.venueById.get(f.venueId);
    const first = clock.index(f.startsOn);
    if (!venue || first < 0) continue; // began before the horizon: handled as a busy vehicle
    const shift = shifts.findIndex((sh) => sh.vehicle.id === f.vehicleId && sh.firstDay <= first && first <= sh.lastDay);
    if (shift < 0) continue; // its vehicle is no longer available: the caller re-plans its request instead
    const length = clock.index(f.endsOn) - first + 1;
    jobs.push(
      { source: { kind: 'fixed', stop: f }, venue, openDays: clock.index(f.closesOn) - clock.index(f.opensOn) + 1, tier: venue.priorityTier, excluded: {}, startDayCount: 1, suitableSets: 1 },
      {
        id: `fixed:${f.requestId ?? `${f.venueId}@${f.startsOn}`}`,
        location: jobs.placeOfVenue.get(venue.id)!,
        service: stayMinutes(length),
        windows: [{ start: startMinute(first), end: startMinute(first) }],
        penalty: KEY_REQUIRED_PENALTY * 10,
        priority: 10,
        pin: { vehicle: shift, start: startMinute(first) },
      },
    );
  }
}

/** Requests: one free job each, penalised by the venue's tier. */
function requestJobs(b: Build, jobs: JobList, requireAllKeyCounties: boolean): void {
  for (const r of b.facts.requests) {
    const venue = b.venueById.get(r.venueId);
    if (!venue) continue;
    const penalty = requireAllKeyCounties && venue.priorityTier === 'key' ? KEY_REQUIRED_PENALTY : TIER_PENALTY[venue.priorityTier];
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

/** Minutes a leg takes: the drive, plus a rest night for each daily driving limit it exceeds. */
export function travelMinutes(drive: number, dailyDriveMinutes: number): number {
  if (drive <= 0) return 0;
  return drive + restNights(drive, dailyDriveMinutes) * restNightMinutes(dailyDriveMinutes);
}

/** Nights on the road for a drive of `drive` minutes under a daily driving limit. */
export function restNights(drive: number, dailyDriveMinutes: number): number {
  return Math.max(0, Math.ceil(drive / dailyDriveMinutes) - 1);
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

/** Cuts [s, e] into trips of at most `maxDays` days; a cut never falls inside a fixed stay. */
function trips(s: number, e: number, maxDays: number, fixed: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let start = s;
  while (start <= e) {
    let end = Math.min(e, start + maxDays - 1);
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
