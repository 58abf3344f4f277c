import { DateTime } from 'luxon';
import type { DbOrTx } from '../db/client.js';
import { publishedPlan } from '../db/queries/plans.js';
import { keyCountyCodes, legsOfStays, periodRequests, periodStays, photoCounts, planLegs } from '../db/queries/reports.js';
import { CARAVAN_TARGETS, caravanTargetFor, isBelowCounty, meetsCaravanTarget } from '../db/targets.js';
import { csvText } from './csv.js';

const TIERS = ['key', 'former_poverty', 'other'] as const;
const day = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const inclusiveDays = (a: string, b: string) => Math.round(day(b).diff(day(a), 'days').days) + 1;

/** A region's stays touching a period (inclusive days) in its published plan, the legs counted with them, and its key counties. */
export async function periodFacts(db: DbOrTx, regionId: number, from: string, to: string) {
  const plan = await publishedPlan(db, regionId);
  const rows = plan ? await periodStays(db, plan.id, from, to) : [];
  const stopIds = rows.map((r) => r.stopId);
  const legs = plan && stopIds.length ? legsOfStays(await planLegs(db, plan.id), stopIds) : [];
  return { planId: plan?.id ?? null, rows, legs, keyCounties: await keyCountyCodes(db, regionId) };
}

/** The figures both reports count alike: activities (1 per stay not yet reported), visitors, road km and key counties reached. */
export function coreFigures(f: Awaited<ReturnType<typeof periodFacts>>) {
  const counties = new Set(f.rows.map((r) => r.countyCode));
  return {
    stops: f.rows.length,
    activities: f.rows.reduce((s, r) => s + (r.activities ?? 1), 0),
    visitors: f.rows.reduce((s, r) => s + (r.attendance ?? 0), 0),
    kmDriven: Math.round(f.legs.reduce((s, l) => s + l.distanceM, 0) / 1000),
    countiesReached: counties.size,
    keyCountiesReached: f.keyCounties.filter((k) => counties.has(k)).length,
    keyCountiesTotal: f.keyCounties.length,
  };
}

/**
 * What a centre reports upward for a region and period (inclusive days), from the published plan:
 * stays touching the period, their visit reports and legs, and the requests whose window touches it.
 */
export async function regionReport(db: DbOrTx, regionId: number, from: string, to: string) {
  const facts = await periodFacts(db, regionId, from, to);
  const { rows, legs } = facts;
  // Photos of the period's stays, per stay (proof of visit).
  const photoRows = await photoCounts(db, rows.map((r) => r.stopId));
  const restTo = new Map(legs.filter((l) => l.toStopId !== null).map((l) => [l.toStopId!, l.restNights]));

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

  const requests = await periodRequests(db, regionId, from, to);
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
  const core = coreFigures(facts);
  return {
    regionId,
    from,
    to,
    planId: facts.planId,
    stops: core.stops,
    activities: core.activities,
    reportedStops: rows.filter((r) => r.attendance !== null).length,
    visitors: core.visitors,
    photos: photoRows.reduce((s, p) => s + p.n, 0),
    stopsWithPhotos: photoRows.length,
    lockedReports: rows.filter((r) => r.lockedAt).length,
    kmDriven: core.kmDriven,
    countiesReached: core.countiesReached,
    keyCountiesReached: core.keyCountiesReached,
    keyCountiesTotal: core.keyCountiesTotal,
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
