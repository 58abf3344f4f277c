import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { stops } from './stops.js';
import { users } from './users.js';

/**
 * Attendance and activities of a stop, reported by the host afterwards. A report is a fact: the
 * stop it belongs to cannot be deleted while it exists, and the report itself is never deleted
 * (migration 0004); once the coordinator locks it, its figures are final too (0008).
 */
export const visitReports = pgTable(
  'visit_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    stopId: integer()
      .notNull()
      .unique()
      .references(() => stops.id, { onDelete: 'restrict' }),
    attendance: integer().notNull(),
    activities: integer().notNull().default(1),
    notes: text().notNull().default(''),
    reportedBy: integer().references(() => users.id),
    reportedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the coordinator locked the report: from then on neither it nor the visit's photos change (migration 0008). */
    lockedAt: timestamp({ withTimezone: true }),
    lockedBy: integer().references(() => users.id),
  },
  (t) => [check('visit_reports_counts_nonnegative', sql`${t.attendance} >= 0 and ${t.activities} >= 0`)],
);
