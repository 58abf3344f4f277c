import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { recomputeLegs, setForVehicle, validatePlanVehicles, type PlanViolation } from '../../jobs/planning/validate.js';
import type { StopCreate, StopEdit } from '../contract/plans.js';
import type { Db, DbOrTx } from '../db/client.js';
import { audit, notifyVehicleDrivers, notifyVenueHosts } from '../db/queries/notifications.js';
import { bumpRevision, getScopedPlan, legsOfVehicles } from '../db/queries/plans.js';
import { declareDecision } from '../db/decisions.js';
import { ensureTour, stopView } from '../db/queries/stops.js';
import { clearRedo, placeOf, pushPlanAdd, pushPlanEdit } from '../db/queries/plan-edits.js';
import type { ServedRequest } from '../db/schema/plan-edits.js';
import { borrows, type LoanAssetRef } from '../db/queries/loans.js';
import * as t from '../db/schema/index.js';
import { DomainError, LocalizedDomainError, NotFoundError } from '../errors.js';
import { violationText } from '../i18n/planning.js';
import type { Actor } from '../plugins/auth.js';
import { wrongRegion } from '../db/access.js';
import { assertNoClash } from './stay-clash.js';

/** The revision an If-Match header names ("7", W/"7" or 7), or '*' (any: the current one, RFC 9110); 428 without one. */
export function revisionFromIfMatch(header: string | undefined): number | '*' {
  if (header === undefined || header.trim() === '') throw new DomainError('IF_MATCH_REQUIRED');
  if (header.trim() === '*') return '*';
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  // A tag this server never issued cannot match the current revision.
  if (!m) throw new DomainError('PLAN_REVISION_STALE', {});
  return Number(m[1]);
}

export const etagOf = (revision: number) => `"${revision}"`;

/** A checked add or edit keeps the stay inside the plan's horizon (a timeline's: every horizon it took in). */
export function assertInHorizon(plan: { horizonStart: string; horizonEnd: string }, d: { startsOn: string; endsOn: string }) {
  if (d.startsOn < plan.horizonStart || d.endsOn > plan.horizonEnd) {
    throw new DomainError('STAY_OUTSIDE_HORIZON', { startsOn: d.startsOn, endsOn: d.endsOn, horizonStart: plan.horizonStart, horizonEnd: plan.horizonEnd });
  }
}

export interface EditContext {
  actor: Actor;
  requestId: string;
  /** Undo or redo (services/plan-undo.ts): audited as such, and moves its entry between the stacks instead of pushing a new edit. */
  replay?: { action: 'stop.undo' | 'stop.redo'; step: (tx: DbOrTx) => Promise<void> };
}

export const violationKey = (v: PlanViolation) => `${v.kind}:${v.stopId}`;

/**
 * Runs the planner's rules over the vehicles an edit touched and refuses the edit (rolling back its
 * transaction) if it brought in a violation that was not there before; then recomputes their legs.
 * Violations the plan already had are not the editor's doing, so they do not block the edit.
 */
export async function checkAndRelink(tx: DbOrTx, planId: number, vehicleIds: number[], before: Set<string>) {
  const after = await validatePlanVehicles(tx, planId, vehicleIds);
  const fresh = after.filter((v) => !before.has(violationKey(v)));
  if (fresh.length) {
    throw new LocalizedDomainError('EDIT_BREAKS_RULES', { count: fresh.length }, (locale) => ({
      violations: fresh.map((v) => ({ kind: v.kind, stopId: v.stopId, message: violationText(v, locale) })),
    }));
  }
  await recomputeLegs(tx, planId, vehicleIds);
}

/**
 * A vehicle or set a stay of the plan may use: the plan's region's own, or one it borrows (the
 * database's loan guard then refuses days outside the loan, naming the asset). One that does not
 * exist: 404 for an edit; for a new stay the foreign key's 422 REFERENCE_NOT_FOUND (`missing: 'insert'`).
 */
export async function assertInPlanRegion(tx: DbOrTx, actor: Actor, kind: LoanAssetRef['kind'], id: number, regionId: number, missing: 'edit' | 'insert' = 'edit') {
  const [table, entity] = kind === 'set' ? [t.exhibitSets, 'exhibit_set'] : [t.vehicles, 'vehicle'];
  const [row] = await tx.select({ regionId: table.regionId }).from(table).where(eq(table.id, id));
  if (!row && missing === 'insert') return;
  if (!row) throw new NotFoundError(entity, id);
  if (row.regionId !== regionId && !(await borrows(tx, regionId, { kind, id }))) throw wrongRegion(actor.coordinatorRegionIds, entity, id, row.regionId);
}

/** Keeps a tour's `seq` in date order after a stay moved in or out of it (one statement). */
async function resequence(tx: DbOrTx, tourId: number) {
  await tx.execute(sql`
    update ${t.stops} set seq = o.rn
      from (select id, row_number() over (order by starts_on, id) as rn from ${t.stops} where tour_id = ${tourId}) as o
     where ${t.stops.id} = o.id and ${t.stops.seq} <> o.rn`);
}

const shift = (iso: string, days: number) => DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate()!;
const daysBetween = (a: string, b: string) => Math.round(DateTime.fromISO(b, { zone: 'utc' }).diff(DateTime.fromISO(a, { zone: 'utc' }), 'days').days);

/**
 * A checked edit of one stay (a drag on the calendar): in one transaction, take the plan's revision
 * (409 if stale), apply the edit (the database refuses overlaps: 409 STOP_OVERLAP_*), check the
 * planner's rules for the old and new vehicle (422 EDIT_BREAKS_RULES), recompute their legs, and
 * record it in the audit log; hosts of a published stay whose dates changed are notified.
 */
export async function editStop(db: Db, ctx: EditContext, planId: number, stopId: number, expected: number | '*', edit: StopEdit) {
  return db.transaction(async (tx) => {
    const plan = await getScopedPlan(tx, ctx.actor.coordinatorRegionIds, planId);
    const revision = await bumpRevision(tx, plan, expected);
    const [stop] = await tx.select().from(t.stops).where(and(eq(t.stops.id, stopId), eq(t.stops.planId, planId)));
    if (!stop) throw new NotFoundError('stop', stopId);
    if (stop.status === 'arrived' || stop.status === 'completed' || stop.status === 'cancelled') {
      throw new DomainError('STOP_NOT_EDITABLE', { status: stop.status });
    }
    // A host's confirmed dates move only by the coordinator's explicit, audited decision; the stay
    // then waits for the host to confirm its new days.
    const decided = plan.status === 'published' && stop.status === 'confirmed';
    if (decided && !edit.decisionReason) throw new DomainError('STAY_CONFIRMED_NEEDS_DECISION', { stopId });
    if (decided) await declareDecision(tx, `edit:${stopId}`);
    const vehicleId = edit.vehicleId ?? stop.vehicleId;
    const vehicles = [...new Set([stop.vehicleId, vehicleId])];
    const before = new Set((await validatePlanVehicles(tx, planId, vehicles)).map(violationKey));

    let dates = { startsOn: stop.startsOn, opensOn: stop.opensOn, closesOn: stop.closesOn, endsOn: stop.endsOn };
    const onlyStart = edit.startsOn !== undefined && edit.opensOn === undefined && edit.closesOn === undefined && edit.endsOn === undefined;
    if (onlyStart) {
      const d = daysBetween(stop.startsOn, edit.startsOn!);
      dates = { startsOn: edit.startsOn!, opensOn: shift(stop.opensOn, d), closesOn: shift(stop.closesOn, d), endsOn: shift(stop.endsOn, d) };
    } else {
      dates = {
        startsOn: edit.startsOn ?? dates.startsOn,
        opensOn: edit.opensOn ?? dates.opensOn,
        closesOn: edit.closesOn ?? dates.closesOn,
        endsOn: edit.endsOn ?? dates.endsOn,
      };
    }
    if (dates.startsOn !== stop.startsOn || dates.endsOn !== stop.endsOn) assertInHorizon(plan, dates);
    if (edit.vehicleId !== undefined) await assertInPlanRegion(tx, ctx.actor, 'vehicle', edit.vehicleId, plan.regionId);
    if (edit.exhibitSetId !== undefined) await assertInPlanRegion(tx, ctx.actor, 'set', edit.exhibitSetId, plan.regionId);
    const tourId = vehicleId === stop.vehicleId ? stop.tourId : await ensureTour(tx, planId, vehicleId);
    // A stay moved to another vehicle takes a set that vehicle carries, if its request accepts one.
    const exhibitSetId = edit.exhibitSetId ?? (vehicleId === stop.vehicleId ? stop.exhibitSetId : await setForVehicle(tx, planId, { ...stop, ...dates }, vehicleId));

    await assertNoClash(tx, planId, { id: stopId, venueId: stop.venueId, vehicleId, exhibitSetId, startsOn: dates.startsOn, endsOn: dates.endsOn });
    const [updated] = await tx
      .update(t.stops)
      .set({ ...dates, vehicleId, tourId, exhibitSetId, ...(decided ? { status: 'planned' as const, pinned: false } : { pinned: edit.pinned ?? stop.pinned }) })
      .where(eq(t.stops.id, stopId))
      .returning();
    await resequence(tx, tourId);
    if (tourId !== stop.tourId) await resequence(tx, stop.tourId);
    await checkAndRelink(tx, planId, vehicles, before);

    const [after] = await tx.select().from(t.stops).where(eq(t.stops.id, stopId));
    const decision = decided ? { reason: edit.decisionReason } : undefined;
    const action = ctx.replay?.action ?? (decided ? 'stay.decision' : 'stop.edit');
    await audit(tx, { actorUserId: ctx.actor.userId, action, entity: 'stop', entityId: stopId, before: stopView(stop), after: { ...stopView(after ?? updated!), decision }, requestId: ctx.requestId });
    if (ctx.replay) await ctx.replay.step(tx);
    else await pushPlanEdit(tx, { planId, stopId, userId: ctx.actor.userId, before: placeOf(stop), after: placeOf(after ?? updated!) });
    if (decided && stop.requestId !== null) await reopenRequest(tx, stop.requestId, ctx.actor.userId);
    const datesChanged = dates.startsOn !== stop.startsOn || dates.endsOn !== stop.endsOn || dates.opensOn !== stop.opensOn || dates.closesOn !== stop.closesOn;
    if (plan.status === 'published' && (datesChanged || vehicleId !== stop.vehicleId)) {
      const params = {
        stopId,
        planId,
        venueId: stop.venueId,
        requestId: stop.requestId,
        before: { startsOn: stop.startsOn, opensOn: stop.opensOn, closesOn: stop.closesOn, endsOn: stop.endsOn, vehicleId: stop.vehicleId },
        after: { ...dates, vehicleId },
        decisionNote: edit.decisionReason ?? null,
      };
      if (datesChanged) await notifyVenueHosts(tx, stop.venueId, 'stop_dates_changed', params, ctx.actor.userId);
      await notifyVehicleDrivers(tx, vehicles, 'itinerary_changed', params, ctx.actor.userId);
    }
    return { stop: stopView(after ?? updated!), legs: await legsOfVehicles(tx, planId, vehicles), revision };
  });
}

/** A confirmed request whose stay was moved by decision is scheduled again, for the host to confirm. */
async function reopenRequest(tx: DbOrTx, requestId: number, userId: number) {
  const [r] = await tx.update(t.requests).set({ status: 'scheduled', updatedAt: sql`now()` }).where(and(eq(t.requests.id, requestId), eq(t.requests.status, 'confirmed'))).returning({ id: t.requests.id });
  if (r) await tx.insert(t.requestStatusHistory).values({ requestId, fromStatus: 'confirmed', toStatus: 'scheduled', reason: { code: 'MOVED_BY_COORDINATOR' }, actorUserId: userId });
}

/**
 * Adds a stay to a plan, checked like an edit: a hand-placed stop at a venue, or an approved or
 * unserved request scheduled by the coordinator (the request becomes "scheduled", with history).
 */
export async function addCheckedStop(db: Db, ctx: EditContext, planId: number, expected: number | '*', s: StopCreate) {
  return db.transaction(async (tx) => {
    const plan = await getScopedPlan(tx, ctx.actor.coordinatorRegionIds, planId);
    const revision = await bumpRevision(tx, plan, expected);
    let venueId = s.venueId;
    let request: typeof t.requests.$inferSelect | undefined;
    if (s.requestId) {
      [request] = await tx.select().from(t.requests).where(and(eq(t.requests.id, s.requestId), eq(t.requests.regionId, plan.regionId)));
      if (!request) throw new NotFoundError('request', s.requestId);
      assertSchedulable(request);
      venueId = request.venueId;
    }
    if (venueId === undefined) throw new DomainError('VALIDATION_FAILED', {}, { issues: [{ path: 'body/venueId', message: 'venueId or requestId is required' }] });
    assertInHorizon(plan, s);
    const [venue] = await tx.select({ regionId: t.venues.regionId }).from(t.venues).where(eq(t.venues.id, venueId));
    const mine = ctx.actor.coordinatorRegionIds;
    if (venue && venue.regionId !== plan.regionId) throw wrongRegion(mine, 'venue', venueId, venue.regionId);
    await assertInPlanRegion(tx, ctx.actor, 'vehicle', s.vehicleId, plan.regionId, 'insert');
    await assertInPlanRegion(tx, ctx.actor, 'set', s.exhibitSetId, plan.regionId, 'insert');

    const before = new Set((await validatePlanVehicles(tx, planId, [s.vehicleId])).map(violationKey));
    await assertNoClash(tx, planId, { id: 0, venueId, vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId, startsOn: s.startsOn, endsOn: s.endsOn });
    const tourId = await ensureTour(tx, planId, s.vehicleId);
    const [row] = await tx
      .insert(t.stops)
      .values({
        planId,
        tourId,
        seq: 0,
        vehicleId: s.vehicleId,
        exhibitSetId: s.exhibitSetId,
        venueId,
        requestId: s.requestId ?? null,
        startsOn: s.startsOn,
        opensOn: s.opensOn,
        closesOn: s.closesOn,
        endsOn: s.endsOn,
        pinned: s.pinned ?? false,
      })
      .returning();
    await resequence(tx, tourId);
    await checkAndRelink(tx, planId, [s.vehicleId], before);
    const served = request ? await scheduleRequest(tx, planId, request, ctx.actor.userId) : null;
    if (request && plan.status === 'published') {
      await notifyVenueHosts(tx, venueId, 'request_status_changed', { requestId: request.id, from: request.status, to: 'scheduled', stopId: row!.id }, ctx.actor.userId);
    }
    const [after] = await tx.select().from(t.stops).where(eq(t.stops.id, row!.id));
    // An added stay is a new edit: what was undone before it can no longer be redone. A draft's add
    // can itself be undone (services/plan-undo.ts); the timeline's cannot: its host was already told.
    if (plan.status === 'draft') await pushPlanAdd(tx, { planId, stopId: row!.id, userId: ctx.actor.userId, after: placeOf(after!), served });
    else await clearRedo(tx, planId);
    await audit(tx, { actorUserId: ctx.actor.userId, action: 'stop.add', entity: 'stop', entityId: row!.id, after: stopView(after!), requestId: ctx.requestId });
    return { stop: stopView(after!), legs: await legsOfVehicles(tx, planId, [s.vehicleId]), revision };
  });
}

/** Only an approved request, or one a plan could not serve, can be given a stay. */
export function assertSchedulable<R extends { status: string }>(request: R): asserts request is R & { status: ServedRequest['status'] } {
  if (request.status !== 'approved' && request.status !== 'unserved') throw new DomainError('REQUEST_NOT_SCHEDULABLE', { status: request.status });
}

/**
 * The request a new stay serves becomes "scheduled" (with history) and leaves the plan's unserved
 * list; returns what it was before, for undo to give back.
 */
export async function scheduleRequest(tx: DbOrTx, planId: number, request: typeof t.requests.$inferSelect, userId: number): Promise<ServedRequest> {
  assertSchedulable(request);
  await tx.update(t.requests).set({ status: 'scheduled', reason: null, updatedAt: sql`now()` }).where(eq(t.requests.id, request.id));
  await tx.insert(t.requestStatusHistory).values({ requestId: request.id, fromStatus: request.status, toStatus: 'scheduled', actorUserId: userId });
  const [gone] = await tx
    .delete(t.planUnserved)
    .where(and(eq(t.planUnserved.planId, planId), eq(t.planUnserved.requestId, request.id)))
    .returning({ reason: t.planUnserved.reason });
  return { status: request.status, reason: request.reason, unserved: gone?.reason ?? null };
}

/** Stops of a plan that are not cancelled, for one vehicle (or all). */
export async function liveStops(db: DbOrTx, planId: number, vehicleIds?: number[]) {
  return db
    .select()
    .from(t.stops)
    .where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled'), vehicleIds ? inArray(t.stops.vehicleId, vehicleIds) : undefined))
    .orderBy(asc(t.stops.vehicleId), asc(t.stops.startsOn));
}
