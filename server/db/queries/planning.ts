import { and, asc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { DomainError, NotFoundError } from '../../errors.js';
import { runErrorText, unservedReasonText } from '../../i18n/planning.js';
import type { Locale } from '../../i18n/locale.js';
import type { Db, DbOrTx } from '../client.js';
import * as t from '../schema/index.js';
import { audit, notifyVenueHosts } from './notifications.js';
import { stopView } from './stops.js';

type RunRow = typeof t.planningRuns.$inferSelect;
const ids = (xs: number[]) => (xs.length ? xs : [-1]);

export function runView(r: RunRow, locale: Locale) {
  return {
    id: r.id,
    regionId: r.regionId,
    status: r.status,
    horizonStart: r.horizonStart,
    horizonEnd: r.horizonEnd,
    replanFrom: r.replanFrom,
    basePlanId: r.basePlanId,
    options: r.options,
    progress: (r.progress ?? null) as Record<string, unknown> | null,
    planId: r.planId,
    error: r.error ? { code: r.error.code, message: runErrorText(r.error.code, locale) } : null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function createRun(
  db: DbOrTx,
  r: { regionId: number; horizonStart: string; horizonEnd: string; options: Record<string, unknown>; replanFrom?: string | null; basePlanId?: number | null; createdBy: number },
) {
  const [row] = await db
    .insert(t.planningRuns)
    .values({ regionId: r.regionId, horizonStart: r.horizonStart, horizonEnd: r.horizonEnd, options: r.options, replanFrom: r.replanFrom ?? null, basePlanId: r.basePlanId ?? null, createdBy: r.createdBy })
    .returning();
  return row!;
}

/** A run of one of the given regions, or "not found". */
export async function getScopedRun(db: DbOrTx, regionIds: number[], runId: number) {
  const [run] = await db.select().from(t.planningRuns).where(and(eq(t.planningRuns.id, runId), inArray(t.planningRuns.regionId, ids(regionIds))));
  if (!run) throw new NotFoundError('run', runId);
  return run;
}

/** Asks a run to stop; the worker notices within a second. Finished runs are left as they are. */
export async function requestCancel(db: DbOrTx, runId: number) {
  await db
    .update(t.planningRuns)
    .set({ cancelRequestedAt: new Date() })
    .where(and(eq(t.planningRuns.id, runId), inArray(t.planningRuns.status, ['queued', 'running'])));
  // A queued run that no worker has started yet is cancelled at once.
  await db
    .update(t.planningRuns)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(eq(t.planningRuns.id, runId), eq(t.planningRuns.status, 'queued')));
}

/** The unserved requests of a plan with where, what, and why in words. */
export async function listUnserved(db: DbOrTx, planId: number, locale: Locale) {
  const rows = await db
    .select({
      requestId: t.planUnserved.requestId,
      reason: t.planUnserved.reason,
      venueId: t.requests.venueId,
      venueName: t.venues.name,
      countyName: t.venues.countyName,
      countyCode: t.venues.countyCode,
      priorityTier: t.venues.priorityTier,
      setKind: t.requests.setKind,
      theme: t.requests.theme,
      exhibitSetId: t.requests.exhibitSetId,
      windowStart: t.requests.windowStart,
      windowEnd: t.requests.windowEnd,
      openDays: t.requests.openDays,
    })
    .from(t.planUnserved)
    .innerJoin(t.requests, eq(t.requests.id, t.planUnserved.requestId))
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(eq(t.planUnserved.planId, planId))
    .orderBy(asc(t.venues.priorityTier), asc(t.requests.windowStart));
  return rows.map((r) => ({ ...r, reasonText: unservedReasonText(r.reason, locale) }));
}

export async function listLegs(db: DbOrTx, planId: number) {
  return db
    .select({
      tourId: t.legs.tourId,
      vehicleId: t.tours.vehicleId,
      seq: t.legs.seq,
      fromStopId: t.legs.fromStopId,
      toStopId: t.legs.toStopId,
      distanceM: t.legs.distanceM,
      driveMinutes: t.legs.driveMinutes,
      restNights: t.legs.restNights,
    })
    .from(t.legs)
    .innerJoin(t.tours, eq(t.tours.id, t.legs.tourId))
    .where(eq(t.tours.planId, planId))
    .orderBy(asc(t.tours.vehicleId), asc(t.legs.seq));
}

type StopRow = typeof t.stops.$inferSelect;

/**
 * What a draft changes against another plan (default: the region's published one): stays added,
 * removed, and moved (other dates, vehicle or set). Stays are matched by request, or by venue
 * and start day for stays without a request.
 */
export async function diffPlans(db: DbOrTx, planId: number, againstPlanId: number | null) {
  const load = (id: number) => db.select().from(t.stops).where(and(eq(t.stops.planId, id), ne(t.stops.status, 'cancelled')));
  const mine = await load(planId);
  const theirs = againstPlanId ? await load(againstPlanId) : [];
  const key = (s: StopRow) => (s.requestId !== null ? `r${s.requestId}` : `v${s.venueId}@${s.startsOn}`);
  const before = new Map(theirs.map((s) => [key(s), s]));
  const after = new Map(mine.map((s) => [key(s), s]));
  const added: StopRow[] = [];
  const moved: { before: StopRow; after: StopRow }[] = [];
  for (const [k, s] of after) {
    const b = before.get(k);
    if (!b) added.push(s);
    else if (b.startsOn !== s.startsOn || b.endsOn !== s.endsOn || b.vehicleId !== s.vehicleId || b.exhibitSetId !== s.exhibitSetId) moved.push({ before: b, after: s });
  }
  // Stays of the other plan that lie outside this plan's horizon are not "removed".
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.id, planId));
  const removed = [...before].filter(([k, s]) => !after.has(k) && plan && s.endsOn >= plan.horizonStart && s.startsOn <= plan.horizonEnd).map(([, s]) => s);
  return {
    againstPlanId,
    added: added.map(stopView),
    removed: removed.map(stopView),
    moved: moved.map((m) => ({ before: stopView(m.before), after: stopView(m.after) })),
  };
}

/**
 * Publishes a draft: it becomes the region's plan with the next version number; the plan it
 * replaces is kept as superseded. Requests follow: served ones become scheduled, unserved ones
 * unserved with their reason, each change in the request's history and told to its hosts.
 */
export async function publishPlan(db: Db, planId: number, regionIds: number[], actor: { userId: number; requestId: string }) {
  return db.transaction(async (tx) => {
    const [plan] = await tx.select().from(t.plans).where(and(eq(t.plans.id, planId), inArray(t.plans.regionId, ids(regionIds)))).for('update');
    if (!plan) throw new NotFoundError('plan', planId);
    if (plan.status !== 'draft') throw new DomainError('PLAN_NOT_DRAFT', { status: plan.status });
    const [{ v } = { v: 0 }] = await tx.select({ v: max(t.plans.version) }).from(t.plans).where(eq(t.plans.regionId, plan.regionId));
    const previous = await tx
      .update(t.plans)
      .set({ status: 'superseded' })
      .where(and(eq(t.plans.regionId, plan.regionId), eq(t.plans.status, 'published')))
      .returning({ id: t.plans.id, version: t.plans.version });
    const [published] = await tx
      .update(t.plans)
      .set({ status: 'published', version: (v ?? 0) + 1, publishedAt: new Date(), revision: sql`${t.plans.revision} + 1` })
      .where(eq(t.plans.id, plan.id))
      .returning();

    const served = await tx
      .select({ requestId: t.stops.requestId, venueId: t.stops.venueId, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn })
      .from(t.stops)
      .where(and(eq(t.stops.planId, plan.id), ne(t.stops.status, 'cancelled')));
    const unserved = await tx.select().from(t.planUnserved).where(eq(t.planUnserved.planId, plan.id));
    const requestIds = [...served.map((s) => s.requestId).filter((x): x is number => x !== null), ...unserved.map((u) => u.requestId)];
    const requests = requestIds.length ? await tx.select().from(t.requests).where(inArray(t.requests.id, requestIds)) : [];
    const byId = new Map(requests.map((r) => [r.id, r]));
    const move = async (requestId: number, to: 'scheduled' | 'unserved', reason: { code: string; params?: Record<string, unknown> } | null, params: Record<string, unknown>) => {
      const r = byId.get(requestId);
      if (!r || ['confirmed', 'completed', 'cancelled', 'declined', 'requested'].includes(r.status)) return;
      if (r.status === to && JSON.stringify(r.reason) === JSON.stringify(reason)) return;
      await tx.update(t.requests).set({ status: to, reason, updatedAt: new Date() }).where(eq(t.requests.id, requestId));
      await tx.insert(t.requestStatusHistory).values({ requestId, fromStatus: r.status, toStatus: to, reason, actorUserId: actor.userId });
      await notifyVenueHosts(tx, r.venueId, 'request_status', { requestId, status: to, reason, ...params });
    };
    for (const s of served) if (s.requestId !== null) await move(s.requestId, 'scheduled', null, { startsOn: s.startsOn, endsOn: s.endsOn });
    for (const u of unserved) await move(u.requestId, 'unserved', u.reason, {});
    await audit(tx, { actorUserId: actor.userId, action: 'publish', entity: 'plan', entityId: plan.id, before: { status: plan.status, superseded: previous }, after: { status: 'published', version: published!.version }, requestId: actor.requestId });
    return published!;
  });
}

/** The stops of a plan with their requests' ids, in vehicle and date order. */
export async function planStops(db: DbOrTx, planId: number) {
  const rows = await db.select().from(t.stops).where(eq(t.stops.planId, planId)).orderBy(asc(t.stops.vehicleId), asc(t.stops.startsOn));
  return rows.map(stopView);
}
