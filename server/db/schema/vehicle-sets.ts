import { integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { exhibitSets } from './exhibit-sets.js';
import { vehicles } from './vehicles.js';

/** Which exhibit sets a vehicle can carry. */
export const vehicleSets = pgTable(
  'vehicle_sets',
  {
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    exhibitSetId: integer()
      .notNull()
      .references(() => exhibitSets.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.vehicleId, t.exhibitSetId] })],
);
