import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { regions } from './regions.js';

/**
 * A region's own road distance matrix, when it has one: replaces great-circle × road factor.
 * Places are keyed `venue:<id>` or `centre:<id>`.
 */
export const roadDistances = pgTable(
  'road_distances',
  {
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    fromPlace: text().notNull(),
    toPlace: text().notNull(),
    distanceM: integer().notNull(),
    driveMinutes: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.fromPlace, t.toPlace] }),
    check('road_distances_nonnegative', sql`${t.distanceM} >= 0 and ${t.driveMinutes} >= 0`),
  ],
);
