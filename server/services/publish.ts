import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { recomputeLegs } from '../../jobs/planning/validate.js';
import type { Db, DbOrTx } from '../db/client.js';
import { declareDecision, deferOverlapChecks } from '../db/decisions.js';
import { audit, notifyVehicleDrivers, notifyVenueHosts } from '../db/queries/notifications.js';
import { ensureTour } from '../db/queries/stops.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import { changeSetOf, type ChangeSet, type Reason, type StayChange } from './changes.js';

// Publishing applies a draft to its region's timeline: the timeline's stays keep their ids; only
// what the draft's horizon holds changes, and a confirmed stay only with the coordinator's
// explicit, audited decision. Hosts and drivers of every changed stay are told.

/** A coordinator's explicit acceptance of one confirmed stay's change, with the reason they give. */
export interface Decision {
  stopId: number;
  reason: string;
}

interface Actor {
  userId: number;
  requestId: string;
}

type PlanRow = typeof t.plans.$inferSelect;
type RequestRow = typeof t.requests.$inferSelect;

/** The region's timeline (its published plan), created empty on the first publish. */
async function timelineFor(tx: DbOrTx, draft: PlanRow, existing: PlanRow | undefined, actor: Actor): Promise<PlanRow> {
  if (existing) {
    const [locked] = await tx.select().from(t.plans).where(eq(t.plans.id, existing.id)).for('update');
    return locked!;
  }
  const [created] = await tx
    .insert(t.plans)
    .values({ regionId: draft.regionId, name: '', status: 'published', version: 0, horizonStart: draft.horizonStart, horizonEnd: draft.horizonEnd, createdBy: actor.userId })
    .returning();
  return created!;
}

/** Refuses a publish that would change a confirmed stay nobody accepted; returns the accepted reasons by stay. */
function checkDecisions(cs: ChangeSet, decisions: Decision[]): Map<number, string> {
  const needing = cs.changes.filter((c) => c.needsDecision);
  const accepted = new Map(decisions.map((d) => [d.stopId, d.reason]));
  for (const d of decisions) {
    if (!needing.some((c) => c.stopId === d.stopId)) throw new DomainError('DECISION_FOR_UNKNOWN_STAY', { stopId: d.stopId });
  }
  const open = needing.filter((c) => !accepted.has(c.stopId!));
  if (open.length) throw new DomainError('PUBLISH_CONFLICTS', { count: open.length }, { conflicts: open });
  return accepted;
}

/** Writes one change onto the timeline. */
async function applyChange(tx: DbOrTx, timelineId: number, c: StayChange, accepted: Map<number, string>) {
  if (c.kind === 'removed') {
    const decided = accepted.get(c.stopId!);
    const reason: Reason = decided !== undefined ? { code: 'DROPPED_BY_COORDINATOR', params: { note: decided } } : c.reason!;
    await tx.update(t.stops).set({ status: 'cancelled', cancelReason: reason }).where(eq(t.stops.id, c.stopId!));
    return;
  }
  const after = c.after!;
  const tourId = await ensureTour(tx, timelineId, after.vehicleId);
  if (c.kind === 'added') {
    const [d] = await tx.select({ pinned: t.stops.pinned }).from(t.stops).where(eq(t.stops.id, c.draftStopId!));
    await tx.insert(t.stops).values({ ...after, planId: timelineId, tourId, seq: 0, requestId: c.requestId, status: 'planned', pinned: d?.pinned ?? false });
    return;
  }
  // A confirmed stay moved by decision is planned again: its host confirms the new days.
  const reopened = c.needsDecision ? { status: 'planned' as const, pinned: false } : {};
  await tx.update(t.stops).set({ ...after, tourId, ...reopened }).where(eq(t.stops.id, c.stopId!));
}

/** Brings each request in line with its stays on the timeline; returns the requests whose status changed. */
async function settleRequests(tx: DbOrTx, timelineId: number, cs: ChangeSet, actor: Actor): Promise<RequestRow[]> {
  const touched = new Set<number>([...cs.changes.map((c) => c.requestId), ...cs.unserved.map((u) => u.requestId)].filter((r): r is number => r !== null));
  if (touched.size === 0) return [];
  const ids = [...touched];
  const requests = await tx.select().from(t.requests).where(inArray(t.requests.id, ids));
  const stays = await tx
    .select({ requestId: t.stops.requestId, status: t.stops.status })
    .from(t.stops)
    .where(and(eq(t.stops.planId, timelineId), inArray(t.stops.requestId, ids), ne(t.stops.status, 'cancelled')));
  const reasonOf = new Map<number, Reason>(cs.unserved.map((u) => [u.requestId, u.reason]));
  for (const c of cs.changes) if (c.kind === 'removed' && c.requestId !== null && c.reason) reasonOf.set(c.requestId, c.reason);
  const changed: RequestRow[] = [];
  for (const r of requests) {
    if (!['approved', 'scheduled', 'unserved', 'confirmed'].includes(r.status)) continue;
    const mine = stays.filter((s) => s.requestId === r.id);
    const to: RequestRow['status'] = mine.length === 0 ? 'unserved' : mine.every((s) => s.status !== 'planned') ? r.status : 'scheduled';
    const reason = to === 'unserved' ? (reasonOf.get(r.id) ?? { code: 'NOT_IN_DRAFT' }) : null;
    if (to === r.status && JSON.stringify(r.reason) === JSON.stringify(reason)) continue;
    const [row] = await tx.update(t.requests).set({ status: to, reason, updatedAt: sql`now()` }).where(eq(t.requests.id, r.id)).returning();
    await tx.insert(t.requestStatusHistory).values({ requestId: r.id, fromStatus: r.status, toStatus: to, reason, actorUserId: actor.userId });
    changed.push(row!);
  }
  return changed;
}

/** The words-free facts a notice about a changed stay carries (the web and notices dictionary word them). */
async function tellEveryone(tx: DbOrTx, cs: ChangeSet, changedRequests: RequestRow[], accepted: Map<number, string>, version: number, actor: Actor) {
  const venueIds = [...new Set(cs.changes.flatMap((c) => [c.before?.venueId, c.after?.venueId]).filter((x): x is number => x !== undefined))];
  const vehicleIds = [...new Set(cs.changes.flatMap((c) => [c.before?.vehicleId, c.after?.vehicleId]).filter((x): x is number => x !== undefined))];
  const venues = new Map((venueIds.length ? await tx.select({ id: t.venues.id, name: t.venues.name }).from(t.venues).where(inArray(t.venues.id, venueIds)) : []).map((v) => [v.id, v.name]));
  const vehicles = new Map((vehicleIds.length ? await tx.select({ id: t.vehicles.id, name: t.vehicles.name }).from(t.vehicles).where(inArray(t.vehicles.id, vehicleIds)) : []).map((v) => [v.id, v.name]));
  const side = (p: StayChange['before']) => (p ? { startsOn: p.startsOn, endsOn: p.endsOn, vehicleId: p.vehicleId, vehicleName: vehicles.get(p.vehicleId) ?? '', venueName: venues.get(p.venueId) ?? '' } : null);
  const told = new Set<number>();
  for (const c of cs.changes) {
    const venueId = (c.after ?? c.before)!.venueId;
    const params = { change: c.kind, stopId: c.stopId, requestId: c.requestId, venueId, venueName: venues.get(venueId) ?? '', before: side(c.before), after: side(c.after), reason: c.reason, decisionNote: c.stopId !== null ? (accepted.get(c.stopId) ?? null) : null, version };
    await notifyVenueHosts(tx, venueId, 'stay_changed', params, actor.userId);
    await notifyVehicleDrivers(tx, [...new Set([c.before?.vehicleId, c.after?.vehicleId].filter((x): x is number => x !== undefined))], 'stay_changed', params, actor.userId);
    if (c.requestId !== null) told.add(c.requestId);
  }
  // Requests with no stay change behind them (e.g. unserved) are told as a status change.
  for (const r of changedRequests) {
    if (told.has(r.id)) continue;
    await notifyVenueHosts(tx, r.venueId, 'request_status', { requestId: r.id, status: r.status, reason: r.reason }, actor.userId);
  }
}

/**
 * Publishes a draft into its region's timeline, in one transaction: the timeline's next version,
 * the change set recorded, requests brought in line, every change audited and told. A change to a
 * confirmed stay needs an entry in `decisions`, else PUBLISH_CONFLICTS lists them.
 */
export async function publishDraft(db: Db, planId: number, regionIds: number[], decisions: Decision[], actor: Actor, now: Date) {
  return db.transaction(async (tx) => {
    const [draft] = await tx.select().from(t.plans).where(and(eq(t.plans.id, planId), inArray(t.plans.regionId, regionIds.length ? regionIds : [-1]))).for('update');
    if (!draft) throw new NotFoundError('plan', planId);
    if (draft.status !== 'draft') throw new DomainError('PLAN_NOT_DRAFT', { status: draft.status });
    const cs0 = await changeSetOf(tx, draft);
    const timeline = await timelineFor(tx, draft, cs0.timeline, actor);
    // Read again under the timeline's lock: a stay confirmed or done meanwhile counts as such.
    const cs = cs0.timeline ? await changeSetOf(tx, draft) : cs0;
    const accepted = checkDecisions(cs, decisions);

    await deferOverlapChecks(tx);
    if (accepted.size) await declareDecision(tx, `publish:${draft.id}`);
    for (const c of cs.changes) await applyChange(tx, timeline.id, c, accepted);
    const vehicles = cs.changes.flatMap((c) => [c.before?.vehicleId, c.after?.vehicleId]).filter((x): x is number => x !== undefined);
    await recomputeLegs(tx, timeline.id, vehicles);
    const changedRequests = await settleRequests(tx, timeline.id, cs, actor);

    const version = (timeline.version ?? 0) + 1;
    const horizonStart = timeline.horizonStart < draft.horizonStart ? timeline.horizonStart : draft.horizonStart;
    const horizonEnd = timeline.horizonEnd > draft.horizonEnd ? timeline.horizonEnd : draft.horizonEnd;
    const [published] = await tx
      .update(t.plans)
      .set({ version, revision: sql`${t.plans.revision} + 1`, publishedAt: now, horizonStart, horizonEnd, metrics: draft.metrics })
      .where(eq(t.plans.id, timeline.id))
      .returning();
    await tx.update(t.plans).set({ status: 'superseded', version, revision: sql`${t.plans.revision} + 1` }).where(eq(t.plans.id, draft.id));
    const summary = { added: 0, moved: 0, reassigned: 0, removed: 0, decided: accepted.size, skipped: cs.skipped.length };
    for (const c of cs.changes) summary[c.kind] += 1;
    await tx.insert(t.planPublications).values({
      planId: timeline.id,
      draftPlanId: draft.id,
      version,
      horizonStart: draft.horizonStart,
      horizonEnd: draft.horizonEnd,
      changes: { summary, changes: cs.changes, skipped: cs.skipped, decisions: [...accepted].map(([stopId, reason]) => ({ stopId, reason })) },
      publishedBy: actor.userId,
      publishedAt: now,
    });
    for (const c of cs.changes.filter((x) => x.needsDecision)) {
      const decision = { change: c.kind, reason: accepted.get(c.stopId!), draftPlanId: draft.id, version };
      await audit(tx, { actorUserId: actor.userId, action: 'stay.decision', entity: 'stop', entityId: c.stopId!, before: { status: c.status, ...c.before }, after: { ...(c.after ? { status: 'planned', ...c.after } : { status: 'cancelled' }), decision }, requestId: actor.requestId });
    }
    await audit(tx, { actorUserId: actor.userId, action: 'publish', entity: 'plan', entityId: timeline.id, before: { version: timeline.version }, after: { version, draftPlanId: draft.id, horizon: [draft.horizonStart, draft.horizonEnd], summary }, requestId: actor.requestId });
    await tellEveryone(tx, cs, changedRequests, accepted, version, actor);
    return { plan: published!, version, summary };
  });
}
