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

/** What adding a stay changed of the request it serves, for undo to give back: its status and reason, and its line in the plan's unserved list. */
export interface ServedRequest {
  status: 'approved' | 'unserved';
  reason: { code: string; params?: Record<string, unknown> } | null;
  /** The plan's reason for not serving it (plan_unserved), when it was on the plan's unserved list. */
  unserved: { code: string; params?: Record<string, unknown> } | null;
}

/**
 * The board's undo and redo stacks of a plan: each checked edit of a stay with where the stay was
 * before and after. Rows with `undoneAt` null are the undo stack (newest id on top); undone rows are
 * the redo stack (oldest undone on top). A new edit deletes the plan's undone rows. Undo and redo
 * replay `before` or `after` through the same checked edit, so the rules and the database guards hold.
 * An added stay (kind 'add', a draft's only) has no `before`: undo cancels it, redo plans it again.
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
    /** 'edit': a move, resize or change of row; 'add': a stay added to a draft (by hand or for a request). */
    kind: text().$type<'edit' | 'add'>().notNull().default('edit'),
    /** Where the stay was; null for an added stay, which was nowhere. */
    before: jsonb().$type<EditedPlace>(),
    after: jsonb().$type<EditedPlace>().notNull(),
    /** An added stay's request as it was before the add (null for an edit, or an add with no request). */
    served: jsonb().$type<ServedRequest>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('plan_edits_kind', sql`${t.kind} in ('edit', 'add')`),
    // An edit moves a stay from somewhere; an add alone has no before, and alone may carry a request.
    check('plan_edits_add_shape', sql`(${t.kind} = 'add') = (${t.before} is null) and (${t.kind} = 'add' or ${t.served} is null)`),
    // Serves the top of either stack: a plan's edits by id, done or undone.
    index('plan_edits_plan_idx').on(t.planId, t.id),
  ],
);
