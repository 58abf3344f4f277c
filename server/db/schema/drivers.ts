import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { vehicles } from './vehicles.js';
import { identity, inRegion } from './owned.js';

/** A driver or crew lead; the vehicle they drive now, and their sign-in account if they have one. */
export const drivers = pgTable(
  'drivers',
  {
    id: identity(),
    ...inRegion(),
    /** The centre's own code for the driver (what a workbook import updates by), unique within the region. */
    code: text(),
    name: text().notNull(),
    phone: text().notNull().default(''),
    vehicleId: integer().references(() => vehicles.id, { onDelete: 'set null' }),
    userId: integer().references(() => users.id, { onDelete: 'set null' }),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [index('drivers_region_idx').on(t.regionId), index('drivers_vehicle_idx').on(t.vehicleId), uniqueIndex('drivers_region_code_key').on(t.regionId, t.code)],
);
