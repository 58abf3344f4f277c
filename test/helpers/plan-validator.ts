import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';

// An independent check of a stored plan, written apart from the planner (jobs/planning/) so that
// a bug there cannot hide itself here: its own great-circle formula, its own holiday lookup, its
// own date arithmetic. It reads only the database.

const require = createRequire(import.meta.url);
const holidayData = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const dataYears = new Set(Object.keys(holidayData.holidays).map((d) => d.slice(0, 4)));

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const weekday = (iso: string) => ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Statutory days off in a year the data does not cover (the same rule the law sets). */
function statutoryDays(year: number): Set<string> {
  const out = new Set<string>();
  const add = (iso: string, n: number) => {
    for (let i = 0; i < n; i++) out.add(isoOf(dayNo(iso) + i));
  };
  add(`${year}-01-01`, 1);
  add(isoOf(dayNo(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date) - 1), 4);
  const qm = chineseDays.getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((x) => x.term === 'pure_brightness');
  if (qm) add(qm.date, 1);
  add(`${year}-05-01`, 2);
  add(chineseDays.getSolarDateFromLunar(`${year}-05-05`).date, 1);
  add(chineseDays.getSolarDateFromLunar(`${year}-08-15`).date, 1);
  add(`${year}-10-01`, 3);
  return out;
}
const statutory = new Map<number, Set<string>>();
export function isPublicHoliday(iso: string): boolean {
  if (dataYears.has(iso.slice(0, 4))) return iso in holidayData.holidays;
  const y = Number(iso.slice(0, 4));
  if (!statutory.has(y)) statutory.set(y, statutoryDays(y));
  return statutory.get(y)!.has(iso);
}
const isMakeup = (iso: string) => iso in holidayData.workdays;

/** Haversine distance in metres on a sphere of the mean Earth radius. */
function haversine(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
  const r = (x: number) => (x * Math.PI) / 180;
  const dLat = r(b.lat - a.lat);
  const dLng = r(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

export interface PlanProblem {
  rule: string;
  stopId: number;
  detail: string;
}

/** Every rule the stored plan breaks; empty when it is sound. */
export async function validateStoredPlan(db: DbOrTx, planId: number): Promise<PlanProblem[]> {
  const problems: PlanProblem[] = [];
  const bad = (rule: string, stopId: number, detail: string) => problems.push({ rule, stopId, detail });
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.id, planId));
  if (!plan) throw new Error(`no plan ${planId}`);
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, plan.regionId));
  const stops = (await db.select().from(t.stops).where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled')))).sort((a, b) =>
    a.startsOn.localeCompare(b.startsOn),
  );
  const venues = new Map((await db.select().from(t.venues).where(eq(t.venues.regionId, plan.regionId))).map((v) => [v.id, v]));
  const sets = new Map((await db.select().from(t.exhibitSets)).map((s) => [s.id, s]));
  const vehicles = new Map((await db.select().from(t.vehicles)).map((v) => [v.id, v]));
  const carries = new Set((await db.select().from(t.vehicleSets)).map((c) => `${c.vehicleId}:${c.exhibitSetId}`));
  const reqIds = stops.map((s) => s.requestId).filter((x): x is number => x !== null);
  const requests = new Map((reqIds.length ? await db.select().from(t.requests).where(inArray(t.requests.id, reqIds)) : []).map((r) => [r.id, r]));
  const blackouts = await db.select().from(t.venueBlackouts);
  const closures = await db.select().from(t.regionClosures).where(eq(t.regionClosures.regionId, plan.regionId));

  // 1. No two stays of one vehicle, one set or one venue overlap.
  for (const key of ['vehicleId', 'exhibitSetId', 'venueId'] as const) {
    const groups = new Map<number, typeof stops>();
    for (const s of stops) groups.set(s[key], [...(groups.get(s[key]) ?? []), s]);
    for (const list of groups.values())
      for (let i = 1; i < list.length; i++)
        if (list[i]!.startsOn <= list[i - 1]!.endsOn) bad(`overlap-${key}`, list[i]!.id, `${list[i - 1]!.startsOn}..${list[i - 1]!.endsOn} vs ${list[i]!.startsOn}`);
  }

  // 2. Each vehicle can drive from one stay to the next: the drive (and rest nights) fits between
  //    17:00 of the last day and 08:00 of the next stay's first day.
  const byVehicle = new Map<number, typeof stops>();
  for (const s of stops) byVehicle.set(s.vehicleId, [...(byVehicle.get(s.vehicleId) ?? []), s]);
  for (const [vehicleId, list] of byVehicle) {
    const vehicle = vehicles.get(vehicleId)!;
    for (let i = 1; i < list.length; i++) {
      const a = venues.get(list[i - 1]!.venueId)!;
      const b = venues.get(list[i]!.venueId)!;
      // Driving time in whole minutes, the unit plans are made in (a leg of 480.4 minutes is 480).
      const drive = Math.round(((haversine(a, b) * region!.roadFactor) / 1000 / region!.averageSpeedKmh) * 60);
      const nights = Math.max(0, Math.ceil(drive / vehicle.dailyDriveMinutes) - 1);
      const need = drive + nights * (1440 - vehicle.dailyDriveMinutes);
      const have = (dayNo(list[i]!.startsOn) - dayNo(list[i - 1]!.endsOn)) * 1440 - 540;
      if (need > have + 2) bad('travel-time', list[i]!.id, `needs ${Math.round(need)} min from ${a.name}, has ${have}`);
    }
  }
  // 2b. And the stored legs agree: distances match the points, and each leg's time fits.
  const tours = await db.select().from(t.tours).where(eq(t.tours.planId, planId));
  const tourVehicle = new Map(tours.map((x) => [x.id, x.vehicleId]));
  const legs = tours.length ? await db.select().from(t.legs).where(inArray(t.legs.tourId, tours.map((x) => x.id))) : [];
  const stopById = new Map(stops.map((s) => [s.id, s]));
  for (const leg of legs) {
    if (leg.fromStopId === null || leg.toStopId === null) continue;
    const from = stopById.get(leg.fromStopId);
    const to = stopById.get(leg.toStopId);
    if (!from || !to) continue;
    const expected = haversine(venues.get(from.venueId)!, venues.get(to.venueId)!) * region!.roadFactor;
    if (Math.abs(leg.distanceM - expected) > Math.max(50, expected * 0.01)) bad('leg-distance', to.id, `stored ${leg.distanceM} m, expected ${Math.round(expected)} m`);
    const vehicle = vehicles.get(tourVehicle.get(leg.tourId)!)!;
    const need = leg.driveMinutes + leg.restNights * (1440 - vehicle.dailyDriveMinutes);
    const have = (dayNo(to.startsOn) - dayNo(from.endsOn)) * 1440 - 540;
    if (need > have) bad('leg-time', to.id, `leg needs ${need} min, has ${have}`);
  }

  for (const s of stops) {
    const venue = venues.get(s.venueId)!;
    const set = sets.get(s.exhibitSetId)!;
    // 3. The vehicle carries the set; the set fits the venue.
    if (!carries.has(`${s.vehicleId}:${s.exhibitSetId}`)) bad('vehicle-set', s.id, `vehicle ${s.vehicleId} does not carry set ${s.exhibitSetId}`);
    if (set.footprintM2 > venue.floorAreaM2 || set.powerKw > venue.powerKw) bad('compatibility', s.id, `${set.code} at ${venue.name}`);
    // 4. Inside the request's window, with the asked open days and the set's set-up and tear-down.
    const req = s.requestId !== null ? requests.get(s.requestId) : undefined;
    if (req && !s.pinned) {
      if (s.startsOn < req.windowStart || s.endsOn > req.windowEnd) bad('window', s.id, `${s.startsOn}..${s.endsOn} outside ${req.windowStart}..${req.windowEnd}`);
      if (dayNo(s.closesOn) - dayNo(s.opensOn) + 1 !== req.openDays) bad('open-days', s.id, `open ${s.opensOn}..${s.closesOn}, asked ${req.openDays}`);
      if (req.setKind !== set.kind) bad('kind', s.id, `${set.kind} for a ${req.setKind} request`);
    }
    // A set-up takes at least the set's days: the planner gives it those of the longest set that
    // suits the request (its crew's rest may fall inside); the tear-down takes the set's days.
    if (!s.pinned && (dayNo(s.opensOn) - dayNo(s.startsOn) < set.setupDays || dayNo(s.endsOn) - dayNo(s.closesOn) !== set.teardownDays)) bad('phases', s.id, `${s.startsOn}/${s.opensOn}/${s.closesOn}/${s.endsOn}`);
    // 5. Blackouts and closures never; holidays never on a caravan day; a roving set-up starts on a working day.
    for (let d = dayNo(s.startsOn); d <= dayNo(s.endsOn); d++) {
      const iso = isoOf(d);
      if (blackouts.some((b) => b.venueId === venue.id && b.startsOn <= iso && iso <= b.endsOn)) bad('blackout', s.id, iso);
      if (closures.some((c) => c.startsOn <= iso && iso <= c.endsOn && (c.venueKinds === null || c.venueKinds.includes(venue.kind)))) bad('closure', s.id, iso);
      if (set.kind === 'caravan_kit' && !s.pinned) {
        if (isPublicHoliday(iso)) bad('holiday', s.id, iso);
        const wd = weekday(iso);
        if (!venue.openWeekdays.includes(wd) && !(isMakeup(iso) && venue.openWeekdays.includes(1))) bad('closed-day', s.id, iso);
      }
    }
    if (set.kind === 'roving_museum' && !s.pinned) {
      const first = s.startsOn;
      if (isPublicHoliday(first) || (weekday(first) > 5 && !isMakeup(first))) bad('setup-day', s.id, first);
    }
  }

  // 6. Novelty: no county sees a roving theme twice within the region's novelty period (this
  //    plan's stays and every stay the region's published and superseded plans hold).
  const months = region!.noveltyMonths;
  const history = await db
    .select({ id: t.stops.id, venueId: t.stops.venueId, exhibitSetId: t.stops.exhibitSetId, startsOn: t.stops.startsOn, planId: t.stops.planId, requestId: t.stops.requestId })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .where(and(eq(t.plans.regionId, plan.regionId), inArray(t.plans.status, ['published', 'superseded']), ne(t.stops.status, 'cancelled')));
  const all = [...stops.map((s) => ({ ...s, planId })), ...history.filter((h) => h.planId !== planId)];
  const roving = all.filter((s) => sets.get(s.exhibitSetId)?.kind === 'roving_museum');
  for (const s of stops) {
    const set = sets.get(s.exhibitSetId)!;
    if (set.kind !== 'roving_museum' || s.pinned) continue;
    const county = venues.get(s.venueId)!.countyCode;
    const clash = roving.find(
      (o) =>
        o.id !== s.id &&
        // The same visit as another plan holds it (a re-plan moves it) is not a repeat.
        !(o.requestId !== null && o.requestId === s.requestId) &&
        !(o.startsOn === s.startsOn && o.venueId === s.venueId) &&
        venues.get(o.venueId)?.countyCode === county &&
        sets.get(o.exhibitSetId)!.theme === set.theme &&
        Math.abs(dayNo(o.startsOn) - dayNo(s.startsOn)) < months * 30.4,
    );
    if (clash) bad('novelty', s.id, `${county} had ${set.theme} from ${clash.startsOn}`);
  }
  return problems;
}
