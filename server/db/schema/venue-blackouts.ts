import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { venues } from './venues.js';

/** Days a venue cannot host a visit (both ends inclusive). */
export const venueBlackouts = pgTable(
  'venue_blackouts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    venueId: integer()
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull().default(''),
  },
  (t) => [
    check('venue_blackouts_end_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    index('venue_blackouts_venue_idx').on(t.venueId),
  ],
);
