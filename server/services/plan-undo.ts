import { and, eq, ne, sql } from 'drizzle-orm';
import { validatePlanVehicles } from '../../jobs/planning/validate.js';
import type { Db, Tx } from '../db/client.js';
import { audit } from '../db/queries/notifications.js';
import { bumpRevision, getScopedPlan, legsOfVehicles } from '../db/queries/plans.js';
import { markUndone, placeOf, redoTop, samePlace, stackDepths, undoTop, type PlanEditRow } from '../db/queries/plan-edits.js';
import { stopView } from '../db/queries/stops.js';
import type { EditedPlace, ServedRequest } from '../db/schema/plan-edits.js';
import * as t from '../db/schema/index.js';
import { DomainError } from '../errors.js';
import { assertInHorizon, assertInPlanRegion, assertSchedulable, checkAndRelink, editStop, scheduleRequest, violationKey, type EditContext } from './plan-edits.js';
import { assertNoClash } from './stay-clash.js';

type Direction = 'undo' | 'redo';
type PlanRow = typeof t.plans.$inferSelect;
type StopRow = typeof t.stops.$inferSelect;

/** Why an undone add's stay is cancelled: the coordinator took back adding it (a draft's stay, never published). */
const ADD_UNDONE = { code: 'ADD_UNDONE' };

/**
 * Undo (or redo) the plan's last board edit: the stay goes back to where it was before it (or to
 * where the edit put it) through the same checked edit as a drag, so the planning rules, the
 * If-Match revision, the timeline's guards and the audit (stop.undo / stop.redo) all hold. An added
 * stay (a draft's) is cancelled by undo and planned again by redo, with its request's status and
 * unserved line given back and taken again. Refused with 409 UNDO_STACK_EMPTY / REDO_STACK_EMPTY,
 * 409 UNDO_STAY_CHANGED when the stay has changed by other means since, 409 UNDO_STAY_NOT_PLANNED /
 * UNDO_REQUEST_CHANGED when an added stay was confirmed or its request moved on, or the checked
 * edit's own refusal (e.g. 422 EDIT_BREAKS_RULES); nothing changes then. `now` (the app's clock) dates an undo.
 */
export async function replayEdit(db: Db, ctx: EditContext, planId: number, expected: number | '*', direction: Direction, now: Date) {
  return db.transaction(async (tx) => {
    await getScopedPlan(tx, ctx.actor.coordinatorRegionIds, planId);
    // One undo or redo of a plan at a time: the second waits here and then sees the stacks as the first left them.
    const [plan] = await tx.select().from(t.plans).where(eq(t.plans.id, planId)).for('update');
    const entry = direction === 'undo' ? await undoTop(tx, planId) : await redoTop(tx, planId);
    if (!entry) throw new DomainError(direction === 'undo' ? 'UNDO_STACK_EMPTY' : 'REDO_STACK_EMPTY', {});
    if (entry.kind === 'add') {
      const step = direction === 'undo' ? await undoAdd(tx, ctx, plan!, entry, expected, now) : await redoAdd(tx, ctx, plan!, entry, expected);
      return { ...step, kind: entry.kind, stacks: await stackDepths(tx, planId) };
    }
    // An edit always has where the stay was (the table's check plan_edits_add_shape).
    const before = entry.before!;
    const [from, to] = direction === 'undo' ? [entry.after, before] : [before, entry.after];
    assertStayAt(entry, await stayOf(tx, entry), from);
    const step = (t2: Parameters<typeof markUndone>[0]) => markUndone(t2, entry.id, direction === 'undo' ? now : null);
    // A nested transaction (a savepoint): the checked edit runs exactly as a drag's does.
    const result = await editStop(tx as unknown as Db, { ...ctx, replay: { action: `stop.${direction}`, step } }, planId, entry.stopId, expected, to);
    return { ...result, kind: entry.kind, stacks: await stackDepths(tx, planId) };
  });
}

async function stayOf(tx: Tx, entry: PlanEditRow): Promise<StopRow | undefined> {
  const [stop] = await tx.select().from(t.stops).where(and(eq(t.stops.id, entry.stopId), eq(t.stops.planId, entry.planId)));
  return stop;
}

/** Undo replays an edit only onto the stay the edit left; a stay moved since by other means is not taken back. */
function assertStayAt(entry: PlanEditRow, stop: StopRow | undefined, place: EditedPlace): asserts stop is StopRow {
  if (!stop || !samePlace(placeOf(stop), place)) {
    throw new DomainError('UNDO_STAY_CHANGED', { stopId: entry.stopId, startsOn: stop?.startsOn, endsOn: stop?.endsOn });
  }
}

async function requestOf(tx: Tx, requestId: number | null) {
  if (requestId === null) return undefined;
  const [request] = await tx.select().from(t.requests).where(eq(t.requests.id, requestId));
  return request;
}

/**
 * Takes back adding a stay to a draft: the stay, still planned where the add put it, is cancelled
 * (kept, never deleted: its audit trail and the stack's later edits of it still name it; publishing
 * leaves a draft's cancelled new stay out), the legs and rules of its vehicle are checked again, and
 * its request gets back its status, reason and line in the plan's unserved list.
 */
async function undoAdd(tx: Tx, ctx: EditContext, plan: PlanRow, entry: PlanEditRow, expected: number | '*', now: Date) {
  const stop = await stayOf(tx, entry);
  assertStayAt(entry, stop, entry.after);
  // A stay its host confirmed meanwhile is a promise, and one under way or done a fact: undo leaves both.
  if (stop.status !== 'planned') throw new DomainError('UNDO_STAY_NOT_PLANNED', { stopId: stop.id, status: stop.status });
  const request = entry.served ? await requestOf(tx, stop.requestId) : undefined;
  if (request && request.status !== 'scheduled') throw new DomainError('UNDO_REQUEST_CHANGED', { requestId: request.id, status: request.status });
  const revision = await bumpRevision(tx, plan, expected);
  const vehicles = [stop.vehicleId];
  const before = new Set((await validatePlanVehicles(tx, plan.id, vehicles)).map(violationKey));
  const [after] = await tx.update(t.stops).set({ status: 'cancelled', cancelReason: ADD_UNDONE }).where(eq(t.stops.id, stop.id)).returning();
  // Without it, the stays either side are joined by one longer leg, which the rules judge again.
  await checkAndRelink(tx, plan.id, vehicles, before);
  if (request) await unscheduleRequest(tx, plan.id, request.id, entry.served!, ctx.actor.userId);
  await audit(tx, { actorUserId: ctx.actor.userId, action: 'stop.undo', entity: 'stop', entityId: stop.id, before: stopView(stop), after: stopView(after!), requestId: ctx.requestId });
  await markUndone(tx, entry.id, now);
  return { stop: stopView(after!), legs: await legsOfVehicles(tx, plan.id, vehicles), revision };
}

/**
 * Gives an undone add's request back what the add took: its status and reason (unless the timeline
 * holds a stay of it meanwhile, which keeps it scheduled) and its line in the plan's unserved list.
 */
async function unscheduleRequest(tx: Tx, planId: number, requestId: number, served: ServedRequest, userId: number) {
  const [onTimeline] = await tx
    .select({ id: t.stops.id })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .where(and(eq(t.stops.requestId, requestId), ne(t.stops.status, 'cancelled'), eq(t.plans.status, 'published')))
    .limit(1);
  if (!onTimeline) {
    await tx.update(t.requests).set({ status: served.status, reason: served.reason, updatedAt: sql`now()` }).where(eq(t.requests.id, requestId));
    await tx.insert(t.requestStatusHistory).values({ requestId, fromStatus: 'scheduled', toStatus: served.status, reason: ADD_UNDONE, actorUserId: userId });
  }
  if (served.unserved) await tx.insert(t.planUnserved).values({ planId, requestId, reason: served.unserved }).onConflictDoNothing();
}

/**
 * Adds an undone add's stay again, checked as the add was (the horizon, the region's vehicles and
 * sets, no clash, the planning rules) and scheduling its request again, which must still be open.
 */
async function redoAdd(tx: Tx, ctx: EditContext, plan: PlanRow, entry: PlanEditRow, expected: number | '*') {
  const stop = await stayOf(tx, entry);
  assertStayAt(entry, stop, entry.after);
  if (stop.status !== 'cancelled' || stop.cancelReason?.code !== ADD_UNDONE.code) {
    throw new DomainError('UNDO_STAY_CHANGED', { stopId: stop.id, startsOn: stop.startsOn, endsOn: stop.endsOn });
  }
  const request = await requestOf(tx, stop.requestId);
  if (request) assertSchedulable(request);
  const revision = await bumpRevision(tx, plan, expected);
  assertInHorizon(plan, stop);
  await assertInPlanRegion(tx, ctx.actor, 'vehicle', stop.vehicleId, plan.regionId);
  await assertInPlanRegion(tx, ctx.actor, 'set', stop.exhibitSetId, plan.regionId);
  const vehicles = [stop.vehicleId];
  const before = new Set((await validatePlanVehicles(tx, plan.id, vehicles)).map(violationKey));
  await assertNoClash(tx, plan.id, stop);
  const [after] = await tx.update(t.stops).set({ status: 'planned', cancelReason: null }).where(eq(t.stops.id, stop.id)).returning();
  await checkAndRelink(tx, plan.id, vehicles, before);
  const served = request ? await scheduleRequest(tx, plan.id, request, ctx.actor.userId) : undefined;
  await audit(tx, { actorUserId: ctx.actor.userId, action: 'stop.redo', entity: 'stop', entityId: stop.id, before: stopView(stop), after: stopView(after!), requestId: ctx.requestId });
  // The next undo gives the request back as it was just now.
  await markUndone(tx, entry.id, null, served);
  return { stop: stopView(after!), legs: await legsOfVehicles(tx, plan.id, vehicles), revision };
}

/** How many edits the plan's board can undo and redo (the buttons' state). */
export async function undoStacks(db: Db, ctx: EditContext, planId: number) {
  await getScopedPlan(db, ctx.actor.coordinatorRegionIds, planId);
  return stackDepths(db, planId);
}
