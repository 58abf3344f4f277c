import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { vehicleType } from './enums.js';
import { atHomeCentre, identity } from './owned.js';

/** A caravan, or the truck that moves a roving-museum set. */
export const vehicles = pgTable(
  'vehicles',
  {
    id: identity(),
    ...atHomeCentre(),
    /** The centre's own code for the vehicle (e.g. RM-01), unique within the region. */
    code: text(),
    name: text().notNull(),
    plate: text().notNull().default(''),
    type: vehicleType().notNull(),
    /** Most driving in one day; a longer leg takes rest nights. */
    dailyDriveMinutes: integer().notNull().default(480),
    /**
     * A trip returns to the home centre after at most this many days. Null: the region's default for
     * the vehicle's kind, or for a set truck, enough for the longest stay of its sets (server/db/trip-days.ts).
     */
    maxTripDays: integer(),
    availableFrom: date({ mode: 'string' }),
    availableUntil: date({ mode: 'string' }),
    retiredOn: date({ mode: 'string' }),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    check('vehicles_daily_drive_positive', sql`${t.dailyDriveMinutes} > 0`),
    check('vehicles_max_trip_positive', sql`${t.maxTripDays} > 0`),
    check(
      'vehicles_availability_order',
      sql`${t.availableFrom} is null or ${t.availableUntil} is null or ${t.availableUntil} >= ${t.availableFrom}`,
    ),
    index('vehicles_region_idx').on(t.regionId),
    uniqueIndex('vehicles_region_code_key').on(t.regionId, t.code),
  ],
);
