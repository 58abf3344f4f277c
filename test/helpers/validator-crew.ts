import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';

// An independent check of the planning rules 1-4 and 7 (README, "Planning rules") on a plan,
// written apart from the planner (jobs/planning/) so that a bug there cannot hide itself here: its
// own distance formula, month arithmetic, leg days and working-day count. `checkCrewRules` judges
// plain data (a stored plan read by `validateCrewRules`, or a planner's output in a unit test).

export interface CrewRegion {
  roadFactor: number;
  averageSpeedKmh: number;
  noveltyMonths: number;
  kitNoveltyMonths: number;
  eveningLegMaxMinutes: number;
  dailyDriveMinutes: number;
  maxConsecutiveWorkDays: number;
  monthlySpeedKmh: readonly number[] | null;
}
interface Point {
  id: number;
  lng: number;
  lat: number;
}
export interface CrewVenue extends Point {
  countyCode: string;
  floorAreaM2: number;
  powerKw: number;
}
export interface CrewSet {
  id: number;
  kind: string;
  theme: string;
  footprintM2: number;
  powerKw: number;
  setupDays: number;
  teardownDays: number;
}
export interface CrewVehicle {
  id: number;
  homeCentreId: number;
  dailyDriveMinutes: number;
  setIds: readonly number[];
  availableFrom: string | null;
  availableUntil: string | null;
  /** The vehicle's own trip limit in days (null: the region's default, long enough here). */
  maxTripDays: number | null;
}
export interface CrewStay {
  id: number;
  vehicleId: number;
  exhibitSetId: number;
  venueId: number;
  requestId: number | null;
  startsOn: string;
  opensOn: string;
  closesOn: string;
  endsOn: string;
  /** Kept as it was (a fact or a promise): judged for novelty of others, not itself. */
  pinned: boolean;
}
export interface CrewLeg {
  vehicleId: number;
  /** Stay ids; null for the home centre. */
  from: number | null;
  to: number | null;
  distanceM: number;
  driveMinutes: number;
  restNights: number;
}
export interface CrewRequest {
  id: number;
  venueId: number;
  setKind: string;
  exhibitSetId: number | null;
  theme: string | null;
  windowStart: string;
  windowEnd: string;
  openDays: number;
}
export interface CrewPlan {
  region: CrewRegion;
  venues: readonly CrewVenue[];
  centres: readonly Point[];
  sets: readonly CrewSet[];
  vehicles: readonly CrewVehicle[];
  stays: readonly CrewStay[];
  legs: readonly CrewLeg[];
  /** Imported road distances keyed `venue:<id>|centre:<id>`. */
  road: ReadonlyMap<string, { distanceM: number; driveMinutes: number }>;
  /** Requests that should be served and are not in the plan (for idle vehicles). */
  unserved: readonly CrewRequest[];
  /** Stays outside this plan that count for novelty (history, other plan versions). */
  history: readonly CrewStay[];
  /** Sets and vehicles the region has lent out, and when (they cannot serve then; default none). */
  lentOut?: readonly { exhibitSetId: number | null; vehicleId: number | null; startsOn: string; endsOn: string }[];
}
export interface CrewProblem {
  rule: string;
  stayId: number | null;
  detail: string;
}

const DAY = 86_400_000;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const monthOf = (iso: string) => Number(iso.slice(5, 7));
/** The day `months` calendar months after iso, the day of month cut to the month's length. */
function plusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
const within = (a: CrewStay, b: CrewStay, months: number) => months > 0 && b.startsOn < plusMonths(a.endsOn, months) && a.startsOn < plusMonths(b.endsOn, months);

function greatCircle(a: Point, b: Point): number {
  const rad = (x: number) => (x * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Checks a plan against rules 1-4 and 7; empty when it keeps them all. */
export function checkCrewRules(plan: CrewPlan): CrewProblem[] {
  const out: CrewProblem[] = [];
  const bad = (rule: string, stayId: number | null, detail: string) => out.push({ rule, stayId, detail });
  const r = plan.region;
  const venue = new Map(plan.venues.map((v) => [v.id, v]));
  const centre = new Map(plan.centres.map((c) => [c.id, c]));
  const set = new Map(plan.sets.map((s) => [s.id, s]));
  const vehicles = new Map(plan.vehicles.map((v) => [v.id, v]));
  const stayById = new Map(plan.stays.map((s) => [s.id, s]));

  // Rule 7: one travel matrix, the imported road distances where present.
  const place = (key: string): Point => (key.startsWith('venue:') ? venue.get(Number(key.slice(6)))! : centre.get(Number(key.slice(7)))!);
  const baseLeg = (a: string, b: string) => {
    if (a === b) return { distanceM: 0, driveMinutes: 0 };
    const own = plan.road.get(`${a}|${b}`);
    if (own) return own;
    const distanceM = greatCircle(place(a), place(b)) * r.roadFactor;
    return { distanceM, driveMinutes: (distanceM / 1000 / r.averageSpeedKmh) * 60 };
  };
  // Rule 5 inside rule 1: the month's speed.
  const minutesIn = (base: number, month: number) => {
    const speed = r.monthlySpeedKmh?.[month - 1];
    return Math.round(speed ? (base * r.averageSpeedKmh) / speed : base);
  };
  // Rule 1: whole days of driving after a stay ending on `endsOn` (0: that evening).
  const daysOfLeg = (a: string, b: string, vehicle: CrewVehicle, endsOn: string) => {
    const daily = Math.min(vehicle.dailyDriveMinutes, r.dailyDriveMinutes);
    const base = baseLeg(a, b).driveMinutes;
    if (minutesIn(base, monthOf(endsOn)) <= r.eveningLegMaxMinutes) return 0;
    const next = new Date((dayNo(endsOn) + 1) * DAY).toISOString().slice(0, 10);
    return Math.ceil(minutesIn(base, monthOf(next)) / daily);
  };

  for (const leg of plan.legs) {
    const from = leg.from === null ? null : stayById.get(leg.from);
    const to = leg.to === null ? null : stayById.get(leg.to);
    const vehicle = vehicles.get(leg.vehicleId);
    if (!vehicle || (!from && !to)) continue;
    const home = `centre:${vehicle.homeCentreId}`;
    const a = from ? `venue:${from.venueId}` : home;
    const b = to ? `venue:${to.venueId}` : home;
    const expected = baseLeg(a, b);
    if (Math.abs(leg.distanceM - expected.distanceM) > Math.max(50, expected.distanceM * 0.01)) bad('travel-matrix', to?.id ?? from!.id, `${a}→${b}: stored ${leg.distanceM} m, expected ${Math.round(expected.distanceM)} m`);
    const dates = [from?.endsOn, to?.startsOn].filter((d): d is string => d !== undefined);
    if (!dates.some((d) => Math.abs(minutesIn(expected.driveMinutes, monthOf(d)) - leg.driveMinutes) <= 1)) bad('travel-matrix', to?.id ?? from!.id, `${a}→${b}: stored ${leg.driveMinutes} min`);
  }

  for (const vehicle of plan.vehicles) {
    const stays = plan.stays.filter((s) => s.vehicleId === vehicle.id).sort((x, y) => x.startsOn.localeCompare(y.startsOn));
    crewOfVehicle(plan, vehicle, stays, set, daysOfLeg, bad);
  }
  novelty(plan, venue, set, bad);
  idleVehicles(plan, venue, set, daysOfLeg, bad);
  return out;
}

type LegDays = (a: string, b: string, vehicle: CrewVehicle, endsOn: string) => number;
type Bad = (rule: string, stayId: number | null, detail: string) => void;

/**
 * Rules 1-3 along one vehicle's stays: the crew's day, its working days in a row, one set per trip.
 * Between two stays kept as they were (facts or promises, which may predate the rules) nothing is
 * judged, but their working days count towards the next stay's run.
 */
function crewOfVehicle(plan: CrewPlan, vehicle: CrewVehicle, stays: CrewStay[], set: Map<number, CrewSet>, daysOfLeg: LegDays, bad: Bad) {
  const N = plan.region.maxConsecutiveWorkDays;
  const home = `centre:${vehicle.homeCentreId}`;
  const direct = new Set(plan.legs.filter((l) => l.from !== null && l.to !== null).map((l) => `${l.from}>${l.to}`));
  let run = 0;
  stays.forEach((s, i) => {
    const st = set.get(s.exhibitSetId);
    if (!st) return;
    if (!vehicle.setIds.includes(s.exhibitSetId)) bad('vehicle-set', s.id, `vehicle ${vehicle.id} does not carry set ${s.exhibitSetId}`);
    const prev = stays[i - 1];
    // Two stays kept as they were are not the planner's doing.
    const judged = !s.pinned || !prev?.pinned;
    if (prev) {
      const a = `venue:${prev.venueId}`;
      const b = `venue:${s.venueId}`;
      const viaHome = !direct.has(`${prev.id}>${s.id}`);
      if (!viaHome && prev.exhibitSetId !== s.exhibitSetId) bad('set-change', s.id, `set ${prev.exhibitSetId} → ${s.exhibitSetId} without going home`);
      const driving = viaHome ? daysOfLeg(a, home, vehicle, prev.endsOn) + daysOfLeg(home, b, vehicle, prev.endsOn) : daysOfLeg(a, b, vehicle, prev.endsOn);
      const gap = dayNo(s.startsOn) - dayNo(prev.endsOn) - 1;
      if (gap < driving && judged) bad('crew-day', s.id, `${driving} driving day(s) after ${prev.endsOn}, starts ${s.startsOn}`);
      // Drive as soon as the stay ends, resting only when the run is full; a spare day rests the crew.
      let left = driving;
      for (let d = 0; d < gap; d++) {
        if (left > 0 && run < N) {
          run++;
          left--;
        } else run = 0;
      }
      if (run > N && judged) bad('rest', s.id, `${run} working days in a row before ${s.startsOn}`);
    } else run = 0;
    const length = dayNo(s.endsOn) - dayNo(s.startsOn) + 1;
    const open = dayNo(s.closesOn) - dayNo(s.opensOn) + 1;
    const roving = st.kind === 'roving_museum' && open > 0;
    const head = roving ? dayNo(s.opensOn) - dayNo(s.startsOn) : length;
    const tail = roving ? dayNo(s.endsOn) - dayNo(s.closesOn) : 0;
    // A roving set-up or tear-down longer than N days holds a rest day every N + 1 days.
    const phase = (from: number, days: number) => {
      let k = from;
      for (let d = 0; d < days; d++) k = k === N ? 0 : k + 1;
      return k;
    };
    if (roving && head > N) run = phase(run, head);
    else if (run + head > N && judged) bad('rest', s.id, `${run + head} working days in a row at ${s.startsOn}`);
    else run += head;
    if (roving) run = phase(0, tail);
  });
}

/** Rule 4: no roving theme twice at a county within N months; no kit twice at a venue within M months. */
function novelty(plan: CrewPlan, venue: Map<number, CrewVenue>, set: Map<number, CrewSet>, bad: Bad) {
  const all = [...plan.stays, ...plan.history];
  for (const s of plan.stays) {
    const st = set.get(s.exhibitSetId);
    const v = venue.get(s.venueId);
    if (!st || !v || s.pinned) continue;
    const caravan = st.kind === 'caravan_kit';
    const months = caravan ? plan.region.kitNoveltyMonths : plan.region.noveltyMonths;
    const clash = all.find((o) => {
      if (o.id === s.id || (o.requestId !== null && o.requestId === s.requestId) || (o.startsOn === s.startsOn && o.venueId === s.venueId)) return false;
      const os = set.get(o.exhibitSetId);
      if (!os || os.kind !== st.kind) return false;
      const same = caravan ? o.venueId === s.venueId && o.exhibitSetId === s.exhibitSetId : venue.get(o.venueId)?.countyCode === v.countyCode && os.theme === st.theme;
      return same && within(o, s, months);
    });
    if (clash) bad('novelty', s.id, `${caravan ? `kit ${st.id} at venue ${v.id}` : `${st.theme} in ${v.countyCode}`} again after ${clash.startsOn}`);
  }
}

/** Rule 3: no vehicle without a stay while a request it could serve alone is unserved. */
function idleVehicles(plan: CrewPlan, venue: Map<number, CrewVenue>, set: Map<number, CrewSet>, daysOfLeg: LegDays, bad: Bad) {
  const used = new Set(plan.stays.map((s) => s.vehicleId));
  for (const vehicle of plan.vehicles) {
    if (used.has(vehicle.id)) continue;
    for (const q of plan.unserved) {
      const v = venue.get(q.venueId);
      if (!v) continue;
      const fits = vehicle.setIds.some((id) => {
        const st = set.get(id);
        if (!st || st.kind !== q.setKind || (q.exhibitSetId !== null && q.exhibitSetId !== id) || (q.theme && q.theme !== st.theme)) return false;
        if (st.footprintM2 > v.floorAreaM2 || st.powerKw > v.powerKw) return false;
        const probe = { id: Number.MIN_SAFE_INTEGER, vehicleId: vehicle.id, exhibitSetId: id, venueId: v.id, requestId: null, startsOn: q.windowStart, opensOn: q.windowStart, closesOn: q.windowEnd, endsOn: q.windowEnd, pinned: false };
        const seen: CrewProblem[] = [];
        novelty({ ...plan, stays: [probe] }, venue, set, (rule, stayId, detail) => seen.push({ rule, stayId, detail }));
        if (seen.length > 0) return false;
        const out = daysOfLeg(`centre:${vehicle.homeCentreId}`, `venue:${v.id}`, vehicle, q.windowStart);
        const back = daysOfLeg(`venue:${v.id}`, `centre:${vehicle.homeCentreId}`, vehicle, q.windowEnd);
        const from = vehicle.availableFrom && vehicle.availableFrom > q.windowStart ? vehicle.availableFrom : q.windowStart;
        const until = vehicle.availableUntil && vehicle.availableUntil < q.windowEnd ? vehicle.availableUntil : q.windowEnd;
        // A generous margin: the stay's days, the legs, and a week for open days and holidays, in
        // days the venue is free of other stays.
        const length = st.setupDays + q.openDays + st.teardownDays;
        const taken = [...plan.stays.filter((o) => o.venueId === v.id), ...(plan.lentOut ?? []).filter((l) => l.exhibitSetId === id || l.vehicleId === vehicle.id)];
        let best = 0;
        let run = 0;
        for (let d = dayNo(from); d <= dayNo(until); d++) {
          const busy = taken.some((o) => dayNo(o.startsOn) <= d && d <= dayNo(o.endsOn));
          run = busy ? 0 : run + 1;
          best = Math.max(best, run);
        }
        // A trip (out, the stay, back) longer than the vehicle's trip limit is not one it may make.
        if (vehicle.maxTripDays !== null && length + out + back > vehicle.maxTripDays) return false;
        return best >= length + 7 && dayNo(until) - dayNo(from) + 1 >= length + out + back + 7;
      });
      if (fits) {
        bad('idle-vehicle', null, `vehicle ${vehicle.id} is idle while request ${q.id} is unserved`);
        break;
      }
    }
  }
}

/** Reads a stored plan and checks it against rules 1-4 and 7. */
export async function validateCrewRules(db: DbOrTx, planId: number): Promise<CrewProblem[]> {
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.id, planId));
  if (!plan) throw new Error(`no plan ${planId}`);
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, plan.regionId));
  const stays = await db.select().from(t.stops).where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled')));
  const vehicles = await db.select().from(t.vehicles).where(eq(t.vehicles.regionId, plan.regionId));
  const carries = await db.select().from(t.vehicleSets);
  const tours = await db.select().from(t.tours).where(eq(t.tours.planId, planId));
  const tourVehicle = new Map(tours.map((x) => [x.id, x.vehicleId]));
  const legs = tours.length ? await db.select().from(t.legs).where(inArray(t.legs.tourId, tours.map((x) => x.id))) : [];
  const road = await db.select().from(t.roadDistances).where(eq(t.roadDistances.regionId, plan.regionId));
  const others = await db
    .select({ stop: t.stops })
    .from(t.stops)
    .innerJoin(t.plans, eq(t.plans.id, t.stops.planId))
    .where(and(eq(t.plans.regionId, plan.regionId), inArray(t.plans.status, ['published', 'superseded']), ne(t.stops.status, 'cancelled'), ne(t.stops.planId, planId)));
  const servedRequests = new Set([...stays, ...others.map((o) => o.stop)].map((s) => s.requestId));
  const requests = await db.select().from(t.requests).where(and(eq(t.requests.regionId, plan.regionId), inArray(t.requests.status, ['approved', 'scheduled', 'unserved'])));
  // A plan serves only within its horizon (a re-plan's draft starts on its re-plan day): an
  // unserved request's window counts from the horizon's first day to its last.
  const inHorizon = requests
    .filter((q) => q.windowStart <= plan.horizonEnd && q.windowEnd >= plan.horizonStart && !servedRequests.has(q.id))
    .map((q) => ({ ...q, windowStart: q.windowStart < plan.horizonStart ? plan.horizonStart : q.windowStart, windowEnd: q.windowEnd > plan.horizonEnd ? plan.horizonEnd : q.windowEnd }));
  return checkCrewRules({
    region: region!,
    venues: await db.select().from(t.venues).where(eq(t.venues.regionId, plan.regionId)),
    centres: await db.select().from(t.centres).where(eq(t.centres.regionId, plan.regionId)),
    sets: await db.select().from(t.exhibitSets).where(eq(t.exhibitSets.regionId, plan.regionId)),
    vehicles: vehicles.map((v) => ({ ...v, setIds: carries.filter((c) => c.vehicleId === v.id).map((c) => c.exhibitSetId) })),
    stays,
    legs: legs.map((l) => ({ vehicleId: tourVehicle.get(l.tourId)!, from: l.fromStopId, to: l.toStopId, distanceM: l.distanceM, driveMinutes: l.driveMinutes, restNights: l.restNights })),
    road: new Map(road.map((x) => [`${x.fromPlace}|${x.toPlace}`, x])),
    unserved: inHorizon,
    history: others.map((o) => o.stop),
    lentOut: await db.select().from(t.loans).where(and(eq(t.loans.lenderRegionId, plan.regionId), isNull(t.loans.withdrawnAt))),
  });
}
