import distance from '@turf/distance';
import { point } from '@turf/helpers';

export interface LngLat {
  lng: number;
  lat: number;
}

/** Great-circle distance between two points, in metres. */
export function greatCircleMetres(a: LngLat, b: LngLat): number {
  return distance(point([a.lng, a.lat]), point([b.lng, b.lat]), { units: 'meters' });
}

/** Estimated road distance in whole metres: great-circle distance times the region's road factor. */
export function roadMetres(a: LngLat, b: LngLat, roadFactor: number): number {
  return Math.round(greatCircleMetres(a, b) * roadFactor);
}

/** Driving time in whole minutes for a road distance at an average speed. */
export function driveMinutes(metres: number, averageSpeedKmh: number): number {
  return Math.round(metres / 1000 / averageSpeedKmh * 60);
}
