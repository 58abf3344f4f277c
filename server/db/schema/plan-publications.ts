import { date, index, integer, jsonb, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { plans } from './plans.js';
import { users } from './users.js';

/**
 * One published version of a region's timeline: which draft was applied over which horizon, and
 * the change set it made (added, moved, reassigned and removed stays, and the confirmed stays the
 * coordinator explicitly let move or go, with their reasons).
 */
export const planPublications = pgTable(
  'plan_publications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The region's published plan (its timeline). */
    planId: integer()
      .notNull()
      .references(() => plans.id),
    draftPlanId: integer()
      .notNull()
      .references(() => plans.id),
    version: integer().notNull(),
    horizonStart: date({ mode: 'string' }).notNull(),
    horizonEnd: date({ mode: 'string' }).notNull(),
    changes: jsonb().$type<Record<string, unknown>>().notNull(),
    publishedBy: integer().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_publications_plan_version').on(t.planId, t.version), index('plan_publications_draft_idx').on(t.draftPlanId)],
);
