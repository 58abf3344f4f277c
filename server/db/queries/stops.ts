import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { plans, stops, tours } from '../schema/index.js';
import type { Window } from './paging.js';

type StopRow = typeof stops.$inferSelect;

/** A stop as the API shows it: timestamps as ISO strings. */
export function stopView(s: StopRow) {
  return {
    ...s,
    arrivedAt: s.arrivedAt ? s.arrivedAt.toISOString() : null,
    completedAt: s.completedAt ? s.completedAt.toISOString() : null,
  };
}

export async function getPlan(db: DbOrTx, planId: number) {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError('plan', planId);
  return plan;
}

/**
 * The stops of a plan the caller has found (and may see); `only` narrows them to the venues a host hosts or the vehicles a driver
 * drives (a coordinator of the plan's region passes nothing and sees all).
 */
export async function listPlanStops(db: DbOrTx, planId: number, only?: { venueIds: number[]; vehicleIds: number[] }, page?: Window) {
  const mine = only
    ? or(inArray(stops.venueId, only.venueIds.length ? only.venueIds : [-1]), inArray(stops.vehicleId, only.vehicleIds.length ? only.vehicleIds : [-1]))
    : undefined;
  const q = db
    .select()
    .from(stops)
    .where(and(eq(stops.planId, planId), mine))
    .orderBy(asc(stops.vehicleId), asc(stops.startsOn), asc(stops.id))
    .$dynamic();
  const rows = await (page?.limit === undefined ? q : q.limit(page.limit).offset(page.offset));
  return rows.map(stopView);
}

/** The tour of a vehicle in a plan, created on first use. */
export async function ensureTour(db: DbOrTx, planId: number, vehicleId: number): Promise<number> {
  const [existing] = await db
    .select({ id: tours.id })
    .from(tours)
    .where(and(eq(tours.planId, planId), eq(tours.vehicleId, vehicleId)));
  if (existing) return existing.id;
  const [created] = await db
    .insert(tours)
    .values({ planId, vehicleId })
    .onConflictDoNothing()
    .returning({ id: tours.id });
  if (created) return created.id;
  const [raced] = await db
    .select({ id: tours.id })
    .from(tours)
    .where(and(eq(tours.planId, planId), eq(tours.vehicleId, vehicleId)));
  return raced!.id;
}

