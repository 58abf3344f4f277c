// A small region's facts for the crew-rule tests, with the driving times between its places given
// exactly by an imported road matrix (minutes and metres chosen by each test).

import { expect } from 'vitest';
import { planFromFacts, type PlanOutcome } from '../../jobs/planning/plan.js';
import type { PlanningFacts, PlanningOptions, RegionFacts, RequestFacts, SetFacts, VehicleFacts, VenueFacts } from '../../jobs/planning/types.js';
import { checkCrewRules, type CrewPlan } from '../helpers/validator-crew.js';

export const region = (over: Partial<RegionFacts> = {}): RegionFacts => ({
  id: 1,
  timeZone: 'Asia/Shanghai',
  roadFactor: 1.3,
  averageSpeedKmh: 60,
  noveltyMonths: 36,
  kitNoveltyMonths: 12,
  eveningLegMaxMinutes: 120,
  dailyDriveMinutes: 480,
  maxConsecutiveWorkDays: 6,
  monthlySpeedKmh: null,
  ...over,
});

export const venue = (id: number, over: Partial<VenueFacts> = {}): VenueFacts => ({
  id,
  countyCode: `52010${id}`,
  countyName: `County ${id}`,
  name: `Venue ${id}`,
  kind: 'township_square',
  level: 'township',
  lng: 106 + id / 100,
  lat: 26,
  floorAreaM2: 2000,
  powerKw: 50,
  priorityTier: 'other',
  openWeekdays: [1, 2, 3, 4, 5, 6, 7],
  blackouts: [],
  ...over,
});

export const kit = (id: number, over: Partial<SetFacts> = {}): SetFacts => ({
  id,
  code: `KIT-${id}`,
  name: `Kit ${id}`,
  theme: `theme ${id}`,
  kind: 'caravan_kit',
  footprintM2: 100,
  powerKw: 5,
  setupDays: 0,
  teardownDays: 0,
  minStayDays: 1,
  maxStayDays: 3,
  maintenance: [],
  ...over,
});

export const caravan = (id: number, setIds: number[], over: Partial<VehicleFacts> = {}): VehicleFacts => ({
  id,
  name: `KP-${id}`,
  homeCentreId: 1,
  dailyDriveMinutes: 480,
  maxTripDays: 30,
  availableFrom: null,
  availableUntil: null,
  setIds,
  maintenance: [],
  ...over,
});

let nextRequest = 1;
export const request = (venueId: number, windowStart: string, windowEnd: string, over: Partial<RequestFacts> = {}): RequestFacts => ({
  id: nextRequest++,
  venueId,
  setKind: 'caravan_kit',
  exhibitSetId: null,
  theme: null,
  windowStart,
  windowEnd,
  openDays: 1,
  ...over,
});

/**
 * Facts over [horizonStart, horizonEnd] whose legs are `minutes(a, b)` minutes (places `centre:1`
 * and `venue:<id>`, symmetric; 30 minutes where it says nothing), 1 km per minute.
 */
export function facts(o: {
  region?: RegionFacts;
  venues: VenueFacts[];
  sets: SetFacts[];
  vehicles: VehicleFacts[];
  requests: RequestFacts[];
  horizon?: [string, string];
  minutes?: (a: string, b: string) => number | undefined;
  kitHistory?: PlanningFacts['kitHistory'];
}): PlanningFacts {
  const places = ['centre:1', ...o.venues.map((v) => `venue:${v.id}`)];
  const roadMatrix = new Map<string, { distanceM: number; driveMinutes: number }>();
  for (const a of places) {
    for (const b of places) {
      if (a === b) continue;
      const m = o.minutes?.(a, b) ?? o.minutes?.(b, a) ?? 30;
      roadMatrix.set(`${a}|${b}`, { distanceM: m * 1000, driveMinutes: m });
    }
  }
  const [horizonStart, horizonEnd] = o.horizon ?? ['2026-01-01', '2026-12-31'];
  return {
    region: o.region ?? region(),
    horizonStart,
    horizonEnd,
    venues: o.venues,
    closures: [],
    centres: [{ id: 1, lng: 106, lat: 26 }],
    sets: o.sets,
    vehicles: o.vehicles,
    requests: o.requests,
    fixedStops: [],
    history: [],
    ...(o.kitHistory ? { kitHistory: o.kitHistory } : {}),
    roadMatrix,
    holidays: [],
  };
}

/** The planner's output as the independent validator reads a plan (stay ids are 1-based indexes). */
export function crewPlanOf(f: PlanningFacts, out: PlanOutcome): CrewPlan {
  const unserved = new Set(out.unserved.map((u) => u.requestId));
  return {
    region: f.region,
    venues: f.venues,
    centres: f.centres,
    sets: f.sets,
    vehicles: f.vehicles,
    stays: out.stops.map((s, i) => ({ ...s, id: i + 1 })),
    legs: out.legs.map((l) => ({ ...l, from: l.from === null ? null : l.from + 1, to: l.to === null ? null : l.to + 1 })),
    road: f.roadMatrix ?? new Map(),
    unserved: f.requests.filter((r) => unserved.has(r.id)),
    history: (f.kitHistory ?? []).map((h, i) => ({ ...h, id: -1 - i, vehicleId: 0, requestId: null, opensOn: h.startsOn, closesOn: h.endsOn, pinned: true })),
  };
}

/** Plans the facts and checks the plan with the independent validator (rules 1-4 and 7). */
export function planChecked(f: PlanningFacts, options: PlanningOptions): PlanOutcome {
  const out = planFromFacts(f, options);
  expect(checkCrewRules(crewPlanOf(f, out))).toEqual([]);
  return out;
}
