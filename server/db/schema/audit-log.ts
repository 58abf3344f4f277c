import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Who changed what and when, with the row before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    /**
     * The regions the entry concerns (whose coordinators may read it); empty for deployment-wide
     * entries (national holidays, backups, a sign-in to an unknown name) that only the administrator reads.
     * No foreign key: an entry outlives what it names.
     */
    regionIds: integer().array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.at),
    // Serves a coordinator's read: entries whose regions overlap theirs (region_ids && $1).
    index('audit_log_regions_idx').using('gin', t.regionIds),
  ],
);
