import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { exhibitSetKind, requestStatus } from './enums.js';
import { exhibitSets } from './exhibit-sets.js';
import { regions } from './regions.js';
import { users } from './users.js';
import { venues } from './venues.js';

/** A venue asks for a visit: a specific set, a theme, or any set of a kind, within a date window. */
export const requests = pgTable(
  'requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    venueId: integer()
      .notNull()
      .references(() => venues.id),
    /** The centre's own reference for the request (what a workbook import updates by), unique within the region. */
    code: text(),
    setKind: exhibitSetKind().notNull(),
    /** A specific set, or null for "any set" (of the theme, if one is given). */
    exhibitSetId: integer().references(() => exhibitSets.id),
    theme: text(),
    /** The visit must open and close within these days (inclusive). */
    windowStart: date({ mode: 'string' }).notNull(),
    windowEnd: date({ mode: 'string' }).notNull(),
    /** Days open to visitors; set-up and tear-down come on top. */
    openDays: integer().notNull(),
    expectedAudience: integer().notNull().default(0),
    notes: text().notNull().default(''),
    status: requestStatus().notNull().default('requested'),
    /** Why it was declined or left unserved: a stable code and its parameters, shown in words by the UI. */
    reason: jsonb().$type<{ code: string; params?: Record<string, unknown> }>(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    check('requests_window_order', sql`${t.windowEnd} >= ${t.windowStart}`),
    check('requests_open_days_positive', sql`${t.openDays} > 0`),
    check('requests_audience_nonnegative', sql`${t.expectedAudience} >= 0`),
    index('requests_region_status_idx').on(t.regionId, t.status),
    index('requests_venue_idx').on(t.venueId),
    uniqueIndex('requests_region_code_key').on(t.regionId, t.code),
  ],
);
