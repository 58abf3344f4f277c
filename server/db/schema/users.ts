import { boolean, pgTable, text, timestamp, integer } from 'drizzle-orm/pg-core';

/** A person who signs in. What they may see and do comes from their roles (user_roles). */
export const users = pgTable('users', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  username: text().notNull().unique(),
  displayName: text().notNull(),
  /** argon2id hash; null until a password is set. */
  passwordHash: text(),
  locale: text().notNull().default('zh-CN'),
  disabledAt: timestamp({ withTimezone: true }),
  /** Administrator of the deployment: opens regions and their first coordinators, keeps the national holiday data. */
  administrator: boolean().notNull().default(false),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
