import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { runStatus } from './enums.js';
import { plans } from './plans.js';
import { regions } from './regions.js';
import { users } from './users.js';

/** One press of "plan": its options, progress, and the draft plan it produced. */
export const planningRuns = pgTable(
  'planning_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    status: runStatus().notNull().default('queued'),
    horizonStart: date({ mode: 'string' }).notNull(),
    horizonEnd: date({ mode: 'string' }).notNull(),
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    progress: jsonb().$type<Record<string, unknown>>(),
    /** The draft this run wrote; set in the same transaction that writes the plan. */
    planId: integer()
      .references((): AnyPgColumn => plans.id)
      .unique(),
    error: jsonb().$type<{ code: string; params?: Record<string, unknown> }>(),
    /** Set when a coordinator cancels; the worker stops at its next progress report. */
    cancelRequestedAt: timestamp({ withTimezone: true }),
    /** The run re-plans from this day: stops before it are kept as they are. */
    replanFrom: date({ mode: 'string' }),
    /** The published plan this run started from (re-plans and breakdowns), if any. */
    basePlanId: integer().references(() => plans.id),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('planning_runs_horizon_order', sql`${t.horizonEnd} >= ${t.horizonStart}`),
    index('planning_runs_region_idx').on(t.regionId, t.createdAt),
  ],
);
