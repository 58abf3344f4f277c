import { DateTime } from 'luxon';
import { requireAccess, type Scope } from '../db/access.js';
import type { Db } from '../db/client.js';
import { updateVehicle } from '../db/queries/catalogue.js';
import { audit } from '../db/queries/notifications.js';
import { createRun } from '../db/queries/planning.js';
import { publishedPlan } from '../db/queries/plans.js';
import { DomainError } from '../errors.js';
import type { Change } from './planning-facts.js';

// Starting planning runs: a plan of a horizon, a re-plan of the timeline from a day, a re-plan after a
// vehicle broke down. Each stores the run, then hands it to the planning queue (`submit`).

type NewRun = Parameters<typeof createRun>[1];
/** Hands a stored run to the planning queue (app.planning.submit). */
export type Submit = (runId: number) => Promise<unknown>;

/** Stores a run and queues it. */
export async function startRun(db: Db, submit: Submit, r: NewRun) {
  const run = await createRun(db, r);
  const horizon = { horizonStart: run.horizonStart, horizonEnd: run.horizonEnd, replanFrom: run.replanFrom };
  await audit(db, { actorUserId: r.createdBy ?? null, action: 'run.start', entity: 'planning_run', entityId: run.id, after: horizon, regionIds: [run.regionId] });
  await submit(run.id);
  return run;
}

/** The region's published plan, the base every re-plan changes. */
async function basePlan(db: Db, regionId: number) {
  const base = await publishedPlan(db, regionId);
  if (!base) throw new DomainError('NO_PUBLISHED_PLAN');
  return base;
}

/**
 * Re-plans a region's timeline from `from` to the end of its horizon. The draft proposes only from
 * the re-plan day on: everything before it is not its to change.
 */
export async function replanRegion(db: Db, submit: Submit, r: { regionId: number; from: string; options: Record<string, unknown>; createdBy: number }) {
  const base = await basePlan(db, r.regionId);
  if (r.from > base.horizonEnd) throw new DomainError('REPLAN_AFTER_HORIZON', { horizonEnd: base.horizonEnd });
  return startRun(db, submit, { regionId: base.regionId, horizonStart: r.from, horizonEnd: base.horizonEnd, replanFrom: r.from, basePlanId: base.id, options: r.options, createdBy: r.createdBy });
}

/**
 * A breakdown: the vehicle is out of service from `from` (audited); its stays from then on are
 * planned again (onto other vehicles, or reported unserved), everything before stays put.
 */
export async function breakDown(db: Db, submit: Submit, scope: Scope, by: Change, b: { vehicleId: number; from: string; options: Record<string, unknown> }) {
  const [vehicle] = await requireAccess(db, scope, 'vehicle.manage', [b.vehicleId]);
  const base = await basePlan(db, vehicle.regionId);
  const until = DateTime.fromISO(b.from).minus({ days: 1 }).toISODate()!;
  const run = await db.transaction(async (tx) => {
    await updateVehicle(tx, scope, vehicle.id, { availableUntil: until });
    await audit(tx, { actorUserId: by.userId, action: 'breakdown', entity: 'vehicle', entityId: vehicle.id, before: { availableUntil: vehicle.availableUntil }, after: { availableUntil: until }, requestId: by.requestId });
    const horizonStart = b.from > base.horizonEnd ? base.horizonEnd : b.from;
    return createRun(tx, { regionId: vehicle.regionId, horizonStart, horizonEnd: base.horizonEnd, replanFrom: b.from, basePlanId: base.id, options: b.options, createdBy: by.userId });
  });
  await submit(run.id);
  return run;
}
