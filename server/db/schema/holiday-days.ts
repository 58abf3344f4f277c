import { date, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const holidayKind = pgEnum('holiday_kind', ['holiday', 'workday']);

/**
 * The official public-holiday arrangement of a year as a coordinator loaded it (国务院办公厅通知):
 * days off, and make-up workdays (调休上班日). Years the `chinese-days` package covers need no rows;
 * rows here override it, and a year with neither gets a provisional calendar (jobs/planning/calendar.ts).
 */
export const holidayDays = pgTable('holiday_days', {
  day: date({ mode: 'string' }).primaryKey(),
  kind: holidayKind().notNull(),
  name: text().notNull().default(''),
  loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
