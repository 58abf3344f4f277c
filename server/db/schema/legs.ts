import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable } from 'drizzle-orm/pg-core';
import { stops } from './stops.js';
import { tours } from './tours.js';

/** The drive between two consecutive places of a tour; a null end is the vehicle's home centre. */
export const legs = pgTable(
  'legs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tourId: integer()
      .notNull()
      .references(() => tours.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    fromStopId: integer().references(() => stops.id, { onDelete: 'cascade' }),
    toStopId: integer().references(() => stops.id, { onDelete: 'cascade' }),
    distanceM: integer().notNull(),
    driveMinutes: integer().notNull(),
    /** Nights on the road because the leg is longer than the vehicle's daily driving limit. */
    restNights: integer().notNull().default(0),
  },
  (t) => [
    check('legs_distance_nonnegative', sql`${t.distanceM} >= 0`),
    check('legs_drive_nonnegative', sql`${t.driveMinutes} >= 0 and ${t.restNights} >= 0`),
    check('legs_has_an_end', sql`${t.fromStopId} is not null or ${t.toStopId} is not null`),
    index('legs_tour_idx').on(t.tourId, t.seq),
  ],
);
