import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { coordinateChecks, coordinates } from './columns.js';
import { centreKind } from './enums.js';
import { regions } from './regions.js';

/** A regional resource-sharing centre: the home depot of vehicles and exhibit sets. */
export const centres = pgTable(
  'centres',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    regionId: integer()
      .notNull()
      .references(() => regions.id),
    /** The centre's own code (what a workbook import updates by), unique within the region. */
    code: text(),
    name: text().notNull(),
    kind: centreKind().notNull(),
    countyCode: text().notNull(),
    address: text().notNull().default(''),
    ...coordinates(),
    isDemo: boolean().notNull().default(false),
  },
  (t) => [...coordinateChecks('centres', t), index('centres_region_idx').on(t.regionId), uniqueIndex('centres_region_code_key').on(t.regionId, t.code)],
);
