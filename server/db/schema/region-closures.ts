import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { venueKind } from './enums.js';
import { regions } from './regions.js';

/**
 * Periods a region closes some or all venues: school breaks and exam days (venueKinds = {school}),
 * busy farming seasons for township and village venues, or a region-wide closure (venueKinds null).
 */
export const regionClosures = pgTable(
  'region_closures',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    /** Venue kinds the closure applies to; null means every venue of the region. */
    venueKinds: venueKind().array(),
    reason: text().notNull().default(''),
  },
  (t) => [
    check('region_closures_end_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    index('region_closures_region_idx').on(t.regionId),
  ],
);
