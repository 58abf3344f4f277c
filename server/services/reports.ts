import { and, count, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DbOrTx } from '../db/client.js';
import { publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { CARAVAN_TARGETS, caravanTargetFor, isBelowCounty, meetsCaravanTarget } from '../db/targets.js';
import { csvText } from './csv.js';

const TIERS = ['key', 'former_poverty', 'other'] as const;
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const inclusiveDays = (a: string, b: string) => Math.round(day(b).diff(day(a), 'days').days) + 1;

/**
 * What a centre reports upward for a region and period (inclusive days), from the published plan:
 * stays touching the period, their visit reports and legs, and the requests whose window touches it.
 */
export async function regionReport(db: DbOrTx, regionId: number, from: string, to: string) {
  const plan = await publishedPlan(db, regionId);
  const rows = plan
    ? await db
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
        .where(and(eq(t.stops.planId, plan.id), ne(t.stops.status, 'cancelled'), lte(t.stops.startsOn, to), gte(t.stops.endsOn, from)))
    : [];
  const stopIds = rows.map((r) => r.stopId);
  const legRows = stopIds.length
    ? await db
        .select({ fromStopId: t.legs.fromStopId, toStopId: t.legs.toStopId, distanceM: t.legs.distanceM, restNights: t.legs.restNights })
        .from(t.legs)
        .innerJoin(t.tours, eq(t.tours.id, t.legs.tourId))
        .where(eq(t.tours.planId, plan!.id))
    : [];
  // Photos of the period's stays, per stay (proof of visit).
  const photoRows = stopIds.length
    ? await db.select({ stopId: t.visitPhotos.stopId, n: count() }).from(t.visitPhotos).where(inArray(t.visitPhotos.stopId, stopIds)).groupBy(t.visitPhotos.stopId)
    : [];
  const inPeriod = new Set(stopIds);
  // A leg counts toward the period of the stay it leads to; the drive home counts with the last stay.
  const legs = legRows.filter((l) => (l.toStopId !== null ? inPeriod.has(l.toStopId) : l.fromStopId !== null && inPeriod.has(l.fromStopId)));
  const restTo = new Map(legs.filter((l) => l.toStopId !== null).map((l) => [l.toStopId!, l.restNights]));

  const keyCounties = await db
    .selectDistinct({ countyCode: t.venues.countyCode })
    .from(t.venues)
    .where(and(eq(t.venues.regionId, regionId), eq(t.venues.priorityTier, 'key')));
  const counties = new Set(rows.map((r) => r.countyCode));
  const keyReached = keyCounties.filter((k) => counties.has(k.countyCode)).length;

  // Each counted leg's metres go to the vehicle of the stay it is counted with (kmDriven's rule).
  const vehicleOfStop = new Map(rows.map((r) => [r.stopId, r.vehicleId]));
  const metresOf = new Map<number, number>();
  for (const l of legs) {
    const vehicleId = vehicleOfStop.get((l.toStopId ?? l.fromStopId)!)!;
    metresOf.set(vehicleId, (metresOf.get(vehicleId) ?? 0) + l.distanceM);
  }
  const perVehicle = new Map<number, { vehicleId: number; name: string; stops: number; daysOut: number; km: number; caravan: boolean; meetsTarget: boolean | null }>();
  for (const r of rows) {
    const km = Math.round((metresOf.get(r.vehicleId) ?? 0) / 1000);
    const v = perVehicle.get(r.vehicleId) ?? { vehicleId: r.vehicleId, name: r.vehicleName, stops: 0, daysOut: 0, km, caravan: false, meetsTarget: null };
    v.caravan ||= r.setKind === 'caravan_kit';
    const a = r.startsOn < from ? from : r.startsOn;
    const b = r.endsOn > to ? to : r.endsOn;
    v.stops += 1;
    v.daysOut += inclusiveDays(a, b) + (restTo.get(r.stopId) ?? 0);
    perVehicle.set(r.vehicleId, v);
  }

  const themeAtCounty = new Map<string, number>();
  for (const r of rows.filter((x) => x.setKind === 'roving_museum')) {
    const k = `${r.countyCode}\u0000${r.theme}`;
    themeAtCounty.set(k, (themeAtCounty.get(k) ?? 0) + 1);
  }
  const repeats = [...themeAtCounty.entries()].filter(([, n]) => n > 1).map(([k, n]) => {
    const [countyCode, theme] = k.split('\u0000');
    return { countyCode: countyCode!, theme: theme!, stays: n };
  });

  const requests = await db
    .select({ tier: t.venues.priorityTier, status: t.requests.status })
    .from(t.requests)
    .innerJoin(t.venues, eq(t.venues.id, t.requests.venueId))
    .where(and(eq(t.requests.regionId, regionId), lte(t.requests.windowStart, to), gte(t.requests.windowEnd, from), inArray(t.requests.status, ['approved', 'scheduled', 'confirmed', 'completed', 'unserved'])));
  const byTier = TIERS.map((tier) => {
    const mine = requests.filter((r) => r.tier === tier);
    const served = mine.filter((r) => r.status === 'scheduled' || r.status === 'confirmed' || r.status === 'completed').length;
    const unserved = mine.filter((r) => r.status === 'unserved').length;
    return { tier, served, unserved, pending: mine.length - served - unserved };
  });

  // The caravan targets of national practice (server/db/targets.ts), in proportion to the period.
  const periodDays = inclusiveDays(from, to);
  for (const v of perVehicle.values()) v.meetsTarget = v.caravan ? meetsCaravanTarget(v.daysOut, v.km, periodDays) : null;
  const caravanStops = rows.filter((r) => r.setKind === 'caravan_kit');
  const caravanBelow = caravanStops.filter((r) => isBelowCounty(r.level)).length;
  const townships = rows.filter((r) => r.level !== 'county').length;
  return {
    regionId,
    from,
    to,
    planId: plan?.id ?? null,
    stops: rows.length,
    activities: rows.reduce((s, r) => s + (r.activities ?? 1), 0),
    reportedStops: rows.filter((r) => r.attendance !== null).length,
    visitors: rows.reduce((s, r) => s + (r.attendance ?? 0), 0),
    photos: photoRows.reduce((s, p) => s + p.n, 0),
    stopsWithPhotos: photoRows.length,
    lockedReports: rows.filter((r) => r.lockedAt).length,
    kmDriven: Math.round(legs.reduce((s, l) => s + l.distanceM, 0) / 1000),
    countiesReached: counties.size,
    keyCountiesReached: keyReached,
    keyCountiesTotal: keyCounties.length,
    townshipShare: rows.length ? Math.round((townships / rows.length) * 1000) / 1000 : 0,
    caravanTownshipShare: caravanStops.length ? Math.round((caravanBelow / caravanStops.length) * 1000) / 1000 : null,
    caravanTargets: { ...caravanTargetFor(periodDays), townshipShare: CARAVAN_TARGETS.townshipShare },
    daysOutPerVehicle: [...perVehicle.values()].sort((a, b) => a.vehicleId - b.vehicleId),
    setsRepeatedAtCounty: repeats.length,
    repeatedSets: repeats,
    requestsByTier: byTier,
  };
}

/** The figures regionReport computes (the API shape is contract/reports.ts RegionReport). */
export type RegionFigures = Awaited<ReturnType<typeof regionReport>>;


/** The report as CSV (UTF-8 with BOM): section, key, value rows, for a spreadsheet. */
export function reportCsv(r: RegionFigures): string {
  const lines: unknown[][] = [
    ['section', 'key', 'value'],
    ['period', 'from', r.from],
    ['period', 'to', r.to],
    ['totals', 'stops', r.stops],
    ['totals', 'activities', r.activities],
    ['totals', 'visitors', r.visitors],
    ['totals', 'reported stops', r.reportedStops],
    ['totals', 'photos', r.photos],
    ['totals', 'stops with photos', r.stopsWithPhotos],
    ['totals', 'locked reports', r.lockedReports],
    ['totals', 'km driven', r.kmDriven],
    ['totals', 'counties reached', r.countiesReached],
    ['totals', 'key counties reached', r.keyCountiesReached],
    ['totals', 'key counties total', r.keyCountiesTotal],
    ['totals', 'township share', r.townshipShare],
    ['totals', 'sets repeated at a county', r.setsRepeatedAtCounty],
    ['caravan targets', 'days out (or km below)', r.caravanTargets.daysOut],
    ['caravan targets', 'km', r.caravanTargets.km],
    ['caravan targets', 'township and village share', r.caravanTargets.townshipShare],
    ['caravan targets', 'caravan township and village share', r.caravanTownshipShare ?? ''],
    ...r.daysOutPerVehicle.map((v) => ['days out', v.name, v.daysOut]),
    ...r.daysOutPerVehicle.map((v) => ['km', v.name, v.km]),
    ...r.daysOutPerVehicle.filter((v) => v.caravan).map((v) => ['caravan target met', v.name, v.meetsTarget ? 'yes' : 'no']),
    ...r.requestsByTier.flatMap((x) => [
      ['requests served', x.tier, x.served],
      ['requests unserved', x.tier, x.unserved],
    ]),
  ];
  return csvText(lines);
}
