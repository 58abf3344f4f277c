import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { WHOLE, limitOf, type Window } from './paging.js';
import { DomainError, NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import { legs, plans, tours } from '../schema/index.js';

type PlanRow = typeof plans.$inferSelect;

/** A plan as the API shows it: timestamps as ISO strings. */
export function planView(p: PlanRow) {
  return { ...p, createdAt: p.createdAt.toISOString(), publishedAt: p.publishedAt?.toISOString() ?? null };
}

/**
 * Which plans a caller sees: every plan of the regions they coordinate, and the published plan of
 * the regions their venues or vehicles lie in (hosts and drivers never see drafts).
 */
export interface PlanScope {
  coordinatorRegionIds: number[];
  memberRegionIds: number[];
}

function visiblePlans(s: PlanScope) {
  return or(inArray(plans.regionId, s.coordinatorRegionIds), and(inArray(plans.regionId, s.memberRegionIds), eq(plans.status, 'published')))!;
}

export async function getVisiblePlan(db: DbOrTx, s: PlanScope, planId: number) {
  const [plan] = await db.select().from(plans).where(and(eq(plans.id, planId), visiblePlans(s)));
  if (!plan) throw new NotFoundError('plan', planId);
  return plan;
}

/** A plan of one of the given regions, or "not found". */
export async function getScopedPlan(db: DbOrTx, regionIds: number[], planId: number) {
  const [plan] = await db.select().from(plans).where(and(eq(plans.id, planId), inArray(plans.regionId, regionIds)));
  if (!plan) throw new NotFoundError('plan', planId);
  return plan;
}

export async function listPlans(db: DbOrTx, s: PlanScope, p: { regionId?: number | undefined; status?: PlanRow['status'] | undefined }, page: Window = WHOLE) {
  const rows = await db
    .select()
    .from(plans)
    .where(and(visiblePlans(s), p.regionId ? eq(plans.regionId, p.regionId) : undefined, p.status ? eq(plans.status, p.status) : undefined))
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(limitOf(page))
    .offset(page.offset);
  return rows.map(planView);
}

/** The published plan of a region, if any. */
export async function publishedPlan(db: DbOrTx, regionId: number) {
  const [plan] = await db.select().from(plans).where(and(eq(plans.regionId, regionId), eq(plans.status, 'published')));
  return plan;
}

/**
 * The optimistic lock of a plan edit: bumps the revision only if it still is the one the edit was
 * made on. Of concurrent edits on one revision exactly one passes (the others wait for its row lock,
 * then see the new revision); the rest get PLAN_REVISION_STALE. '*' (If-Match: *) takes whatever
 * revision is current, after any edit it waits for. Returns the new revision.
 */
export async function bumpRevision(db: DbOrTx, plan: PlanRow, expected: number | '*'): Promise<number> {
  if (plan.status !== 'draft' && plan.status !== 'published') throw new DomainError('PLAN_NOT_EDITABLE', { status: plan.status });
  const [row] = await db
    .update(plans)
    .set({ revision: sql`${plans.revision} + 1` })
    .where(and(eq(plans.id, plan.id), expected === '*' ? undefined : eq(plans.revision, expected)))
    .returning({ revision: plans.revision });
  if (!row) {
    const [now] = await db.select({ revision: plans.revision }).from(plans).where(eq(plans.id, plan.id));
    throw new DomainError('PLAN_REVISION_STALE', { current: now?.revision });
  }
  return row.revision;
}

/** Bumps a plan's revision unconditionally (a change not made on the calendar, e.g. a cancellation). */
export async function touchPlan(db: DbOrTx, planId: number) {
  await db.update(plans).set({ revision: sql`${plans.revision} + 1` }).where(eq(plans.id, planId));
}

/** The legs of the given vehicles' tours in a plan, in tour order. */
export async function legsOfVehicles(db: DbOrTx, planId: number, vehicleIds: number[]) {
  return db
    .select({
      id: legs.id,
      tourId: legs.tourId,
      seq: legs.seq,
      fromStopId: legs.fromStopId,
      toStopId: legs.toStopId,
      distanceM: legs.distanceM,
      driveMinutes: legs.driveMinutes,
      restNights: legs.restNights,
    })
    .from(legs)
    .innerJoin(tours, eq(tours.id, legs.tourId))
    .where(and(eq(tours.planId, planId), inArray(tours.vehicleId, vehicleIds)))
    .orderBy(asc(legs.tourId), asc(legs.seq));
}
