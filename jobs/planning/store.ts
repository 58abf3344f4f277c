import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import type { PlanOutcome } from './plan.js';

export type RunRow = typeof t.planningRuns.$inferSelect;

/**
 * Writes a finished run as a draft plan: the plan, its tours, stops, legs and unserved requests,
 * and the run's link to it, in one transaction. The run row is claimed with a conditional update
 * first, so when two workers finish the same run only one plan is ever written; returns the plan
 * id, or null when the run was already finished or cancelled meanwhile.
 */
export async function saveRunPlan(db: Db, run: RunRow, outcome: PlanOutcome): Promise<number | null> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(t.planningRuns)
      .set({ status: 'succeeded', finishedAt: sql`now()`, progress: sql`jsonb_set(coalesce(${t.planningRuns.progress}, '{}'::jsonb), '{percent}', '100')` })
      .where(and(eq(t.planningRuns.id, run.id), isNull(t.planningRuns.planId), isNull(t.planningRuns.cancelRequestedAt), eq(t.planningRuns.status, 'running')))
      .returning({ id: t.planningRuns.id });
    if (claimed.length === 0) return null;

    const [plan] = await tx
      .insert(t.plans)
      .values({
        regionId: run.regionId,
        name: `${run.horizonStart} – ${run.horizonEnd}`,
        status: 'draft',
        horizonStart: run.horizonStart,
        horizonEnd: run.horizonEnd,
        basedOnPlanId: run.basePlanId,
        metrics: outcome.metrics as unknown as Record<string, unknown>,
        createdBy: run.createdBy,
      })
      .returning({ id: t.plans.id });
    const planId = plan!.id;
    const vehicleIds = [...new Set([...outcome.stops.map((s) => s.vehicleId), ...outcome.legs.map((l) => l.vehicleId)])];
    const tourRows = vehicleIds.length
      ? await tx.insert(t.tours).values(vehicleIds.map((vehicleId) => ({ planId, vehicleId }))).returning()
      : [];
    const tourOf = new Map(tourRows.map((r) => [r.vehicleId, r.id]));

    // Stops in date order per vehicle, numbered along the tour.
    const order = outcome.stops.map((s, i) => ({ s, i })).sort((a, b) => a.s.vehicleId - b.s.vehicleId || a.s.startsOn.localeCompare(b.s.startsOn));
    const seq = new Map<number, number>();
    const stopIds = new Array<number>(outcome.stops.length);
    for (let k = 0; k < order.length; k += 500) {
      const chunk = order.slice(k, k + 500);
      const rows = await tx
        .insert(t.stops)
        .values(
          chunk.map(({ s }) => {
            const n = (seq.get(s.vehicleId) ?? 0) + 1;
            seq.set(s.vehicleId, n);
            return { ...s, planId, tourId: tourOf.get(s.vehicleId)!, seq: n };
          }),
        )
        .returning({ id: t.stops.id });
      rows.forEach((r, j) => (stopIds[chunk[j]!.i] = r.id));
    }
    const legSeq = new Map<number, number>();
    const legRows = outcome.legs.map((l) => {
      const n = (legSeq.get(l.vehicleId) ?? 0) + 1;
      legSeq.set(l.vehicleId, n);
      return {
        tourId: tourOf.get(l.vehicleId)!,
        seq: n,
        fromStopId: l.from === null ? null : stopIds[l.from]!,
        toStopId: l.to === null ? null : stopIds[l.to]!,
        distanceM: Math.round(l.distanceM),
        driveMinutes: Math.round(l.driveMinutes),
        restNights: l.restNights,
      };
    });
    for (let k = 0; k < legRows.length; k += 1000) await tx.insert(t.legs).values(legRows.slice(k, k + 1000));
    if (outcome.unserved.length) {
      await tx.insert(t.planUnserved).values(outcome.unserved.map((u) => ({ planId, requestId: u.requestId, reason: u.reason })));
    }
    await tx.update(t.planningRuns).set({ planId }).where(eq(t.planningRuns.id, run.id));
    return planId;
  });
}
