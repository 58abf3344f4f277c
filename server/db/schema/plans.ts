import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { planStatus } from './enums.js';
import { regions } from './regions.js';
import { users } from './users.js';

/**
 * A region's timeline or a draft over a horizon. Each region has one published plan, its living
 * timeline, whose stays keep their ids for good; `version` counts the drafts published into it
 * (each recorded in plan_publications). A draft is a proposal over [horizonStart, horizonEnd]:
 * publishing applies it to the timeline and marks the draft `superseded` with the version it made.
 * (Plans superseded before migration 0004 are the full copies the old model kept.) `revision`
 * counts edits and is the ETag a checked edit must carry.
 */
export const plans = pgTable(
  'plans',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    name: text().notNull().default(''),
    status: planStatus().notNull().default('draft'),
    /** Published version number (1, 2, …); null for a draft or a discarded draft. */
    version: integer(),
    revision: integer().notNull().default(1),
    horizonStart: date({ mode: 'string' }).notNull(),
    horizonEnd: date({ mode: 'string' }).notNull(),
    /** The plan this draft was re-planned from, if any. */
    basedOnPlanId: integer(),
    metrics: jsonb().$type<Record<string, unknown>>(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    check('plans_horizon_order', sql`${t.horizonEnd} >= ${t.horizonStart}`),
    check(
      'plans_version_when_published',
      sql`(${t.status} in ('published', 'superseded')) = (${t.version} is not null)`,
    ),
    // One plan per region is the live published one.
    uniqueIndex('plans_one_published_per_region').on(t.regionId).where(sql`${t.status} = 'published'`),
    // A published draft keeps the version it made; the timeline carries the latest one.
    uniqueIndex('plans_region_version').on(t.regionId, t.version).where(sql`${t.status} = 'superseded'`),
    index('plans_region_idx').on(t.regionId, t.status),
  ],
);
