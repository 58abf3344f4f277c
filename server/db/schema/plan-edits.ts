import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { plans } from './plans.js';
import { stops } from './stops.js';
import { users } from './users.js';

/** Where a stay sits on the board: its days and its row (vehicle) and set. */
export interface EditedPlace {
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  vehicleId: number;
  exhibitSetId: number;
}

/**
 * The board's undo and redo stacks of a plan: each checked edit of a stay with where the stay was
 * before and after. Rows with `undoneAt` null are the undo stack (newest id on top); undone rows are
 * the redo stack (oldest undone on top). A new edit deletes the plan's undone rows. Undo and redo
 * replay `before` or `after` through the same checked edit, so the rules and the database guards hold.
 */
export const planEdits = pgTable(
  'plan_edits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    stopId: integer()
      .notNull()
      .references(() => stops.id, { onDelete: 'cascade' }),
    userId: integer().references(() => users.id),
    /** 'edit': a move, resize or change of row (the only kind the board's stack replays so far). */
    kind: text().notNull().default('edit'),
    before: jsonb().$type<EditedPlace>().notNull(),
    after: jsonb().$type<EditedPlace>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('plan_edits_kind', sql`${t.kind} in ('edit')`),
    // Serves the top of either stack: a plan's edits by id, done or undone.
    index('plan_edits_plan_idx').on(t.planId, t.id),
  ],
);
