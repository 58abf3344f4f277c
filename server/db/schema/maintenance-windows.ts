import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { exhibitSets } from './exhibit-sets.js';
import { vehicles } from './vehicles.js';

/** Days an exhibit set or a vehicle is in maintenance (inclusive); exactly one of the two is set. */
export const maintenanceWindows = pgTable(
  'maintenance_windows',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    exhibitSetId: integer().references(() => exhibitSets.id, { onDelete: 'cascade' }),
    vehicleId: integer().references(() => vehicles.id, { onDelete: 'cascade' }),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull().default(''),
  },
  (t) => [
    check('maintenance_windows_end_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    check('maintenance_windows_one_subject', sql`(${t.exhibitSetId} is null) <> (${t.vehicleId} is null)`),
    index('maintenance_windows_set_idx').on(t.exhibitSetId),
    index('maintenance_windows_vehicle_idx').on(t.vehicleId),
  ],
);
