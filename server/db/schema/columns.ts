import { sql, type SQL } from 'drizzle-orm';
import { check, doublePrecision } from 'drizzle-orm/pg-core';

/** Longitude and latitude in decimal degrees (GCJ-02, as the shipped county points). */
export const coordinates = () => ({
  lng: doublePrecision().notNull(),
  lat: doublePrecision().notNull(),
});

/** The range checks every located row carries, named `<table>_lat_range` and `<table>_lng_range`. */
export function coordinateChecks(table: string, t: { lat: unknown; lng: unknown }) {
  return [
    check(`${table}_lat_range`, sql`${t.lat} between -90 and 90` as SQL),
    check(`${table}_lng_range`, sql`${t.lng} between -180 and 180` as SQL),
  ];
}
