import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

/** The area a centre coordinates (a province or a prefecture), with its planning settings. */
export const regions = pgTable(
  'regions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** NBS code of the province or prefecture, e.g. "52" for Guizhou. */
    code: text().notNull().unique(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    timeZone: text().notNull().default('Asia/Shanghai'),
    /** Road distance = great-circle distance × road factor (about 1.3 in plains, 1.5 in mountains). */
    roadFactor: real().notNull().default(1.4),
    /** Average driving speed used for travel times. */
    averageSpeedKmh: real().notNull().default(50),
    /** A county must not receive a set it had within this many months. */
    noveltyMonths: integer().notNull().default(36),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('regions_road_factor_range', sql`${t.roadFactor} >= 1 and ${t.roadFactor} <= 3`),
    check('regions_speed_positive', sql`${t.averageSpeedKmh} > 0`),
    check('regions_novelty_nonnegative', sql`${t.noveltyMonths} >= 0`),
  ],
);
