// The domain facts the planning adapter works from, loaded from the database (load.ts) or built by
// a benchmark. Dates are calendar days (YYYY-MM-DD) in the region's time zone, ranges inclusive.

import type { StayPlace } from '../../server/db/schema/stops.js';
import type { OfficialDay } from './calendar.js';

export type DayRange = readonly [start: string, end: string];
export type Tier = 'key' | 'former_poverty' | 'other';
export type SetKind = 'roving_museum' | 'caravan_kit';

export interface RegionFacts {
  id: number;
  timeZone: string;
  roadFactor: number;
  averageSpeedKmh: number;
  /** A county does not see a roving theme again within this many months. */
  noveltyMonths: number;
  /** A caravan kit does not return to the same venue within this many months. */
  kitNoveltyMonths: number;
  /** The crew's working day (README, "Planning rules"): the longest leg driven the evening a stay ends. */
  eveningLegMaxMinutes: number;
  /** Most driving a day; a vehicle's own limit may be lower. */
  dailyDriveMinutes: number;
  /** Most working days in a row for a crew. */
  maxConsecutiveWorkDays: number;
  /** Average speed by month, January first (12 values), or null: averageSpeedKmh all year. */
  monthlySpeedKmh: readonly number[] | null;
}

export interface VenueFacts {
  id: number;
  countyCode: string;
  countyName: string;
  name: string;
  kind: string;
  level: string;
  lng: number;
  lat: number;
  floorAreaM2: number;
  powerKw: number;
  priorityTier: Tier;
  /** ISO weekdays the venue can host visitors. */
  openWeekdays: readonly number[];
  blackouts: readonly DayRange[];
}

export interface ClosureFacts {
  startsOn: string;
  endsOn: string;
  /** Venue kinds it applies to; null: all. */
  venueKinds: readonly string[] | null;
}

export interface CentreFacts {
  id: number;
  lng: number;
  lat: number;
}

export interface SetFacts {
  id: number;
  code: string;
  name: string;
  theme: string;
  kind: SetKind;
  footprintM2: number;
  powerKw: number;
  setupDays: number;
  teardownDays: number;
  minStayDays: number;
  maxStayDays: number;
  maintenance: readonly DayRange[];
}

export interface VehicleFacts {
  id: number;
  name: string;
  homeCentreId: number;
  dailyDriveMinutes: number;
  maxTripDays: number;
  availableFrom: string | null;
  availableUntil: string | null;
  /** Sets it can carry, lowest id first; the planner chooses one per trip. */
  setIds: readonly number[];
  maintenance: readonly DayRange[];
  /** Days a new trip must begin on: where a set it carries is lent to the region, or stops being (jobs/planning/loans.ts). */
  tripCuts?: readonly string[];
}

export interface RequestFacts {
  id: number;
  venueId: number;
  setKind: SetKind;
  exhibitSetId: number | null;
  theme: string | null;
  windowStart: string;
  windowEnd: string;
  openDays: number;
}

/** Where and when a stay is (one shape for the planner and the publish change set, from the stops table). */
export type { StayPlace };

/** A stay that must stay as it is (confirmed, past, or before the re-plan date). */
export interface FixedStop extends StayPlace {
  /** The published stay this is (its id on the region's timeline). */
  sourceStopId: number;
  requestId: number | null;
  status: string;
}

/** A past stay of a caravan kit at a venue, for the kit novelty rule. */
export interface KitHistory {
  venueId: number;
  exhibitSetId: number;
  startsOn: string;
  endsOn: string;
}

/** A past or fixed stay of a theme at a county, for the novelty rule. */
export interface ThemeHistory {
  countyCode: string;
  theme: string;
  startsOn: string;
  endsOn: string;
}

export interface PlanningOptions {
  /** Serve every key county at least once: their requests first, and a caravan day for any without one. */
  requireAllKeyCounties?: boolean;
  /** Let a re-plan move published stays that are not confirmed (default: they keep their dates). */
  movePublished?: boolean;
  /** Solver seed (default 1) and budget: iterations (deterministic) or seconds. */
  seed?: number;
  iterations?: number;
  seconds?: number;
}

export interface PlanningFacts {
  region: RegionFacts;
  horizonStart: string;
  horizonEnd: string;
  /** Free jobs may not start before this day (re-planning); default the horizon start. */
  replanFrom?: string;
  venues: readonly VenueFacts[];
  closures: readonly ClosureFacts[];
  centres: readonly CentreFacts[];
  sets: readonly SetFacts[];
  vehicles: readonly VehicleFacts[];
  requests: readonly RequestFacts[];
  fixedStops: readonly FixedStop[];
  history: readonly ThemeHistory[];
  /** Caravan kits' stays at venues before the horizon (default none). */
  kitHistory?: readonly KitHistory[];
  /** A region's own road matrix, keyed `${from}|${to}` with places `venue:<id>` / `centre:<id>`. */
  roadMatrix?: ReadonlyMap<string, { distanceM: number; driveMinutes: number }>;
  holidays: readonly OfficialDay[];
}
