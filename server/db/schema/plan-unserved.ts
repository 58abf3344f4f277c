import { index, integer, jsonb, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { plans } from './plans.js';
import { requests } from './requests.js';

/** The requests a plan could not serve, each with the reason a host can read (a code and its params). */
export const planUnserved = pgTable(
  'plan_unserved',
  {
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    requestId: integer()
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    reason: jsonb().$type<{ code: string; params?: Record<string, unknown> }>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.requestId] }), index('plan_unserved_request_idx').on(t.requestId)],
);
