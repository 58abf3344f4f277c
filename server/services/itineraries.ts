import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { requireAccess } from '../db/access.js';
import type { Db, DbOrTx } from '../db/client.js';
import { onceOnly } from '../db/queries/client-actions.js';
import { audit, notifyCoordinators } from '../db/queries/notifications.js';
import { publishedPlan } from '../db/queries/plans.js';
import { stopView } from '../db/queries/stops.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Actor } from '../plugins/auth.js';

/** AMap (高德地图) marker link at a venue; the points are GCJ-02 already, as AMap expects. */
export function amapUrl(lng: number, lat: number, name: string): string {
  return `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`;
}

/**
 * The plan an itinerary or feed shows: the one asked for (a coordinator may look at drafts; anyone
 * else only at the published plan), else the region's published plan.
 */
async function itineraryPlan(db: DbOrTx, actor: Actor, regionId: number, planId: number | undefined) {
  if (planId !== undefined) {
    const [plan] = await db.select().from(t.plans).where(and(eq(t.plans.id, planId), eq(t.plans.regionId, regionId)));
    if (!plan || (plan.status !== 'published' && !actor.coordinatorRegionIds.includes(regionId))) throw new NotFoundError('plan', planId);
    return plan;
  }
  const plan = await publishedPlan(db, regionId);
  if (!plan) throw new DomainError('NO_PUBLISHED_PLAN');
  return plan;
}

/** Stays of a plan with their venue, set and the leg that leads to them, in date order. */
export async function stopsWithVenues(db: DbOrTx, planId: number, where: { vehicleId?: number; venueId?: number; from?: string }) {
  return db
    .select({ stop: t.stops, venue: t.venues, set: t.exhibitSets, leg: t.legs, vehicle: t.vehicles })
    .from(t.stops)
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.stops.exhibitSetId))
    .innerJoin(t.vehicles, eq(t.vehicles.id, t.stops.vehicleId))
    .leftJoin(t.legs, eq(t.legs.toStopId, t.stops.id))
    .where(
      and(
        eq(t.stops.planId, planId),
        ne(t.stops.status, 'cancelled'),
        where.vehicleId !== undefined ? eq(t.stops.vehicleId, where.vehicleId) : undefined,
        where.venueId !== undefined ? eq(t.stops.venueId, where.venueId) : undefined,
      ),
    )
    .orderBy(asc(t.stops.startsOn), asc(t.stops.id));
}

/** A driver's itinerary: the vehicle's stays in order with address, contact, leg and a navigation link. */
export async function itinerary(db: DbOrTx, actor: Actor, vehicleId: number, planId: number | undefined) {
  const [vehicle] = await requireAccess(db, actor, 'vehicle.read', [vehicleId]);
  const plan = await itineraryPlan(db, actor, vehicle.regionId, planId);
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, vehicle.regionId));
  const rows = await stopsWithVenues(db, plan.id, { vehicleId });
  return {
    vehicle: { id: vehicle.id, name: vehicle.name, plate: vehicle.plate, type: vehicle.type, regionId: vehicle.regionId },
    plan: { id: plan.id, name: plan.name, status: plan.status, revision: plan.revision },
    timeZone: region!.timeZone,
    stops: rows.map((r, i) => ({
      stopId: r.stop.id,
      seq: i + 1,
      venue: {
        id: r.venue.id,
        name: r.venue.name,
        address: r.venue.address,
        lng: r.venue.lng,
        lat: r.venue.lat,
        contactName: r.venue.contactName,
        contactPhone: r.venue.contactPhone,
        countyName: r.venue.countyName,
      },
      exhibitSet: { id: r.set.id, name: r.set.name, theme: r.set.theme },
      startsOn: r.stop.startsOn,
      opensOn: r.stop.opensOn,
      closesOn: r.stop.closesOn,
      endsOn: r.stop.endsOn,
      status: r.stop.status,
      arrivedAt: r.stop.arrivedAt?.toISOString() ?? null,
      completedAt: r.stop.completedAt?.toISOString() ?? null,
      leg: r.leg ? { distanceM: r.leg.distanceM, driveMinutes: r.leg.driveMinutes, restNights: r.leg.restNights } : null,
      amapUrl: amapUrl(r.venue.lng, r.venue.lat, r.venue.name),
    })),
  };
}

/** A stop of the published plan on the caller's vehicle (driver) or in their region (coordinator). */
async function crewStop(db: DbOrTx, actor: Actor, stopId: number) {
  const [row] = await db
    .select({ stop: t.stops, plan: t.plans })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .where(and(eq(t.stops.id, stopId), or(inArray(t.plans.regionId, actor.coordinatorRegionIds), inArray(t.stops.vehicleId, actor.driverVehicleIds))));
  if (!row) throw new NotFoundError('stop', stopId);
  if (row.plan.status !== 'published') throw new DomainError('STOP_NOT_PUBLISHED');
  return row;
}

/** The days of a stay as a phone last saw them, sent with a tap kept offline. */
export interface SeenDays {
  startsOn: string;
  endsOn: string;
}

/**
 * A tap made on what the phone last saw: if the stay was cancelled or moved since, it is refused in
 * words (STAY_CANCELLED, STAY_CHANGED with the new days) rather than applied to another visit.
 */
function checkSeen(stop: typeof t.stops.$inferSelect, seen: SeenDays | undefined) {
  if (!seen) return;
  if (stop.status === 'cancelled') throw new DomainError('STAY_CANCELLED', { seenStartsOn: seen.startsOn, seenEndsOn: seen.endsOn });
  if (stop.startsOn !== seen.startsOn || stop.endsOn !== seen.endsOn) {
    throw new DomainError('STAY_CHANGED', { seenStartsOn: seen.startsOn, seenEndsOn: seen.endsOn, startsOn: stop.startsOn, endsOn: stop.endsOn });
  }
}

/** How a phone's tap reaches a service: the id it made (accepted once) and the days it saw. */
export interface FromPhone {
  clientId?: string | undefined;
  seen?: SeenDays | undefined;
}

/**
 * The crew marks arrival (planned/confirmed → arrived) or completion (→ completed; the request too).
 * With a client id the step is taken once: a repeat answers the stored result.
 */
export async function markStop(db: Db, clock: Clock, actor: Actor, stopId: number, step: 'arrive' | 'complete', requestId: string, phone: FromPhone = {}) {
  return db.transaction(async (tx) => {
    const { stop, plan } = await crewStop(tx, actor, stopId);
    const once = phone.clientId ? { clientId: phone.clientId, userId: actor.userId, action: `stop.${step}` as const, stopId } : undefined;
    return onceOnly(tx, once, async () => {
      checkSeen(stop, phone.seen);
      const from = step === 'arrive' ? (['planned', 'confirmed'] as const) : (['planned', 'confirmed', 'arrived'] as const);
      const now = clock.now();
      const [updated] = await tx
        .update(t.stops)
        .set(step === 'arrive' ? { status: 'arrived', arrivedAt: now } : { status: 'completed', completedAt: now, arrivedAt: stop.arrivedAt ?? now })
        .where(and(eq(t.stops.id, stopId), inArray(t.stops.status, [...from])))
        .returning();
      if (!updated) throw new DomainError('STOP_STATUS_CONFLICT', { status: stop.status });
      if (step === 'complete' && stop.requestId) {
        const [req] = await tx.select({ status: t.requests.status }).from(t.requests).where(eq(t.requests.id, stop.requestId));
        if (req && req.status !== 'completed' && req.status !== 'cancelled') {
          await tx.update(t.requests).set({ status: 'completed', updatedAt: now }).where(eq(t.requests.id, stop.requestId));
          await tx.insert(t.requestStatusHistory).values({ requestId: stop.requestId, fromStatus: req.status, toStatus: 'completed', actorUserId: actor.userId });
        }
      }
      await audit(tx, { actorUserId: actor.userId, action: `stop.${step}`, entity: 'stop', entityId: stopId, before: { status: stop.status }, after: { status: updated.status }, requestId });
      await notifyCoordinators(tx, plan.regionId, step === 'arrive' ? 'stop_arrived' : 'stop_completed', { stopId, vehicleId: stop.vehicleId, venueId: stop.venueId }, actor.userId);
      return stopView(updated);
    });
  });
}

/**
 * The host's report after a visit: attendance, activities, notes. Allowed from the last open day
 * on (the evening of a one-day caravan visit), and again to correct it (an upsert) until the
 * coordinator locks it. With a client id it is taken once: a repeat answers the stored report.
 */
export async function reportVisit(
  db: Db,
  clock: Clock,
  actor: Actor,
  stopId: number,
  r: { attendance: number; activities: number; notes?: string | undefined },
  requestId: string,
  phone: FromPhone = {},
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ stop: t.stops, plan: t.plans, timeZone: t.regions.timeZone })
      .from(t.stops)
      .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
      .innerJoin(t.regions, eq(t.regions.id, t.plans.regionId))
      .where(and(eq(t.stops.id, stopId), inArray(t.stops.venueId, actor.hostVenueIds)));
    if (!row) throw new NotFoundError('stop', stopId);
    const once = phone.clientId ? { clientId: phone.clientId, userId: actor.userId, action: 'visit.report' as const, stopId } : undefined;
    return onceOnly(tx, once, async () => {
      if (row.plan.status !== 'published') throw new DomainError('STOP_NOT_PUBLISHED');
      checkSeen(row.stop, phone.seen);
      if (row.stop.status === 'cancelled') throw new DomainError('STOP_STATUS_CONFLICT', { status: row.stop.status });
      const today = clock.today(row.timeZone);
      if (today < row.stop.closesOn) throw new DomainError('REPORT_TOO_EARLY', { closesOn: row.stop.closesOn });
      const [before] = await tx.select().from(t.visitReports).where(eq(t.visitReports.stopId, stopId));
      if (before?.lockedAt) throw new DomainError('REPORT_LOCKED', { lockedAt: before.lockedAt.toISOString() });
      const values = { stopId, attendance: r.attendance, activities: r.activities, notes: r.notes ?? '', reportedBy: actor.userId, reportedAt: clock.now() };
      const [saved] = await tx
        .insert(t.visitReports)
        .values(values)
        .onConflictDoUpdate({ target: t.visitReports.stopId, set: { attendance: values.attendance, activities: values.activities, notes: values.notes, reportedBy: values.reportedBy, reportedAt: values.reportedAt } })
        .returning();
      await audit(tx, { actorUserId: actor.userId, action: 'visit.report', entity: 'stop', entityId: stopId, after: { attendance: r.attendance, activities: r.activities }, requestId });
      return reportView(saved!);
    });
  });
}

/** A visit report as the API answers it (instants as ISO strings). */
export function reportView(r: typeof t.visitReports.$inferSelect) {
  return { ...r, reportedAt: r.reportedAt.toISOString(), lockedAt: r.lockedAt?.toISOString() ?? null };
}
