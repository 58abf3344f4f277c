import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { stops } from './stops.js';
import { users } from './users.js';

/**
 * What a phone sent once: each tap kept offline (arrived, done, a visit report, a photo) carries an id
 * the phone made, and the server accepts each id once. A repeat (the phone never heard the answer,
 * or sent its queue twice) is answered with the stored result and changes nothing.
 */
export const clientActions = pgTable(
  'client_actions',
  {
    clientId: uuid().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    /** stop.arrive, stop.complete, visit.report or visit.photo. */
    action: text().notNull(),
    stopId: integer()
      .notNull()
      .references(() => stops.id, { onDelete: 'restrict' }),
    /** The answer the first request got (the body sent again to a repeat). */
    result: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_actions_stop_idx').on(t.stopId)],
);
