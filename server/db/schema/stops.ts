import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { stopStatus } from './enums.js';
import { exhibitSets } from './exhibit-sets.js';
import { plans } from './plans.js';
import { requests } from './requests.js';
import { tours } from './tours.js';
import { vehicles } from './vehicles.js';
import { venues } from './venues.js';

/**
 * A stay at a venue: set-up from `startsOn`, open `opensOn`..`closesOn`, tear-down done by `endsOn`
 * (all inclusive days in the region's time zone). plan/vehicle/set/venue are repeated here so that
 * the exclusion constraints (migration 0001) can forbid overlaps whatever code path writes a stop.
 *
 * The stops of a region's published plan are its timeline: each keeps its id for good, and a
 * publish changes them in place (migration 0004 guards facts and promises in the database). A
 * draft's stops are proposals; `sourceStopId` names the published stay a proposal keeps or changes.
 */
export const stops = pgTable(
  'stops',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    planId: integer()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    tourId: integer()
      .notNull()
      .references(() => tours.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    exhibitSetId: integer()
      .notNull()
      .references(() => exhibitSets.id),
    venueId: integer()
      .notNull()
      .references(() => venues.id),
    requestId: integer().references(() => requests.id),
    startsOn: date({ mode: 'string' }).notNull(),
    opensOn: date({ mode: 'string' }).notNull(),
    closesOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    status: stopStatus().notNull().default('planned'),
    /** Pinned stops do not move when the plan is re-planned. */
    pinned: boolean().notNull().default(false),
    arrivedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    /** In a draft: the published stay this proposal keeps, moves or reassigns (null: a new stay). */
    sourceStopId: integer().references((): AnyPgColumn => stops.id, { onDelete: 'set null' }),
    /** Why a stay was cancelled ({ code, params }), e.g. a publish that dropped it or a host's cancellation. */
    cancelReason: jsonb().$type<{ code: string; params?: Record<string, unknown> }>(),
  },
  (t) => [
    check('stops_end_after_start', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'stops_phase_order',
      sql`${t.startsOn} <= ${t.opensOn} and ${t.opensOn} <= ${t.closesOn} and ${t.closesOn} <= ${t.endsOn}`,
    ),
    index('stops_plan_idx').on(t.planId, t.vehicleId, t.startsOn),
    index('stops_tour_idx').on(t.tourId, t.seq),
    index('stops_venue_idx').on(t.venueId),
    index('stops_request_idx').on(t.requestId),
    // Publishing matches a draft's proposals to the published stays they came from.
    index('stops_source_idx').on(t.sourceStopId),
  ],
);

/** Where and when a stay is: venue, vehicle, set and its days (ISO dates, inclusive), as a stop row holds them. */
export type StayPlace = Pick<typeof stops.$inferSelect, 'venueId' | 'vehicleId' | 'exhibitSetId' | 'startsOn' | 'opensOn' | 'closesOn' | 'endsOn'>;
