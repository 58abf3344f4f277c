import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, or } from 'drizzle-orm';
import { WHOLE, limitOf, type Window } from '../db/queries/paging.js';
import { recomputeLegs } from '../../jobs/planning/validate.js';
import type { RequestCreate } from '../contract/requests.js';
import type { Db, DbOrTx } from '../db/client.js';
import { declareDecision } from '../db/decisions.js';
import { audit, notifyCoordinators, notifyVehicleDrivers, notifyVenueHosts } from '../db/queries/notifications.js';
import { touchPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { reasonText } from '../i18n/reasons.js';
import type { Actor } from '../plugins/auth.js';
import { requireAccess, wrongRegion } from '../db/access.js';

type Status = (typeof t.requests.$inferSelect)['status'];

/** Requests a caller may see: their region's as coordinator, their venues' as host. */
function visible(actor: Actor) {
  return or(inArray(t.requests.regionId, actor.coordinatorRegionIds), inArray(t.requests.venueId, actor.hostVenueIds))!;
}

const columns = { ...getTableColumns(t.requests), venueName: t.venues.name, countyName: t.venues.countyName, countyCode: t.venues.countyCode, priorityTier: t.venues.priorityTier };

type Venue = typeof t.venues.$inferSelect;
function view(r: typeof t.requests.$inferSelect & Pick<Venue, 'countyName' | 'countyCode' | 'priorityTier'> & { venueName: string }) {
  return { ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export interface RequestFilter {
  status?: Status | undefined;
  venueId?: number | undefined;
  regionId?: number | undefined;
  countyCode?: string | undefined;
  priorityTier?: Venue['priorityTier'] | undefined;
  setKind?: (typeof t.requests.$inferSelect)['setKind'] | undefined;
  /** Windows that overlap [from, to] (inclusive days; either end may be open). */
  from?: string | undefined;
  to?: string | undefined;
}

/** The requests a caller may see that match every given filter, newest first, a page of them. */
export async function listRequests(db: DbOrTx, actor: Actor, q: RequestFilter, page: Window = WHOLE) {
  const rows = await db
    .select(columns)
    .from(t.requests)
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(
      and(
        visible(actor),
        q.status ? eq(t.requests.status, q.status) : undefined,
        q.venueId ? eq(t.requests.venueId, q.venueId) : undefined,
        q.regionId ? eq(t.requests.regionId, q.regionId) : undefined,
        q.countyCode ? eq(t.venues.countyCode, q.countyCode) : undefined,
        q.priorityTier ? eq(t.venues.priorityTier, q.priorityTier) : undefined,
        q.setKind ? eq(t.requests.setKind, q.setKind) : undefined,
        q.from ? gte(t.requests.windowEnd, q.from) : undefined,
        q.to ? lte(t.requests.windowStart, q.to) : undefined,
      ),
    )
    .orderBy(desc(t.requests.createdAt), desc(t.requests.id))
    .limit(limitOf(page))
    .offset(page.offset);
  return rows.map(view);
}

async function scopedRequest(db: DbOrTx, actor: Actor, id: number) {
  const [row] = await db
    .select(columns)
    .from(t.requests)
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(and(eq(t.requests.id, id), visible(actor)));
  if (!row) throw new NotFoundError('request', id);
  return row;
}

/** A request with its history and, when it was declined, cancelled or not served, the reason in words. */
export async function getRequest(db: DbOrTx, actor: Actor, id: number, locale: Locale) {
  const row = await scopedRequest(db, actor, id);
  const history = await db
    .select()
    .from(t.requestStatusHistory)
    .where(eq(t.requestStatusHistory.requestId, id))
    .orderBy(asc(t.requestStatusHistory.at), asc(t.requestStatusHistory.id));
  let reason = row.reason;
  if (!reason && row.status === 'unserved') {
    // The planner records why in plan_unserved; the latest plan's word counts.
    const [u] = await db
      .select({ reason: t.planUnserved.reason })
      .from(t.planUnserved)
      .where(eq(t.planUnserved.requestId, id))
      .orderBy(desc(t.planUnserved.planId))
      .limit(1);
    reason = u?.reason ?? { code: 'UNSERVED' };
  }
  const shown = ['declined', 'cancelled', 'unserved'].includes(row.status) ? reason : null;
  return {
    ...view({ ...row, reason: shown }),
    history: history.map(({ requestId: _r, ...h }) => ({ ...h, at: h.at.toISOString() })),
    reasonText: shown ? reasonText(shown, locale) : null,
  };
}

/** A host asks for a visit at one of their venues (a coordinator may file one for their region). */
export async function createRequest(db: Db, actor: Actor, body: RequestCreate) {
  return db.transaction(async (tx) => {
    const [venue] = await requireAccess(tx, actor, 'venue.read', [body.venueId]);
    if (body.exhibitSetId) {
      const [set] = await tx.select().from(t.exhibitSets).where(eq(t.exhibitSets.id, body.exhibitSetId));
      if (!set) throw new NotFoundError('exhibit_set', body.exhibitSetId);
      if (set.regionId !== venue.regionId) throw wrongRegion([...actor.coordinatorRegionIds, ...actor.roles.map((g) => g.inRegionId)], 'exhibit_set', set.id, set.regionId);
      if (set.kind !== body.setKind) throw new DomainError('SET_KIND_MISMATCH');
    }
    const [row] = await tx
      .insert(t.requests)
      .values({ ...body, regionId: venue.regionId, status: 'requested', createdBy: actor.userId })
      .returning();
    await tx.insert(t.requestStatusHistory).values({ requestId: row!.id, fromStatus: null, toStatus: 'requested', actorUserId: actor.userId });
    await audit(tx, { actorUserId: actor.userId, action: 'request.create', entity: 'request', entityId: row!.id, after: body, regionIds: [venue.regionId] });
    await notifyCoordinators(
      tx,
      venue.regionId,
      'request_created',
      { requestId: row!.id, venueId: venue.id, venueName: venue.name, countyName: venue.countyName, setKind: row!.setKind, windowStart: row!.windowStart, windowEnd: row!.windowEnd },
      actor.userId,
    );
    return view({ ...row!, venueName: venue.name, countyName: venue.countyName, countyCode: venue.countyCode, priorityTier: venue.priorityTier });
  });
}

type Action = 'approve' | 'decline' | 'cancel' | 'confirm';
const allowedFrom: Record<Action, Status[]> = {
  approve: ['requested'],
  decline: ['requested', 'approved', 'unserved'],
  cancel: ['requested', 'approved', 'scheduled', 'confirmed', 'unserved'],
  confirm: ['scheduled'],
};
const target: Record<Action, Status> = { approve: 'approved', decline: 'declined', cancel: 'cancelled', confirm: 'confirmed' };

/**
 * Moves a request along its workflow with a conditional update (so two people acting at once cannot
 * both succeed), records the change in its history, and tells the other side. Cancelling a scheduled
 * request frees its stay in every draft and in the published plan.
 */
export async function transitionRequest(db: Db, now: Date, actor: Actor, id: number, action: Action, note: string | undefined, requestId: string) {
  return db.transaction(async (tx) => {
    const current = await scopedRequest(tx, actor, id);
    const to = target[action];
    const reason =
      action === 'decline' ? { code: 'DECLINED', params: { note: note ?? '' } }
      : action === 'cancel' ? { code: 'CANCELLED_BY_USER', params: { by: actor.hostVenueIds.includes(current.venueId) && !actor.coordinatorRegionIds.includes(current.regionId) ? 'host' : 'coordinator', note: note ?? '' } }
      : null;
    const [updated] = await tx
      .update(t.requests)
      .set({ status: to, reason, updatedAt: now })
      .where(and(eq(t.requests.id, id), inArray(t.requests.status, allowedFrom[action])))
      .returning();
    if (!updated) throw new DomainError('REQUEST_STATUS_CONFLICT', { status: current.status, action, venueName: current.venueName, countyName: current.countyName });
    await tx.insert(t.requestStatusHistory).values({ requestId: id, fromStatus: current.status, toStatus: to, reason, actorUserId: actor.userId });
    await audit(tx, { actorUserId: actor.userId, action: `request.${action}`, entity: 'request', entityId: id, before: { status: current.status }, after: { status: to, reason }, requestId });

    if (action === 'cancel' || action === 'confirm') await updateStopsOfRequest(tx, actor, id, action);
    const params = { requestId: id, venueId: current.venueId, venueName: current.venueName, from: current.status, to, ...(reason ? { reason } : {}) };
    await notifyVenueHosts(tx, current.venueId, 'request_status_changed', params, actor.userId);
    if (action === 'cancel' || action === 'confirm') await notifyCoordinators(tx, current.regionId, 'request_status_changed', params, actor.userId);
  });
}

/** Cancelling frees the request's stays in drafts and the published plan; confirming pins them there. */
async function updateStopsOfRequest(tx: DbOrTx, actor: Actor, requestId: number, action: 'cancel' | 'confirm') {
  const affected = await tx
    .select({ id: t.stops.id, planId: t.stops.planId, vehicleId: t.stops.vehicleId, status: t.stops.status, planStatus: t.plans.status })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    // A visit already under way or done stays as it is; only what is still ahead is freed or pinned.
    .where(and(eq(t.stops.requestId, requestId), inArray(t.stops.status, ['planned', 'confirmed']), inArray(t.plans.status, ['draft', 'published'])));
  // Cancelling a request is its host's or coordinator's own explicit decision, audited below.
  if (action === 'cancel' && affected.some((s) => s.status === 'confirmed')) await declareDecision(tx, `request.cancel:${requestId}`);
  for (const s of affected) {
    if (action === 'cancel') {
      await tx.update(t.stops).set({ status: 'cancelled', cancelReason: { code: 'CANCELLED_BY_USER' } }).where(eq(t.stops.id, s.id));
      await recomputeLegs(tx, s.planId, [s.vehicleId]);
      if (s.planStatus === 'published') await notifyVehicleDrivers(tx, [s.vehicleId], 'stop_cancelled', { stopId: s.id, planId: s.planId, requestId }, actor.userId);
    } else if (s.status === 'planned') {
      await tx.update(t.stops).set({ status: 'confirmed', pinned: true }).where(eq(t.stops.id, s.id));
    }
    // The calendar's copy of the plan is now stale: its next edit must reload.
    await touchPlan(tx, s.planId);
    await audit(tx, { actorUserId: actor.userId, action: `stop.${action}`, entity: 'stop', entityId: s.id, before: { status: s.status }, after: { status: action === 'cancel' ? 'cancelled' : 'confirmed' } });
  }
}
