import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

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
    /** A caravan kit must not return to the same venue within this many months. */
    kitNoveltyMonths: integer().notNull().default(12),
    /** The crew's working day: a leg of at most this much driving may be driven the evening a stay ends. */
    eveningLegMaxMinutes: integer().notNull().default(120),
    /** Most driving in one day (06:00-22:00); a longer leg sleeps on the road. */
    dailyDriveMinutes: integer().notNull().default(480),
    /** A crew works at most this many days in a row (visit, set-up, tear-down and driving days). */
    maxConsecutiveWorkDays: integer().notNull().default(6),
    /** Average driving speed by month, January first (12 values; null: averageSpeedKmh all year). */
    monthlySpeedKmh: real().array(),
    /**
     * Trip length in days for vehicles that set none, by vehicle type (caravan_i … set_truck). A type
     * left out: 30 days for caravans; for a set truck, enough for the longest stay of its sets.
     */
    defaultTripDays: jsonb().$type<Partial<Record<string, number>>>().notNull().default({}),
    isDemo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('regions_road_factor_range', sql`${t.roadFactor} >= 1 and ${t.roadFactor} <= 3`),
    check('regions_speed_positive', sql`${t.averageSpeedKmh} > 0`),
    check('regions_novelty_nonnegative', sql`${t.noveltyMonths} >= 0`),
    check('regions_kit_novelty_nonnegative', sql`${t.kitNoveltyMonths} >= 0`),
    check('regions_evening_leg_range', sql`${t.eveningLegMaxMinutes} >= 0 and ${t.eveningLegMaxMinutes} <= 300`),
    check('regions_daily_drive_range', sql`${t.dailyDriveMinutes} > 0 and ${t.dailyDriveMinutes} <= 960`),
    check('regions_work_days_positive', sql`${t.maxConsecutiveWorkDays} >= 1`),
    check(
      'regions_monthly_speed_shape',
      sql`${t.monthlySpeedKmh} is null or (array_length(${t.monthlySpeedKmh}, 1) = 12 and 0 < all(${t.monthlySpeedKmh}))`,
    ),
  ],
);
