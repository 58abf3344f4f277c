import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, real, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { exhibitSetKind } from './enums.js';
import { atHomeCentre, identity } from './owned.js';

/** A themed collection of exhibits: a roving-museum set or a caravan kit. Durations in whole days. */
export const exhibitSets = pgTable(
  'exhibit_sets',
  {
    id: identity(),
    ...atHomeCentre(),
    /** Unique within the region: a second region may reuse every code of the first. */
    code: text().notNull(),
    name: text().notNull(),
    /** The theme novelty is judged on: a county must not see the same theme again within N months. */
    theme: text().notNull(),
    kind: exhibitSetKind().notNull(),
    footprintM2: real().notNull(),
    powerKw: real().notNull(),
    exhibitCount: integer().notNull(),
    setupDays: integer().notNull(),
    teardownDays: integer().notNull(),
    minStayDays: integer().notNull(),
    maxStayDays: integer().notNull(),
    /** ISO weekdays the set is open to visitors during a stay (roving museums: Wednesday-Sunday). */
    openWeekdays: integer().array().notNull().default(sql`'{1,2,3,4,5,6,7}'::integer[]`),
    condition: text().notNull().default('good'),
    retiredOn: date({ mode: 'string' }),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [
    check('exhibit_sets_footprint_positive', sql`${t.footprintM2} > 0`),
    check('exhibit_sets_power_nonnegative', sql`${t.powerKw} >= 0`),
    check('exhibit_sets_exhibit_count_positive', sql`${t.exhibitCount} > 0`),
    check('exhibit_sets_setup_nonnegative', sql`${t.setupDays} >= 0 and ${t.teardownDays} >= 0`),
    check('exhibit_sets_stay_range', sql`${t.minStayDays} > 0 and ${t.maxStayDays} >= ${t.minStayDays}`),
    uniqueIndex('exhibit_sets_region_code_key').on(t.regionId, t.code),
  ],
);
