import { and, asc, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import { tripDaysOf } from '../../server/db/trip-days.js';
import { dailyLimit, legDays, restNights } from './crew.js';
import { withRests } from '../solver/index.js';
import { DayClock, venueDays, type VenueDays } from './days.js';
import { HolidayCalendar } from './calendar.js';
import { daysBetween } from './days.js';
import { setFits, type Misfit, type RequestWish } from './fits.js';
import { loadPlanningFacts } from './load.js';
import type { HorizonFrame } from './model.js';
import { withinNoveltyPeriod } from './novelty.js';
import { centrePlace, driveOn, legBetween, venuePlace, type Place } from './travel.js';
import type { SetFacts, VehicleFacts, VenueFacts } from './types.js';

// Checks a plan's stays against the planner's own rules, after a hand edit: the solver's plan mode
// for travel time and windows, plus the domain rules it encodes (compatibility, novelty,
// maintenance, set-up and stay lengths). Violations carry a kind and the parameters a message needs;
// the words are server/i18n/planning.ts's (violationWords).

export type ViolationKind =
  | 'travel_time'
  | 'work_days'
  | 'outside_request_window'
  | 'holiday'
  | 'blackout'
  | 'region_closure'
  | 'venue_closed_day'
  | 'setup_not_workday'
  | 'vehicle_unavailable'
  | 'maintenance'
  | 'incompatible_set'
  | 'venue_too_small'
  | 'venue_power_too_low'
  | 'wrong_set_kind'
  | 'not_requested_set'
  | 'wrong_theme'
  | 'novelty'
  | 'setup_too_short'
  | 'stay_length';

export interface PlanViolation {
  kind: ViolationKind;
  stopId: number;
  params: Record<string, unknown>;
}

type StopRow = typeof t.stops.$inferSelect;

/** What the checks read: the plan's facts, loaded once (`checkContext`) and reused across checks. */
export interface Context extends HorizonFrame {
  venue: Map<number, VenueFacts>;
  set: Map<number, SetFacts>;
  vehicle: Map<number, VehicleFacts>;
  venueDays: Map<number, VenueDays>;
  /** This plan's own roving stays, for novelty between stays of one plan. */
  planThemes: { stopId: number; countyCode: string; theme: string; startsOn: string; endsOn: string }[];
}

/** A roving stay's county and theme, as novelty between stays of one plan compares them; null for other stays. */
export function planThemeOf(ctx: Pick<Context, 'venue' | 'set'>, s: Pick<StopRow, 'id' | 'venueId' | 'exhibitSetId' | 'startsOn' | 'endsOn'>): Context['planThemes'][number] | null {
  const set = ctx.set.get(s.exhibitSetId);
  const venue = ctx.venue.get(s.venueId);
  if (!set || !venue || set.kind !== 'roving_museum') return null;
  return { stopId: s.id, countyCode: venue.countyCode, theme: set.theme, startsOn: s.startsOn, endsOn: s.endsOn };
}

/** Loads what checking a plan's stays needs, once (the checked edit, and the board's feasible days, reuse it). */
export async function checkContext(db: DbOrTx, planId: number): Promise<{ ctx: Context; plan: typeof t.plans.$inferSelect }> {
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.id, planId));
  if (!plan) throw new Error(`plan ${planId} not found`);
  const facts = await loadPlanningFacts(db, { regionId: plan.regionId, horizonStart: plan.horizonStart, horizonEnd: plan.horizonEnd });
  const clock = new DayClock(plan.horizonStart);
  // Calendar rules are checked over the plan's horizon; days an edit pushes past it are checked
  // against the request's window only.
  const days = clock.index(plan.horizonEnd) + 1;
  const calendar = new HolidayCalendar(facts.holidays);
  const ctx: Context = {
    facts,
    clock,
    days,
    calendar,
    venue: new Map(facts.venues.map((v) => [v.id, v])),
    set: new Map(facts.sets.map((s) => [s.id, s])),
    vehicle: new Map(facts.vehicles.map((v) => [v.id, v])),
    venueDays: new Map(),
    planThemes: [],
  };
  const own = await db
    .select({ stopId: t.stops.id, countyCode: t.venues.countyCode, theme: t.exhibitSets.theme, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn })
    .from(t.stops)
    .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.stops.exhibitSetId))
    .where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled'), eq(t.exhibitSets.kind, 'roving_museum')));
  ctx.planThemes = own;
  return { ctx, plan };
}

function daysOfVenue(ctx: Context, venue: VenueFacts): VenueDays {
  let vd = ctx.venueDays.get(venue.id);
  if (!vd) ctx.venueDays.set(venue.id, (vd = venueDays(ctx.clock, ctx.days, venue, ctx.facts.closures, ctx.calendar)));
  return vd;
}

/**
 * Checks the stays of the given vehicles in a plan (as the database holds them now, e.g. inside the
 * transaction of an edit) and returns every rule they break; empty when the plan is sound.
 */
export async function validatePlanVehicles(db: DbOrTx, planId: number, vehicleIds: number[]): Promise<PlanViolation[]> {
  const ids = [...new Set(vehicleIds)];
  if (ids.length === 0) return [];
  const { ctx } = await checkContext(db, planId);
  const stops = await db
    .select()
    .from(t.stops)
    .where(and(eq(t.stops.planId, planId), inArray(t.stops.vehicleId, ids), ne(t.stops.status, 'cancelled')))
    .orderBy(asc(t.stops.startsOn));
  const requestRows = await requestsOf(db, stops);
  const violations: PlanViolation[] = [];
  for (const vehicleId of ids) violations.push(...checkVehicle(ctx, vehicleId, stops.filter((s) => s.vehicleId === vehicleId), requestRows));
  return violations;
}

/** The requests behind some stays, by id (the window rule reads them). */
export async function requestsOf(db: DbOrTx, stops: Pick<StopRow, 'requestId'>[]) {
  const ids = stops.map((s) => s.requestId).filter((x): x is number => x !== null);
  const rows = ids.length ? await db.select().from(t.requests).where(inArray(t.requests.id, ids)) : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every rule one vehicle's stays (in date order) break, over a loaded context; pure. */
export function checkVehicle(ctx: Context, vehicleId: number, stops: StopRow[], requests: Map<number, typeof t.requests.$inferSelect>): PlanViolation[] {
  const out: PlanViolation[] = [];
  const vehicle = ctx.vehicle.get(vehicleId);
  const c = ctx.clock;
  if (!vehicle) return out;
  const carried = new Set(vehicle.setIds);

  // Domain rules the solver does not see.
  for (const s of stops) {
    const set = ctx.set.get(s.exhibitSetId);
    const venue = ctx.venue.get(s.venueId);
    if (!set || !venue) continue;
    const req = s.requestId !== null ? requests.get(s.requestId) : undefined;
    if (!carried.has(set.id)) out.push({ kind: 'incompatible_set', stopId: s.id, params: { set: set.name, vehicle: vehicle.name, carries: vehicle.setIds.map((id) => ctx.set.get(id)?.name ?? String(id)).join(', ') } });
    const misfit = setFits(set, venue, req);
    if (misfit) out.push({ kind: MISFIT_KIND[misfit], stopId: s.id, params: misfitParams(set, venue, req) });
    if (set.kind === 'roving_museum') {
      const months = ctx.facts.region.noveltyMonths;
      const clash = [...ctx.facts.history, ...ctx.planThemes.filter((h) => h.stopId !== s.id)].find(
        (h) =>
          h.countyCode === venue.countyCode &&
          h.theme === set.theme &&
          // The same dates at the same county and theme are this very stay (history holds published stays).
          !(h.startsOn === s.startsOn && h.endsOn === s.endsOn) &&
          withinNoveltyPeriod(h, s, months),
      );
      if (clash) out.push({ kind: 'novelty', stopId: s.id, params: { county: venue.countyName, theme: set.theme, months, lastStart: clash.startsOn } });
    }
    const setupDays = c.index(s.opensOn) - c.index(s.startsOn);
    if (setupDays < set.setupDays) out.push({ kind: 'setup_too_short', stopId: s.id, params: { days: setupDays, needed: set.setupDays } });
    const openDays = c.index(s.closesOn) - c.index(s.opensOn) + 1;
    if (openDays < set.minStayDays || openDays > set.maxStayDays) {
      out.push({ kind: 'stay_length', stopId: s.id, params: { days: openDays, min: set.minStayDays, max: set.maxStayDays } });
    }
    for (const [a, b] of [...vehicle.maintenance, ...set.maintenance]) {
      if (a <= s.endsOn && b >= s.startsOn) out.push({ kind: 'maintenance', stopId: s.id, params: { from: a, to: b } });
    }
    if ((vehicle.availableFrom && s.startsOn < vehicle.availableFrom) || (vehicle.availableUntil && s.endsOn > vehicle.availableUntil)) {
      out.push({ kind: 'vehicle_unavailable', stopId: s.id, params: { vehicle: vehicle.name, from: vehicle.availableFrom, until: vehicle.availableUntil } });
    }
    out.push(...dayRules(ctx, s, set, venue, req));
  }

  const home = ctx.facts.centres.find((x) => x.id === vehicle.homeCentreId);
  if (home && stops.length > 0) out.push(...crewDays(ctx, vehicle, home, stops));
  return out;
}

/**
 * The crew's day and rest (rules 1 and 2) between the vehicle's stays in date order, over the
 * region's one travel matrix at each leg's date: the next stay starts on end + 1 after an evening
 * leg, else end + 1 + its driving days; at most the region's working days in a row (a caravan crew
 * works every stay and driving day, a roving-museum crew its set-up, tear-down and driving days),
 * a day without work resting it.
 */
function crewDays(ctx: Context, vehicle: VehicleFacts, home: { id: number; lng: number; lat: number }, stops: StopRow[]): PlanViolation[] {
  const out: PlanViolation[] = [];
  const region = ctx.facts.region;
  const daily = dailyLimit(vehicle, region);
  const maxRun = region.maxConsecutiveWorkDays;
  let run = 0;
  let place: Place = centrePlace(home);
  let free = -Infinity; // first day the crew may work at the next place (day number)
  stops.forEach((s, i) => {
    const prev = stops[i - 1];
    const venue = ctx.venue.get(s.venueId);
    const set = ctx.set.get(s.exhibitSetId);
    if (!venue || !set) return;
    const to = venuePlace(venue);
    const leg = legBetween(place, to, ctx.facts);
    const start = daysBetween('2000-01-01', s.startsOn);
    if (prev) {
      const days = legDays(driveOn(leg, region, prev.endsOn), daily, region.eveningLegMaxMinutes);
      const earliest = free + days;
      if (start < earliest) out.push({ kind: 'travel_time', stopId: s.id, params: { ...travelParams(ctx, prev, s), lateDays: earliest - start } });
      // Driving days follow the stay; a day between them and the next stay rests the crew.
      run = start > earliest ? 0 : run + days;
    }
    const setup = daysBetween(s.startsOn, s.opensOn);
    const open = daysBetween(s.opensOn, s.closesOn) + 1;
    const length = daysBetween(s.startsOn, s.endsOn) + 1;
    const roving = set.kind === 'roving_museum' && open > 0;
    const head = roving ? setup : length;
    // A roving set-up or tear-down longer than the limit holds rest days (withRests, as the planner).
    const afterHead = roving ? withRests(run, head, maxRun, 1) : run + head <= maxRun ? run + head : Infinity;
    if (afterHead === Infinity) out.push({ kind: 'work_days', stopId: s.id, params: { days: run + head, max: maxRun } });
    run = roving ? withRests(0, length - setup - open, maxRun, 1) : afterHead === Infinity ? 0 : afterHead;
    free = start + length;
    place = to;
  });
  return out;
}

function travelParams(ctx: Context, prev: StopRow | undefined, stop: StopRow) {
  return {
    from: prev ? ctx.venue.get(prev.venueId)?.name : null,
    to: ctx.venue.get(stop.venueId)?.name,
    prevEndsOn: prev?.endsOn ?? null,
    startsOn: stop.startsOn,
  };
}

/**
 * The set a stay takes when the board moves it to another vehicle (rule 8): its own if that vehicle
 * carries it; for a caravan stay, else a kit the vehicle carries that the stay's request accepts and
 * the venue fits, free on the stay's days if one is; failing that its own (the check then names the
 * sets the vehicle carries).
 */
export async function setForVehicle(db: DbOrTx, planId: number, stop: Pick<StopRow, 'id' | 'exhibitSetId' | 'venueId' | 'requestId' | 'startsOn' | 'endsOn'>, vehicleId: number): Promise<number> {
  const choices = await setChoices(db, stop, vehicleId);
  if (choices.length === 1) return choices[0]!;
  const busy = await db
    .select({ setId: t.stops.exhibitSetId })
    .from(t.stops)
    .where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled'), ne(t.stops.id, stop.id), inArray(t.stops.exhibitSetId, choices), lte(t.stops.startsOn, stop.endsOn), gte(t.stops.endsOn, stop.startsOn)));
  return firstFreeSet(choices, new Set(busy.map((b) => b.setId)));
}

/** The sets `setForVehicle` chooses among, before the days are known: one (it is the answer), or the fitting kits in order. */
export async function setChoices(db: DbOrTx, stop: Pick<StopRow, 'exhibitSetId' | 'venueId' | 'requestId'>, vehicleId: number): Promise<number[]> {
  const carried = await db
    .select({ set: t.exhibitSets })
    .from(t.vehicleSets)
    .innerJoin(t.exhibitSets, eq(t.exhibitSets.id, t.vehicleSets.exhibitSetId))
    .where(eq(t.vehicleSets.vehicleId, vehicleId))
    .orderBy(asc(t.exhibitSets.id));
  if (carried.some((c) => c.set.id === stop.exhibitSetId)) return [stop.exhibitSetId];
  const [own] = await db.select().from(t.exhibitSets).where(eq(t.exhibitSets.id, stop.exhibitSetId));
  if (!own) return [stop.exhibitSetId];
  const [venue] = await db.select().from(t.venues).where(eq(t.venues.id, stop.venueId));
  const [request] = stop.requestId !== null ? await db.select().from(t.requests).where(eq(t.requests.id, stop.requestId)) : [];
  return setChoicesOf(
    carried.map((c) => ({ ...c.set, maintenance: [] })),
    { ...own, maintenance: [] },
    venue,
    request,
  );
}

/** `setChoices` over loaded facts (the carried sets in id order), pure. */
export function setChoicesOf(carried: SetFacts[], own: SetFacts, venue: Pick<VenueFacts, 'floorAreaM2' | 'powerKw'> | undefined, request: RequestWish | undefined): number[] {
  if (carried.some((c) => c.id === own.id)) return [own.id];
  // A roving stay is its set (the theme the county gets): it moves only to a truck carrying it.
  if (!venue || own.kind !== 'caravan_kit') return [own.id];
  const wish = request ?? { setKind: own.kind, exhibitSetId: null, theme: null };
  const fitting = carried.filter((s) => s.kind === own.kind && !setFits(s, venue, wish));
  return fitting.length ? fitting.map((s) => s.id) : [own.id];
}

/** The sets a vehicle carries that may serve a request at its venue (rule 8), in id order; over a loaded context. */
export function fittingSetsOf(ctx: Pick<Context, 'vehicle' | 'set' | 'venue'>, vehicleId: number, venueId: number, request: RequestWish): SetFacts[] {
  const venue = ctx.venue.get(venueId);
  const carried = (ctx.vehicle.get(vehicleId)?.setIds ?? []).map((id) => ctx.set.get(id)).filter((s) => s !== undefined);
  return venue ? carried.filter((s) => !setFits(s, venue, request)) : [];
}

/** Of the chosen sets, the first not taken on the stay's days, else the first. */
export const firstFreeSet = (choices: number[], taken: Set<number>) => choices.find((id) => !taken.has(id)) ?? choices[0]!;

/** The calendar rules of one stay: request window, blackouts, closures, holidays, open weekdays. */
function dayRules(ctx: Context, s: StopRow, set: SetFacts, venue: VenueFacts, req: typeof t.requests.$inferSelect | undefined): PlanViolation[] {
  const out: PlanViolation[] = [];
  if (req && (s.startsOn < req.windowStart || s.endsOn > req.windowEnd)) {
    out.push({ kind: 'outside_request_window', stopId: s.id, params: { windowStart: req.windowStart, windowEnd: req.windowEnd } });
  }
  const c = ctx.clock;
  const vd = daysOfVenue(ctx, venue);
  const a = c.index(s.startsOn);
  const b = c.index(s.endsOn);
  const strict = set.kind === 'caravan_kit';
  for (let d = Math.max(0, a); d <= Math.min(ctx.days - 1, b); d++) {
    const why = vd.whyNot(d);
    if (!why) continue;
    if (why === 'blackout' || why === 'closure') {
      out.push({ kind: why === 'blackout' ? 'blackout' : 'region_closure', stopId: s.id, params: { day: c.iso(d), venue: venue.name } });
      return out;
    }
    if (strict) {
      out.push({ kind: why === 'holiday' ? 'holiday' : 'venue_closed_day', stopId: s.id, params: { day: c.iso(d), venue: venue.name, holiday: ctx.calendar.holidayName(c.iso(d)) ?? null } });
      return out;
    }
  }
  if (!strict && a >= 0 && a < ctx.days && vd.workDay[a] !== 1) {
    out.push({ kind: 'setup_not_workday', stopId: s.id, params: { day: s.startsOn, holiday: ctx.calendar.holidayName(s.startsOn) ?? null } });
  }
  return out;
}

/**
 * Rewrites the legs of the given vehicles' tours from their stays in date order: from the home
 * centre, between stays, and back home whenever a trip would otherwise run past the vehicle's
 * maximum trip length, and at the end.
 */
export async function recomputeLegs(db: DbOrTx, planId: number, vehicleIds: number[]): Promise<void> {
  const ids = [...new Set(vehicleIds)];
  if (ids.length === 0) return;
  const [plan] = await db.select().from(t.plans).where(eq(t.plans.id, planId));
  if (!plan) return;
  const [region] = await db.select().from(t.regions).where(eq(t.regions.id, plan.regionId));
  if (!region) return;
  const tours = await db.select().from(t.tours).where(and(eq(t.tours.planId, planId), inArray(t.tours.vehicleId, ids)));
  const vehicles = await db.select().from(t.vehicles).where(inArray(t.vehicles.id, ids));
  const tripDays = await tripDaysOf(db, region.defaultTripDays, vehicles);
  const centres = await db.select().from(t.centres).where(eq(t.centres.regionId, plan.regionId));
  const road = await db.select().from(t.roadDistances).where(eq(t.roadDistances.regionId, plan.regionId));
  const travel = { region, roadMatrix: new Map(road.map((r) => [`${r.fromPlace}|${r.toPlace}`, r])) };
  for (const tour of tours) {
    const vehicle = vehicles.find((v) => v.id === tour.vehicleId)!;
    const home = centres.find((c) => c.id === vehicle.homeCentreId)!;
    const stops = await db
      .select({ id: t.stops.id, startsOn: t.stops.startsOn, endsOn: t.stops.endsOn, venueId: t.stops.venueId, lng: t.venues.lng, lat: t.venues.lat })
      .from(t.stops)
      .innerJoin(t.venues, eq(t.venues.id, t.stops.venueId))
      .where(and(eq(t.stops.tourId, tour.id), ne(t.stops.status, 'cancelled')))
      .orderBy(asc(t.stops.startsOn));
    await db.delete(t.legs).where(eq(t.legs.tourId, tour.id));
    // Keep the stops' sequence in date order too.
    for (const [i, s] of stops.entries()) await db.update(t.stops).set({ seq: i + 1 }).where(eq(t.stops.id, s.id));
    if (stops.length === 0) continue;
    // Each leg carries the day it leaves (its driving time follows that day's month).
    type StopPlace = Place & { stopId: number | null; leaves: string };
    const homePlace = (leaves: string): StopPlace => ({ ...centrePlace(home), stopId: null, leaves });
    const seqPlaces: StopPlace[] = [homePlace(stops[0]!.startsOn)];
    let tripStart = stops[0]!.startsOn;
    stops.forEach((s, i) => {
      if (i > 0 && daysBetween(tripStart, s.endsOn) + 1 > tripDays.get(vehicle.id)!) {
        seqPlaces.push(homePlace(s.startsOn));
        tripStart = s.startsOn;
      }
      seqPlaces.push({ ...venuePlace({ id: s.venueId, lng: s.lng, lat: s.lat }), stopId: s.id, leaves: s.endsOn });
    });
    seqPlaces.push(homePlace(stops[stops.length - 1]!.endsOn));
    const rows: (typeof t.legs.$inferInsert)[] = [];
    for (let k = 0; k + 1 < seqPlaces.length; k++) {
      const a = seqPlaces[k]!;
      const b = seqPlaces[k + 1]!;
      if (a.stopId === null && b.stopId === null) continue;
      const leg = legBetween(a, b, travel);
      const drive = driveOn(leg, region, a.leaves);
      rows.push({ tourId: tour.id, seq: rows.length + 1, fromStopId: a.stopId, toStopId: b.stopId, distanceM: leg.distanceM, driveMinutes: drive, restNights: restNights(drive, dailyLimit(vehicle, region), region.eveningLegMaxMinutes) });
    }
    if (rows.length) await db.insert(t.legs).values(rows);
  }
}

const MISFIT_KIND: Record<Misfit, ViolationKind> = {
  kind: 'wrong_set_kind',
  'not-requested-set': 'not_requested_set',
  theme: 'wrong_theme',
  'floor-area': 'venue_too_small',
  power: 'venue_power_too_low',
};

function misfitParams(set: SetFacts, venue: VenueFacts, req: { setKind: string; theme: string | null } | undefined) {
  return {
    set: set.name,
    venue: venue.name,
    wanted: req?.setKind ?? null,
    theme: set.theme,
    wantedTheme: req?.theme ?? null,
    floorAreaM2: venue.floorAreaM2,
    neededM2: set.footprintM2,
    powerKw: venue.powerKw,
    neededKw: set.powerKw,
  };
}
