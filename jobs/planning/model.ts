import { DateTime } from 'luxon';
import type { JobInput, ProblemInput, VehicleInput } from '../solver/index.js';
import { HolidayCalendar } from './calendar.js';
import { DayClock, MINUTES_PER_DAY, rangeMask, startDays, startMinute, stayMinutes, venueDays, type VenueDays } from './days.js';
import { driveMinutes, roadMetres } from './geo.js';
import type { FixedStop, PlanningFacts, RequestFacts, SetFacts, Tier, VehicleFacts, VenueFacts } from './types.js';

// The planning adapter's first half: domain facts → the solver's numbers. Time is in minutes from
// the horizon's first day (days.ts), distance in metres. Each vehicle is paired with one set and
// cut into trips ("shifts") of at most its maximum trip length, so that a caravan returns to its
// centre at least that often; every shift is a solver vehicle from the home centre and back.

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

/** Builds the solver problem for a region's horizon. Pure: no I/O. */
export function buildModel(facts: PlanningFacts, opts: { requireAllKeyCounties?: boolean } = {}): PlanningModel {
  const clock = new DayClock(facts.horizonStart);
  const days = clock.index(facts.horizonEnd) + 1;
  const from = Math.max(0, clock.index(facts.replanFrom ?? facts.horizonStart));
  const calendar = new HolidayCalendar(facts.holidays);
  const venueById = new Map(facts.venues.map((v) => [v.id, v]));
  const setById = new Map(facts.sets.map((s) => [s.id, s]));

  // Places and travel.
  const placeOfCentre = new Map<number, number>();
  const placeOfVenue = new Map<number, number>();
  const points: { lng: number; lat: number; key: string }[] = [];
  for (const c of facts.centres) {
    placeOfCentre.set(c.id, points.length);
    points.push({ lng: c.lng, lat: c.lat, key: `centre:${c.id}` });
  }
  for (const v of facts.venues) {
    placeOfVenue.set(v.id, points.length);
    points.push({ lng: v.lng, lat: v.lat, key: `venue:${v.id}` });
  }
  const n = points.length;
  const distances = new Float64Array(n * n);
  const drives = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const own = facts.roadMatrix?.get(`${points[i]!.key}|${points[j]!.key}`);
      const m = own ? own.distanceM : roadMetres(points[i]!, points[j]!, facts.region.roadFactor);
      distances[i * n + j] = m;
      drives[i * n + j] = own ? own.driveMinutes : driveMinutes(m, facts.region.averageSpeedKmh);
    }
  }
  // One travel-time matrix serves every vehicle: rest nights follow the strictest daily limit.
  const dailyLimit = Math.min(...facts.vehicles.map((v) => v.dailyDriveMinutes), 24 * 60);
  const durations = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) durations[k] = travelMinutes(drives[k]!, dailyLimit);

  // Venue calendars.
  const vdays = new Map<number, VenueDays>();
  for (const v of facts.venues) vdays.set(v.id, venueDays(clock, days, v, facts.closures, calendar));

  // Vehicles paired with sets, cut into shifts around maintenance and fixed stays.
  const setOfVehicle = new Map<number, SetFacts>();
  const taken = new Set<number>();
  for (const v of [...facts.vehicles].sort((a, b) => a.id - b.id)) {
    const set = v.setIds.map((id) => setById.get(id)).find((s) => s && !taken.has(s.id));
    if (!set) continue;
    taken.add(set.id);
    setOfVehicle.set(v.id, set);
  }
  const fixedInHorizon = facts.fixedStops.filter((s) => s.endsOn >= facts.horizonStart && s.startsOn <= facts.horizonEnd);
  const shifts: Shift[] = [];
  for (const v of facts.vehicles) {
    const set = setOfVehicle.get(v.id);
    if (!set) continue;
    const off = new Uint8Array(days);
    rangeMask(clock, days, v.maintenance, off);
    rangeMask(clock, days, set.maintenance, off);
    const pinned = fixedInHorizon
      .filter((s) => s.vehicleId === v.id)
      .map((s) => [clock.index(s.startsOn), clock.index(s.endsOn)] as const);
    const a = v.availableFrom ? Math.max(0, clock.index(v.availableFrom)) : 0;
    let b = v.availableUntil ? Math.min(days - 1, clock.index(v.availableUntil)) : days - 1;
    // A fixed stay under way when the vehicle leaves service (a breakdown) still runs to its end.
    for (const [s, e] of pinned) if (s <= b && e > b) b = Math.min(days - 1, e);
    // A fixed stay that began before the horizon keeps the vehicle busy until it ends.
    const busyUntil = Math.max(-1, ...pinned.filter(([s]) => s < 0).map(([, e]) => e));
    for (const [s, e] of availableRuns(off, Math.max(a, busyUntil + 1), b)) {
      for (const [ts, te] of trips(s, e, v.maxTripDays, pinned)) shifts.push({ vehicle: v, set, firstDay: ts, lastDay: te });
    }
  }
  const vehicles: VehicleInput[] = shifts.map((sh) => {
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

  // Novelty: the themes each county has seen, and when.
  const seen = new Map<string, { theme: string; s: string; e: string }[]>();
  const remember = (county: string, theme: string, s: string, e: string) => seen.set(county, [...(seen.get(county) ?? []), { theme, s, e }]);
  for (const h of facts.history) remember(h.countyCode, h.theme, h.startsOn, h.endsOn);
  for (const f of fixedInHorizon) {
    const set = setById.get(f.exhibitSetId);
    const venue = venueById.get(f.venueId);
    if (set?.kind === 'roving_museum' && venue) remember(venue.countyCode, set.theme, f.startsOn, f.endsOn);
  }
  const months = facts.region.noveltyMonths;
  const recentlySeen = (county: string, theme: string, windowStart: string, windowEnd: string) => {
    const lo = DateTime.fromISO(windowStart).minus({ months }).toISODate()!;
    const hi = DateTime.fromISO(windowEnd).plus({ months }).toISODate()!;
    return (seen.get(county) ?? []).some((h) => h.theme === theme && h.e >= lo && h.s <= hi);
  };

  const jobs: PlanJob[] = [];
  const inputs: JobInput[] = [];
  const shiftOfDay = (vehicleId: number, day: number) =>
    shifts.findIndex((sh) => sh.vehicle.id === vehicleId && sh.firstDay <= day && day <= sh.lastDay);

  // Fixed stays: pinned to their vehicle's shift and start day.
  for (const f of fixedInHorizon) {
    const venue = venueById.get(f.venueId);
    const first = clock.index(f.startsOn);
    if (!venue || first < 0) continue; // began before the horizon: handled as a busy vehicle above
    const shift = shiftOfDay(f.vehicleId, first);
    if (shift < 0) continue; // its vehicle is no longer available: the caller re-plans its request instead
    const length = clock.index(f.endsOn) - first + 1;
    jobs.push({ source: { kind: 'fixed', stop: f }, venue, openDays: clock.index(f.closesOn) - clock.index(f.opensOn) + 1, tier: venue.priorityTier, excluded: {}, startDayCount: 1, suitableSets: 1 });
    inputs.push({
      id: `fixed:${f.requestId ?? `${f.venueId}@${f.startsOn}`}`,
      location: placeOfVenue.get(venue.id)!,
      service: stayMinutes(length),
      windows: [{ start: startMinute(first), end: startMinute(first) }],
      penalty: KEY_REQUIRED_PENALTY * 10,
      priority: 10,
      pin: { vehicle: shift, start: startMinute(first) },
    });
  }

  // Requests: allowed shifts from compatibility and novelty; windows from the venue's calendar.
  const addJob = (source: JobSource, venue: VenueFacts, r: Pick<RequestFacts, 'setKind' | 'exhibitSetId' | 'theme' | 'windowStart' | 'windowEnd' | 'openDays'>, penalty: number, id: string) => {
    const excluded: Record<string, number> = {};
    const ok = (set: SetFacts): boolean => {
      const why =
        set.kind !== r.setKind ? 'kind'
        : r.exhibitSetId !== null && set.id !== r.exhibitSetId ? 'not-requested-set'
        : r.theme && set.theme !== r.theme ? 'theme'
        : set.footprintM2 > venue.floorAreaM2 ? 'floor-area'
        : set.powerKw > venue.powerKw ? 'power'
        : set.kind === 'roving_museum' && recentlySeen(venue.countyCode, set.theme, r.windowStart, r.windowEnd) ? 'novelty'
        : undefined;
      if (why) excluded[why] = (excluded[why] ?? 0) + 1;
      return why === undefined;
    };
    const okSets = new Set([...setOfVehicle.values()].filter(ok).map((s) => s.id));
    const allowedSets = [...okSets].map((id) => setById.get(id)!);
    const setup = Math.max(0, ...allowedSets.map((s) => s.setupDays));
    const teardown = Math.max(0, ...allowedSets.map((s) => s.teardownDays));
    const length = setup + r.openDays + teardown;
    const strict = r.setKind === 'caravan_kit';
    const lo = Math.max(from, clock.index(r.windowStart));
    const hi = Math.min(days - 1, clock.index(r.windowEnd)); // the stay's last day
    const starts = startDays(vdays.get(venue.id)!, lo, hi, length, strict);
    const allowedVehicles: number[] = [];
    shifts.forEach((sh, i) => {
      if (okSets.has(sh.set.id) && sh.lastDay >= lo) allowedVehicles.push(i);
    });
    jobs.push({ source, venue, openDays: r.openDays, tier: venue.priorityTier, excluded, startDayCount: starts.length, suitableSets: okSets.size });
    inputs.push({
      id,
      location: placeOfVenue.get(venue.id)!,
      service: stayMinutes(Math.max(1, length)),
      windows: starts.length > 0 ? starts.map((d) => ({ start: startMinute(d), end: startMinute(d) })) : [{ start: -2, end: -1 }],
      penalty,
      priority: penalty === KEY_REQUIRED_PENALTY ? 4 : TIER_PRIORITY[venue.priorityTier],
      allowedVehicles: starts.length > 0 ? allowedVehicles : [],
    });
  };
  const served = new Set<number>();
  for (const r of facts.requests) {
    const venue = venueById.get(r.venueId);
    if (!venue) continue;
    const key = venue.priorityTier === 'key';
    addJob({ kind: 'request', request: r }, venue, r, opts.requireAllKeyCounties && key ? KEY_REQUIRED_PENALTY : TIER_PENALTY[venue.priorityTier], `request:${r.id}`);
    served.add(venue.id);
  }
  for (const f of fixedInHorizon) served.add(f.venueId);
  if (opts.requireAllKeyCounties) {
    const coveredCounties = new Set([...served].map((id) => venueById.get(id)?.countyCode));
    const keyVenues = new Map<string, VenueFacts>();
    for (const v of facts.venues) if (v.priorityTier === 'key' && !keyVenues.has(v.countyCode)) keyVenues.set(v.countyCode, v);
    for (const [county, venue] of keyVenues) {
      if (coveredCounties.has(county)) continue;
      addJob(
        { kind: 'key-county', venue },
        venue,
        { setKind: 'caravan_kit', exhibitSetId: null, theme: null, windowStart: clock.iso(from), windowEnd: facts.horizonEnd, openDays: 1 },
        KEY_REQUIRED_PENALTY,
        `key-county:${county}`,
      );
    }
  }

  const flat = (data: Float64Array) => ({ size: n, data });
  return {
    facts,
    clock,
    days,
    calendar,
    placeOfCentre,
    placeOfVenue,
    distances,
    drives,
    shifts,
    jobs,
    input: { jobs: inputs, vehicles, durations: flat(durations), distances: flat(distances) },
    setOfVehicle,
    venueDays: vdays,
    provisionalYears: calendar.provisionalYears(Number(facts.horizonStart.slice(0, 4)), Number(facts.horizonEnd.slice(0, 4))),
  };
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
