import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { limitOf, type Window } from './paging.js';
import { NotFoundError } from '../../errors.js';
import type { DbOrTx } from '../client.js';
import * as t from '../schema/index.js';

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
  const [run] = await db.select().from(t.planningRuns).where(and(eq(t.planningRuns.id, runId), inArray(t.planningRuns.regionId, regionIds)));
  if (!run) throw new NotFoundError('run', runId);
  return run;
}

/** A region's latest runs, newest first. */
export async function listRuns(db: DbOrTx, regionId: number, page: Window = { limit: 50, offset: 0 }) {
  return db.select().from(t.planningRuns).where(eq(t.planningRuns.regionId, regionId)).orderBy(desc(t.planningRuns.id)).limit(limitOf(page)).offset(page.offset);
}

/** Asks a run to stop; the worker notices within a second. Finished runs are left as they are. */
export async function requestCancel(db: DbOrTx, runId: number) {
  await db
    .update(t.planningRuns)
    .set({ cancelRequestedAt: sql`now()` })
    .where(and(eq(t.planningRuns.id, runId), inArray(t.planningRuns.status, ['queued', 'running'])));
  // A queued run that no worker has started yet is cancelled at once.
  await db
    .update(t.planningRuns)
    .set({ status: 'cancelled', finishedAt: sql`now()` })
    .where(and(eq(t.planningRuns.id, runId), eq(t.planningRuns.status, 'queued')));
}

/** The unserved requests of a plan with where, what, and why (a reason code and its parameters). */
export async function listUnserved(db: DbOrTx, planId: number) {
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
  return rows;
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
