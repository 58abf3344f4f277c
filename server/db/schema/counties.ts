import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { coordinateChecks, coordinates } from './columns.js';

/** Reference facts for county-level units (NBS 2023 codes, seat points); see server/demo/data/README.md. */
export const counties = pgTable(
  'counties',
  {
    /** NBS statistical division code, 6 digits. */
    code: text().primaryKey(),
    name: text().notNull(),
    prefecture: text().notNull(),
    province: text().notNull(),
    ...coordinates(),
    /** National key assistance county for rural revitalization (国家乡村振兴重点帮扶县). */
    keyCounty: boolean().notNull().default(false),
  },
  (t) => coordinateChecks('counties', t),
);
