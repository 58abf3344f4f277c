import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable } from 'drizzle-orm/pg-core';
import { userRole } from './enums.js';
import { regions } from './regions.js';
import { users } from './users.js';
import { vehicles } from './vehicles.js';
import { venues } from './venues.js';

/** A role and its scope: coordinator of a region, host of a venue, driver of a vehicle. */
export const userRoles = pgTable(
  'user_roles',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: userRole().notNull(),
    regionId: integer().references(() => regions.id, { onDelete: 'cascade' }),
    venueId: integer().references(() => venues.id, { onDelete: 'cascade' }),
    vehicleId: integer().references(() => vehicles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    check(
      'user_roles_scope_matches_role',
      sql`(${t.role} = 'coordinator' and ${t.regionId} is not null and ${t.venueId} is null and ${t.vehicleId} is null)
       or (${t.role} = 'host' and ${t.venueId} is not null and ${t.regionId} is null and ${t.vehicleId} is null)
       or (${t.role} = 'driver' and ${t.vehicleId} is not null and ${t.regionId} is null and ${t.venueId} is null)`,
    ),
    index('user_roles_user_idx').on(t.userId),
  ],
);
