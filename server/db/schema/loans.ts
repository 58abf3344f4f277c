import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { exhibitSets } from './exhibit-sets.js';
import { identity } from './owned.js';
import { regions } from './regions.js';
import { users } from './users.js';
import { vehicles } from './vehicles.js';

/**
 * A roving set or a caravan lent by the region that owns it to another region for a period
 * (`startsOn`..`endsOn`, inclusive days): the borrower plans with it only inside the period, the
 * lender not at all during it. Exactly one of `exhibitSetId` and `vehicleId` names the asset. A loan
 * is never deleted nor changed: it is withdrawn (`withdrawnAt`), which frees the days again.
 * Migration 0012 adds what drizzle-kit cannot express: no two live loans of one asset overlap, and
 * the triggers that refuse a stay booking an asset its plan's region does not hold on those days.
 */
export const loans = pgTable(
  'loans',
  {
    id: identity(),
    exhibitSetId: integer().references(() => exhibitSets.id),
    vehicleId: integer().references(() => vehicles.id),
    /** The asset's own region (the database checks it). */
    lenderRegionId: integer()
      .notNull()
      .references(() => regions.id),
    borrowerRegionId: integer()
      .notNull()
      .references(() => regions.id),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    note: text().notNull().default(''),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    withdrawnBy: integer().references(() => users.id),
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('loans_one_asset', sql`(${t.exhibitSetId} is null) <> (${t.vehicleId} is null)`),
    check('loans_end_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    check('loans_to_another_region', sql`${t.borrowerRegionId} <> ${t.lenderRegionId}`),
    // Each region lists the loans it gave and the loans it got.
    index('loans_lender_idx').on(t.lenderRegionId, t.startsOn),
    index('loans_borrower_idx').on(t.borrowerRegionId, t.startsOn),
  ],
);
