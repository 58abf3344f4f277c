import { driveMinutes, roadMetres } from './geo.js';
import type { PlanningFacts } from './types.js';

// The one travel matrix (rule 7): the region's imported road distances where it has them, else the
// great-circle distance × the region's road factor at its average speed. The planner, the check of
// a hand edit and the legs written after an edit all read their distances and driving times here.

/** A place a vehicle drives between, keyed like the imported matrix: `centre:<id>` or `venue:<id>`. */
export interface Place {
  key: string;
  lng: number;
  lat: number;
}

/** What a travel matrix needs of the facts: the region's road factor and speed, and its own matrix. */
export type TravelFacts = Pick<PlanningFacts, 'region' | 'roadMatrix'>;

export interface Leg {
  /** Road distance in metres. */
  distanceM: number;
  /** Driving time in minutes at the region's average speed (or as imported). */
  driveMinutes: number;
}

/** Distance and driving time of one leg. */
export function legBetween(a: Place, b: Place, facts: TravelFacts): Leg {
  if (a.key === b.key) return { distanceM: 0, driveMinutes: 0 };
  const own = facts.roadMatrix?.get(`${a.key}|${b.key}`);
  if (own) return { distanceM: own.distanceM, driveMinutes: own.driveMinutes };
  const distanceM = roadMetres(a, b, facts.region.roadFactor);
  return { distanceM, driveMinutes: driveMinutes(distanceM, facts.region.averageSpeedKmh) };
}

/**
 * Seasons (rule 5): how much longer than at the region's average speed a drive takes in a month
 * (1 to 12), from the region's speed for that month; 1 without monthly speeds.
 */
export function seasonFactor(region: Pick<PlanningFacts['region'], 'averageSpeedKmh' | 'monthlySpeedKmh'>, month: number): number {
  const speed = region.monthlySpeedKmh?.[month - 1];
  return speed && speed > 0 ? region.averageSpeedKmh / speed : 1;
}

/** A leg's driving minutes on a calendar day (YYYY-MM-DD): its time follows the month's speed. */
export function driveOn(leg: Leg, region: Pick<PlanningFacts['region'], 'averageSpeedKmh' | 'monthlySpeedKmh'>, iso: string): number {
  return Math.round(leg.driveMinutes * seasonFactor(region, Number(iso.slice(5, 7))));
}

export interface TravelMatrix {
  size: number;
  /** Row-major metres and minutes, [from × size + to]. */
  distances: Float64Array;
  drives: Float64Array;
}

/** Every leg between the places, row-major. */
export function travelMatrix(places: readonly Place[], facts: TravelFacts): TravelMatrix {
  const n = places.length;
  const distances = new Float64Array(n * n);
  const drives = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const leg = legBetween(places[i]!, places[j]!, facts);
      distances[i * n + j] = leg.distanceM;
      drives[i * n + j] = leg.driveMinutes;
    }
  }
  return { size: n, distances, drives };
}

export const centrePlace = (c: { id: number; lng: number; lat: number }): Place => ({ key: `centre:${c.id}`, lng: c.lng, lat: c.lat });
export const venuePlace = (v: { id: number; lng: number; lat: number }): Place => ({ key: `venue:${v.id}`, lng: v.lng, lat: v.lat });
