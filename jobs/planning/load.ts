import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import { effectiveTripDays } from '../../server/db/trip-days.js';
import { carriedWithLoans, loadRegionLoans } from './loans.js';
import type { DayRange, FixedStop, KitHistory, PlanningFacts, ThemeHistory } from './types.js';

/** Request statuses the planner serves: approved and already scheduled ones (unserved ones get another try). */
export const PLANNABLE_STATUSES = ['approved', 'scheduled', 'unserved'] as const;

export interface LoadOptions {
  regionId: number;
  horizonStart: string;
  horizonEnd: string;
  /** Re-plan from this day: the base plan's stops before it are kept as they are. */
  replanFrom?: string | undefined;
  /**
   * Let the planner move the base plan's unconfirmed stays too. Off by default: published dates
   * are promises to counties, so a re-plan moves only what it must (stays of vehicles that left
   * service) and fits new requests around the rest.
   */
  movePublished?: boolean | undefined;
}

const range = (r: { startsOn: string; endsOn: string }): DayRange => [r.startsOn, r.endsOn];

/** Reads everything the planner needs for a region and horizon. */
export async function loadPlanningFacts(db: DbOrTx, o: LoadOptions): Promise<PlanningFacts> {
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, o.regionId));
  if (!region) throw new Error(`region ${o.regionId} not found`);
  const venueRows = await db.select().from(t.venues).where(eq(t.venues.regionId, o.regionId));
  const blackouts = await db
    .select({ venueId: t.venueBlackouts.venueId, startsOn: t.venueBlackouts.startsOn, endsOn: t.venueBlackouts.endsOn })
    .from(t.venueBlackouts)
    .innerJoin(t.venues, eq(t.venues.id, t.venueBlackouts.venueId))
    .where(eq(t.venues.regionId, o.regionId));
  const closures = await db.select().from(t.regionClosures).where(eq(t.regionClosures.regionId, o.regionId));
  const centres = await db.select().from(t.centres).where(eq(t.centres.regionId, o.regionId));
  // Lending between regions: borrowed sets and vehicles join the region's own (jobs/planning/loans.ts).
  const loans = await loadRegionLoans(db, o.regionId, o.horizonStart, o.horizonEnd);
  const sets = [...(await db.select().from(t.exhibitSets).where(eq(t.exhibitSets.regionId, o.regionId))), ...loans.borrowedSets];
  const vehicles = [...(await db.select().from(t.vehicles).where(eq(t.vehicles.regionId, o.regionId))), ...loans.borrowedVehicles];
  const borrowedSetIds = new Set(loans.borrowedSets.map((s) => s.id));
  const allCarries = await db.select().from(t.vehicleSets);
  const carries = vehicles.flatMap((v) =>
    carriedWithLoans(v, v.regionId !== o.regionId, allCarries.filter((c) => c.vehicleId === v.id).map((c) => c.exhibitSetId), sets, borrowedSetIds).map((exhibitSetId) => ({ vehicleId: v.id, exhibitSetId })),
  );
  const maintenance = await db.select().from(t.maintenanceWindows);
  const requests = await db
    .select()
    .from(t.requests)
    .where(
      and(
        eq(t.requests.regionId, o.regionId),
        inArray(t.requests.status, [...PLANNABLE_STATUSES, 'confirmed']),
        lte(t.requests.windowStart, o.horizonEnd),
        gte(t.requests.windowEnd, o.horizonStart),
      ),
    );

  // The region's timeline (its published plan): its confirmed, started and done stays stay put, as
  // does everything before the re-plan day; the rest of its stays in the horizon are planned again
  // from their requests. Stays outside the horizon are not the draft's to change.
  const [timeline] = await db.select().from(t.plans).where(and(eq(t.plans.regionId, o.regionId), eq(t.plans.status, 'published')));
  const baseStops = timeline ? await db.select().from(t.stops).where(and(eq(t.stops.planId, timeline.id), ne(t.stops.status, 'cancelled'))) : [];
  const replanFrom = o.replanFrom ?? o.horizonStart;
  const { fixedStops, fixedRequests } = keptStops(baseStops, vehicles, o, replanFrom);
  const setById = new Map(sets.map((s) => [s.id, s]));
  const { history, kitHistory } = noveltyHistory(baseStops, venueRows, setById, o.horizonStart);

  const road = await db.select().from(t.roadDistances).where(eq(t.roadDistances.regionId, o.regionId));
  const holidays = await db.select().from(t.holidayDays);

  return {
    region: {
      ...{ id: region.id, timeZone: region.timeZone, roadFactor: region.roadFactor, averageSpeedKmh: region.averageSpeedKmh, noveltyMonths: region.noveltyMonths },
      ...{ kitNoveltyMonths: region.kitNoveltyMonths, eveningLegMaxMinutes: region.eveningLegMaxMinutes, dailyDriveMinutes: region.dailyDriveMinutes },
      ...{ maxConsecutiveWorkDays: region.maxConsecutiveWorkDays, monthlySpeedKmh: region.monthlySpeedKmh },
    },
    horizonStart: o.horizonStart,
    horizonEnd: o.horizonEnd,
    replanFrom,
    venues: venueRows
      .filter((v) => v.retiredOn === null || v.retiredOn > o.horizonStart)
      .map((v) => ({
        id: v.id,
        countyCode: v.countyCode,
        countyName: v.countyName,
        name: v.name,
        kind: v.kind,
        level: v.level,
        lng: v.lng,
        lat: v.lat,
        floorAreaM2: v.floorAreaM2,
        powerKw: v.powerKw,
        priorityTier: v.priorityTier,
        openWeekdays: v.openWeekdays,
        blackouts: blackouts.filter((b) => b.venueId === v.id).map(range),
      })),
    closures: closures.map((c) => ({ startsOn: c.startsOn, endsOn: c.endsOn, venueKinds: c.venueKinds })),
    centres: centres.map((c) => ({ id: c.id, lng: c.lng, lat: c.lat })),
    sets: sets
      .filter((s) => s.retiredOn === null || s.retiredOn > o.horizonStart)
      .map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        theme: s.theme,
        kind: s.kind,
        footprintM2: s.footprintM2,
        powerKw: s.powerKw,
        setupDays: s.setupDays,
        teardownDays: s.teardownDays,
        minStayDays: s.minStayDays,
        maxStayDays: s.maxStayDays,
        maintenance: [...maintenance.filter((m) => m.exhibitSetId === s.id).map(range), ...loans.notHeld('set', s.id)],
      })),
    vehicles: vehicles
      .filter((v) => v.retiredOn === null || v.retiredOn > o.horizonStart)
      .map((v) => ({
        id: v.id,
        name: v.name,
        homeCentreId: v.regionId === o.regionId ? v.homeCentreId : loans.baseOf(v, centres),
        dailyDriveMinutes: v.dailyDriveMinutes,
        maxTripDays: effectiveTripDays(v, region.defaultTripDays, carries.filter((c) => c.vehicleId === v.id).map((c) => setById.get(c.exhibitSetId)).filter((x) => x !== undefined)),
        availableFrom: v.availableFrom,
        availableUntil: v.availableUntil,
        setIds: carries.filter((c) => c.vehicleId === v.id).map((c) => c.exhibitSetId).sort((a, b) => a - b),
        maintenance: [...maintenance.filter((m) => m.vehicleId === v.id).map(range), ...loans.notHeld('vehicle', v.id)],
        tripCuts: loans.tripCuts(carries.filter((c) => c.vehicleId === v.id).map((c) => c.exhibitSetId)),
      })),
    requests: requests
      .filter((r) => !fixedRequests.has(r.id))
      .map((r) => ({ id: r.id, venueId: r.venueId, setKind: r.setKind, exhibitSetId: r.exhibitSetId, theme: r.theme, windowStart: r.windowStart, windowEnd: r.windowEnd, openDays: r.openDays })),
    fixedStops,
    history,
    kitHistory,
    roadMatrix: new Map(road.map((r) => [`${r.fromPlace}|${r.toPlace}`, { distanceM: r.distanceM, driveMinutes: r.driveMinutes }])),
    holidays: holidays.map((h) => ({ day: h.day, kind: h.kind, name: h.name })),
  };
}

type StopRow = typeof t.stops.$inferSelect;

/**
 * The timeline's stays the draft keeps as they are (confirmed, started, done, before the re-plan day,
 * or published and not to be moved), and the requests already served by a kept stay or one that
 * ended before the horizon.
 */
function keptStops(baseStops: StopRow[], vehicles: { id: number; availableUntil: string | null }[], o: LoadOptions, replanFrom: string) {
  const unavailableFrom = new Map(vehicles.map((v) => [v.id, v.availableUntil]));
  const fixedStops: FixedStop[] = [];
  const fixedRequests = new Set<number>();
  for (const s of baseStops) {
    if (s.endsOn < o.horizonStart || s.startsOn > o.horizonEnd) {
      if (s.requestId !== null) fixedRequests.add(s.requestId);
      continue;
    }
    const until = unavailableFrom.get(s.vehicleId);
    const vehicleGone = until !== null && until !== undefined && s.startsOn > until;
    const keep = s.startsOn < replanFrom || (!vehicleGone && (s.pinned || s.status !== 'planned' || !o.movePublished));
    if (!keep) continue;
    fixedStops.push({ sourceStopId: s.id, requestId: s.requestId, venueId: s.venueId, vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId, startsOn: s.startsOn, opensOn: s.opensOn, closesOn: s.closesOn, endsOn: s.endsOn, status: s.status });
    if (s.requestId !== null) fixedRequests.add(s.requestId);
  }
  return { fixedStops, fixedRequests };
}

/**
 * Novelty history: every stay on the timeline that began by the horizon's start (imported history
 * included), as a theme at a county (roving sets) or a kit at a venue (caravan kits); stays inside
 * the horizon come in as fixed stops instead.
 */
function noveltyHistory(baseStops: StopRow[], venueRows: { id: number; countyCode: string }[], setById: Map<number, { kind: string; theme: string }>, horizonStart: string) {
  const venueById = new Map(venueRows.map((v) => [v.id, v]));
  const history: ThemeHistory[] = [];
  const kitHistory: KitHistory[] = [];
  const seenKey = new Set<string>();
  for (const h of baseStops.filter((s) => s.startsOn <= horizonStart)) {
    const set = setById.get(h.exhibitSetId);
    const venue = venueById.get(h.venueId);
    if (!set || !venue) continue;
    if (set.kind === 'caravan_kit') {
      kitHistory.push({ venueId: h.venueId, exhibitSetId: h.exhibitSetId, startsOn: h.startsOn, endsOn: h.endsOn });
      continue;
    }
    const key = `${venue.countyCode}|${set.theme}|${h.startsOn}`;
    if (seenKey.has(key)) continue;
    seenKey.add(key);
    history.push({ countyCode: venue.countyCode, theme: set.theme, startsOn: h.startsOn, endsOn: h.endsOn });
  }
  return { history, kitHistory };
}
