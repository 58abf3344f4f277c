import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { vehicles } from './vehicles.js';
import { venues } from './venues.js';

/** An iCalendar feed of a vehicle's or a venue's stops, behind an unguessable, revocable token. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** SHA-256 of the token in the feed URL, hex. */
    tokenHash: text().notNull().unique(),
    vehicleId: integer().references(() => vehicles.id, { onDelete: 'cascade' }),
    venueId: integer().references(() => venues.id, { onDelete: 'cascade' }),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [check('calendar_feeds_one_subject', sql`(${t.vehicleId} is null) <> (${t.venueId} is null)`)],
);
