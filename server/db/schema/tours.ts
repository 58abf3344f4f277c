import { index, integer, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { plans } from './plans.js';
import { vehicles } from './vehicles.js';

/** One vehicle's ordered stops within a plan. */
export const tours = pgTable(
  'tours',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
  },
  (t) => [uniqueIndex('tours_plan_vehicle').on(t.planId, t.vehicleId), index('tours_plan_idx').on(t.planId)],
);
