import { and, asc, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as t from '../schema/index.js';

// The figures a centre reports upward are read here (codes and numbers; the routes put words on them):
// the region report and the national report both count from these rows.

/** A plan's stays touching a period (inclusive days), not cancelled, with their venue, set and visit report. */
export async function periodStays(db: DbOrTx, planId: number, from: string, to: string) {
  return db
    .select({
      stopId: t.stops.id,
      vehicleId: t.stops.vehicleId,
      vehicleName: t.vehicles.name,
      startsOn: t.stops.startsOn,
      endsOn: t.stops.endsOn,
      countyCode: t.venues.countyCode,
      level: t.venues.level,
      tier: t.venues.priorityTier,
      setKind: t.exhibitSets.kind,
      theme: t.exhibitSets.theme,
      attendance: t.visitReports.attendance,
      activities: t.visitReports.activities,
      lockedAt: t.visitReports.lockedAt,
    })
    .from(t.stops)
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .innerJoin(t.vehicles, eq(t.vehicles.id, t.stops.vehicleId))
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.stops.exhibitSetId))
    .leftJoin(t.visitReports, eq(t.visitReports.stopId, t.stops.id))
    .where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled'), lte(t.stops.startsOn, to), gte(t.stops.endsOn, from)));
}

export type PeriodStay = Awaited<ReturnType<typeof periodStays>>[number];

/** Every leg of a plan's tours: the stays it joins (null at the centre), metres and nights on the road. */
export async function planLegs(db: DbOrTx, planId: number) {
  return db
    .select({ fromStopId: t.legs.fromStopId, toStopId: t.legs.toStopId, distanceM: t.legs.distanceM, restNights: t.legs.restNights })
    .from(t.legs)
    .innerJoin(t.tours, eq(t.tours.id, t.legs.tourId))
    .where(eq(t.tours.planId, planId));
}

export type PlanLeg = Awaited<ReturnType<typeof planLegs>>[number];

/**
 * The legs counted toward a period, given the period's stays: a leg counts with the stay it leads
 * to; the drive home counts with the last stay.
 */
export function legsOfStays(legs: PlanLeg[], stopIds: Iterable<number>): PlanLeg[] {
  const inPeriod = new Set(stopIds);
  return legs.filter((l) => (l.toStopId !== null ? inPeriod.has(l.toStopId) : l.fromStopId !== null && inPeriod.has(l.fromStopId)));
}

/** The county codes of a region's venues in the key assistance tier (the counties its coverage counts). */
export async function keyCountyCodes(db: DbOrTx, regionId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ countyCode: t.venues.countyCode })
    .from(t.venues)
    .where(and(eq(t.venues.regionId, regionId), eq(t.venues.priorityTier, 'key')));
  return rows.map((r) => r.countyCode);
}

/** Photos per stay, for the stays given (stays without photos are left out). */
export async function photoCounts(db: DbOrTx, stopIds: number[]) {
  if (!stopIds.length) return [];
  return db.select({ stopId: t.visitPhotos.stopId, n: count() }).from(t.visitPhotos).where(inArray(t.visitPhotos.stopId, stopIds)).groupBy(t.visitPhotos.stopId);
}

/** A region's requests whose window touches a period, past review, with their venue's tier. */
export async function periodRequests(db: DbOrTx, regionId: number, from: string, to: string) {
  return db
    .select({ tier: t.venues.priorityTier, status: t.requests.status })
    .from(t.requests)
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(and(eq(t.requests.regionId, regionId), lte(t.requests.windowStart, to), gte(t.requests.windowEnd, from), inArray(t.requests.status, ['approved', 'scheduled', 'confirmed', 'completed', 'unserved'])));
}

/** Every region of the deployment, in the order of their NBS codes (province by province). */
export async function listRegionsByCode(db: DbOrTx) {
  return db.select({ id: t.regions.id, code: t.regions.code, nameZh: t.regions.nameZh, nameEn: t.regions.nameEn }).from(t.regions).orderBy(asc(t.regions.code));
}
