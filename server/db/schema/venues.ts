import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { coordinateChecks, coordinates } from './columns.js';
import { priorityTier, venueKind, venueLevel } from './enums.js';
import { regions } from './regions.js';

/** Where a visit happens. */
export const venues = pgTable(
  'venues',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    /** GB/T 2260 / NBS 6-digit county code. */
    /** The centre's own code for the venue (what a workbook import updates by), unique within the region. */
    code: text(),
    countyCode: text().notNull(),
    countyName: text().notNull(),
    name: text().notNull(),
    kind: venueKind().notNull(),
    level: venueLevel().notNull().default('county'),
    address: text().notNull().default(''),
    ...coordinates(),
    floorAreaM2: real().notNull(),
    /** Power supply in kW; 0 means the venue has no power. */
    powerKw: real().notNull(),
    priorityTier: priorityTier().notNull().default('other'),
    /** ISO weekdays (1 = Monday … 7 = Sunday) on which the venue can host visitors. */
    openWeekdays: integer().array().notNull().default(sql`'{1,2,3,4,5,6,7}'::integer[]`),
    contactName: text().notNull().default(''),
    contactPhone: text().notNull().default(''),
    retiredOn: date({ mode: 'string' }),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    ...coordinateChecks('venues', t),
    check('venues_county_code_format', sql`${t.countyCode} ~ '^[0-9]{6}$'`),
    check('venues_floor_area_positive', sql`${t.floorAreaM2} > 0`),
    check('venues_power_nonnegative', sql`${t.powerKw} >= 0`),
    // Serves the catalogue list and the planner's load of a region's venues.
    index('venues_region_idx').on(t.regionId),
    index('venues_county_idx').on(t.countyCode),
    uniqueIndex('venues_region_code_key').on(t.regionId, t.code),
  ],
);
