// A vehicle's trip limit when it sets none: one rule for the planner (jobs/planning/load.ts), the
// catalogue's answers and the onboarding checks.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from './client.js';
import { exhibitSets, vehicleSets } from './schema/index.js';

/** A caravan's trip when neither the vehicle nor the region says otherwise. */
export const CARAVAN_TRIP_DAYS = 30;
/** Days a set truck's default trip allows beyond its longest stay: the drive out and back, and rest nights on long legs. */
export const TRIP_TRAVEL_DAYS = 7;
/**
 * A set truck's default trip: a year. It shuttles its set from county to county and need not come
 * home between stays; the planner cuts a vehicle's service into trips at fixed offsets, so a limit
 * near one stay's length would leave each trip a single start window (measured on the Gansu
 * onboarding test: 6 of 87 roving requests planned at stay + 7 days, every truck busy all year at 365).
 */
export const SET_TRUCK_TRIP_DAYS = 365;

export interface TripSet {
  setupDays: number;
  maxStayDays: number;
  teardownDays: number;
}

/** The longest stay a set can make: set-up, its longest opening and tear-down, in days. */
export function longestStayDays(set: TripSet): number {
  return set.setupDays + set.maxStayDays + set.teardownDays;
}

/**
 * The trip limit the planner uses: the vehicle's own, else the region's default for its type, else
 * 30 days for a caravan, and for a set truck a year, or its longest set's stay plus the drive out and
 * back if that is longer (a 30-day default left every 60-day roving stay unserved).
 */
export function effectiveTripDays(
  vehicle: { type: string; maxTripDays: number | null },
  regionDefaults: Partial<Record<string, number>>,
  sets: readonly TripSet[],
): number {
  if (vehicle.maxTripDays !== null) return vehicle.maxTripDays;
  const regional = regionDefaults[vehicle.type];
  if (regional !== undefined) return regional;
  if (vehicle.type !== 'set_truck') return CARAVAN_TRIP_DAYS;
  return Math.max(SET_TRUCK_TRIP_DAYS, ...sets.map((s) => longestStayDays(s) + TRIP_TRAVEL_DAYS));
}

/** The trip limit of each given vehicle, by id, from its sets and its region's defaults. */
export async function tripDaysOf(
  db: DbOrTx,
  regionDefaults: Partial<Record<string, number>>,
  vehicles: readonly { id: number; type: string; maxTripDays: number | null }[],
): Promise<Map<number, number>> {
  const ids = vehicles.map((v) => v.id);
  const carried = ids.length
    ? await db
        .select({ vehicleId: vehicleSets.vehicleId, setupDays: exhibitSets.setupDays, maxStayDays: exhibitSets.maxStayDays, teardownDays: exhibitSets.teardownDays })
        .from(vehicleSets)
        .innerJoin(exhibitSets, eq(exhibitSets.id, vehicleSets.exhibitSetId))
        .where(inArray(vehicleSets.vehicleId, ids))
    : [];
  return new Map(vehicles.map((v) => [v.id, effectiveTripDays(v, regionDefaults, carried.filter((c) => c.vehicleId === v.id))]));
}
