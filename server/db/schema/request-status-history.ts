import { index, integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { requestStatus } from './enums.js';
import { requests } from './requests.js';
import { users } from './users.js';

/** Every status change of a request, oldest first: who moved it, when, and why. */
export const requestStatusHistory = pgTable(
  'request_status_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    fromStatus: requestStatus(),
    toStatus: requestStatus().notNull(),
    reason: jsonb().$type<{ code: string; params?: Record<string, unknown> }>(),
    actorUserId: integer().references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_status_history_request_idx').on(t.requestId, t.at)],
);
