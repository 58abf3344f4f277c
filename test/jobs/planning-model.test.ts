import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import { loadPlanningFacts } from '../../jobs/planning/load.js';
import { buildModel, type PlanningModel } from '../../jobs/planning/model.js';
import { planFromFacts, type PlannedStop } from '../../jobs/planning/plan.js';
import type { PlanningFacts, RequestFacts, Tier } from '../../jobs/planning/types.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { testToday, yearOf } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { packageDays, packageLastYear } from '../helpers/holidays.js';

const Y = yearOf(1);

const CAPACITY_CODES = ['CAPACITY_TAKEN', 'VENUE_BUSY', 'NO_VEHICLE_FREE_IN_WINDOW'];
const KNOWN_CODES = [...CAPACITY_CODES, 'NO_OPEN_DAYS', 'NO_SUITABLE_SET', 'NOVELTY', 'VENUE_TOO_SMALL', 'VENUE_POWER_TOO_LOW', 'NO_VEHICLE_AVAILABLE', 'TRIP_TOO_LONG'];
/** Reasons a request carries of its own, whatever else the plan holds (VENUE_BUSY is checked apart). */
const OWN_CODES = ['NOVELTY', 'VENUE_POWER_TOO_LOW', 'VENUE_TOO_SMALL', 'NO_OPEN_DAYS', 'NO_SUITABLE_SET', 'NO_VEHICLE_AVAILABLE', 'TRIP_TOO_LONG', 'TRIP_SHORTER_THAN_STAY'];
const RANK: Record<Tier, number> = { key: 3, former_poverty: 2, other: 1 };

// A plan read back against its model: whether a stay could have gone elsewhere with nothing else
// moved. Conservative on purpose (so a test never asks the planner for what the rules forbid): a
// new place keeps MARGIN days free on each side for the drive and the crew's rest (a leg takes at
// most two days in the demo), stays within the stay's trip, on a start day the model allows.
const MARGIN = 3;
const dayNo = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const span = (s: PlannedStop): [number, number] => [dayNo(s.startsOn), dayNo(s.endsOn)];
const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] <= b[1] && b[0] <= a[1];

function jobOf(model: PlanningModel, requestId: number): number {
  return model.jobs.findIndex((pj) => pj.source.kind === 'request' && pj.source.request.id === requestId);
}

/** The start days (day numbers) the model allows a request, and its length in days. */
function startDays(model: PlanningModel, requestId: number): { starts: number[]; length: number } {
  const j = jobOf(model, requestId);
  const base = dayNo(model.facts.horizonStart);
  const input = model.input.jobs[j]!;
  const starts = (input.allowedVehicles ?? []).length > 0 ? (input.windows ?? []).map((w) => base + w.start) : [];
  return { starts, length: model.jobs[j]!.stayDays ?? 1 };
}

/** The days stay s could take on its vehicle with every other stay kept: between its neighbours and within its trip, MARGIN days in. */
function room(model: PlanningModel, stops: readonly PlannedStop[], s: PlannedStop): [number, number] {
  const [a, b] = span(s);
  const base = dayNo(model.facts.horizonStart);
  const mine = stops.filter((x) => x.vehicleId === s.vehicleId && x !== s);
  const before = Math.max(-Infinity, ...mine.filter((x) => dayNo(x.endsOn) < a).map((x) => dayNo(x.endsOn)));
  const after = Math.min(Infinity, ...mine.filter((x) => dayNo(x.startsOn) > b).map((x) => dayNo(x.startsOn)));
  const trip = model.shifts.find((sh) => sh.vehicle.id === s.vehicleId && base + sh.firstDay <= a && a <= base + sh.lastDay)!;
  return [Math.max(before + 1, base + trip.firstDay) + MARGIN, Math.min(after - 1, base + trip.lastDay - 1) - MARGIN];
}

/** Whether stay s (of a request) could have moved on its vehicle, nothing else moved, to days that leave request r a start at their venue. */
function couldStepAside(model: PlanningModel, stops: readonly PlannedStop[], r: RequestFacts, s: PlannedStop): boolean {
  if (s.pinned || s.requestId === null) return false;
  const [lo, hi] = room(model, stops, s);
  const length = dayNo(s.endsOn) - dayNo(s.startsOn) + 1;
  const others = stops.filter((x) => x.venueId === s.venueId && x !== s).map(span);
  const own = startDays(model, s.requestId);
  const wanted = startDays(model, r.id);
  return own.starts.some((d) => {
    const moved: [number, number] = [d, d + length - 1];
    if (d < lo || moved[1] > hi || others.some((o) => overlaps(o, moved))) return false;
    return wanted.starts.some((w) => ![moved, ...others].some((o) => overlaps(o, [w, w + wanted.length - 1])));
  });
}

/** Whether request k could have had stay s's place: s's vehicle may serve k with its set, and k's days fit where s was with k's venue free. */
function couldTakePlace(model: PlanningModel, stops: readonly PlannedStop[], k: RequestFacts, s: PlannedStop): boolean {
  if (s.pinned) return false;
  const allowed = (model.input.jobs[jobOf(model, k.id)]!.allowedVehicles ?? []).map((v) => model.shifts[v]!);
  const set = allowed.find((sh) => sh.vehicle.id === s.vehicleId && sh.set.id === s.exhibitSetId)?.set;
  if (!set) return false;
  const county = model.facts.venues.find((v) => v.id === k.venueId)!.countyCode;
  const countyOf = (venueId: number) => model.facts.venues.find((v) => v.id === venueId)!.countyCode;
  // A roving theme comes to a county once in a horizon.
  if (set.kind === 'roving_museum' && stops.some((x) => x !== s && countyOf(x.venueId) === county && model.facts.sets.find((z) => z.id === x.exhibitSetId)?.theme === set.theme)) return false;
  const [lo, hi] = room(model, stops, s);
  const atVenue = stops.filter((x) => x.venueId === k.venueId && x !== s).map(span);
  const { starts, length } = startDays(model, k.id);
  return starts.some((d) => d >= lo && d + length - 1 <= hi && !atVenue.some((o) => overlaps(o, [d, d + length - 1])));
}

describe('the planning adapter on the Guizhou demo year', () => {
  let database: TestDatabase;
  let facts: PlanningFacts;
  const tier = (venueId: number) => facts.venues.find((v) => v.id === venueId)!.priorityTier;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemoIfEmpty(database.db, { today: testToday() });
    facts = await loadPlanningFacts(database.db, { regionId: 1, horizonStart: `${Y}-01-01`, horizonEnd: `${Y}-12-31` });
  });
  afterAll(() => database?.dispose());

  it('leaves no key county request out for want of capacity: each one unserved has a reason of its own', () => {
    // The demo follows today, so some key requests cannot be served whatever the capacity: the county
    // saw the theme within the novelty period, the venue's power or floor is too small, or another
    // stay holds the venue (tier is per venue, so that stay is as much a key county's).
    const out = planFromFacts(facts, { iterations: 300 });
    const model = buildModel(facts);
    const request = new Map(facts.requests.map((r) => [r.id, r]));
    const keyRequests = facts.requests.filter((r) => tier(r.venueId) === 'key');
    expect(keyRequests.length).toBeGreaterThan(40);
    const unservedKey = out.unserved.filter((u) => tier(request.get(u.requestId)!.venueId) === 'key');
    expect(unservedKey.filter((u) => !OWN_CODES.includes(u.reason.code) && u.reason.code !== 'VENUE_BUSY')).toEqual([]);
    // Venue busy: a stay at the venue holds every day the request could have, and it could not step
    // aside on its vehicle with the rest of the plan kept (the planner also tries moving one more stay).
    for (const u of unservedKey.filter((x) => x.reason.code === 'VENUE_BUSY')) {
      const r = request.get(u.requestId)!;
      const holders = out.stops.filter((s) => s.venueId === r.venueId && overlaps(span(s), [dayNo(r.windowStart), dayNo(r.windowEnd)]));
      expect(holders.length, `request ${r.id}`).toBeGreaterThan(0);
      for (const s of holders) expect(couldStepAside(model, out.stops, r, s), `request ${r.id}: stay of request ${s.requestId} at ${s.startsOn}`).toBe(false);
    }
    // Every key county is covered unless each of its requests has a reason of its own (most of the
    // 20 have a request without one, whatever the date).
    const own = new Set(unservedKey.map((u) => u.requestId));
    const county = (venueId: number) => facts.venues.find((v) => v.id === venueId)!.countyCode;
    const coverable = new Set(keyRequests.filter((r) => !own.has(r.id)).map((r) => county(r.venueId)));
    expect(coverable.size).toBeGreaterThan(15);
    expect(out.metrics.keyCountiesCovered).toBeGreaterThanOrEqual(coverable.size);
    expect(out.metrics.keyCountiesUncovered.filter((c) => coverable.has(c.countyCode))).toEqual([]);
  });

  it("spreads the trips over a centre's caravans, so every caravan goes out", () => {
    const out = planFromFacts(facts, { iterations: 200 });
    const caravans = facts.vehicles.filter((v) => v.name.includes('大篷车'));
    expect(caravans).toHaveLength(12);
    const used = new Set(out.stops.map((s) => s.vehicleId));
    expect(caravans.filter((v) => !used.has(v.id)).map((v) => v.name)).toEqual([]);
    // The planner hands whole trips (dates and distance as solved) between a centre's caravans, as
    // evenly as it finds, and a trip may go only on a caravan whose kit every visit on it may have: a
    // kit comes back to a venue after 12 months, and once a year at most. The centre of six caravans
    // has kits enough that its days out stay within a factor of two of each other. A centre of three
    // has not, at every date: where one kit was at many of the centre's venues in the last year,
    // few of the trips the solver formed (by road distance, which ranks before balance) may go on
    // that caravan, and even the most even hand-out of those trips can leave it far behind (at
    // 2033-08-18: 48, 52 and 16 days, the best those trips allow). There: every caravan goes out.
    const sixes = [...new Set(caravans.map((v) => v.homeCentreId))].filter((c) => caravans.filter((v) => v.homeCentreId === c).length >= 6);
    expect(sixes.length).toBeGreaterThan(0);
    for (const centre of sixes) {
      const days = caravans.filter((v) => v.homeCentreId === centre).map((v) => out.metrics.daysOutPerVehicle[v.id] ?? 0);
      expect(Math.max(...days), `centre ${centre}: ${days.join(', ')}`).toBeLessThanOrEqual(2 * Math.min(...days));
    }
  });

  it('with capacity cut, leaves the lower-priority requests unserved, each with a reason', () => {
    // Only three of the six roving-museum trucks: about half the roving stays fit.
    const trucks = facts.vehicles.filter((v) => v.name.includes('运输车'));
    const cut = { ...facts, vehicles: facts.vehicles.filter((v) => !trucks.slice(3).includes(v)) };
    const out = planFromFacts(cut, { iterations: 300 });
    const model = buildModel(cut);
    const roving = new Map(facts.requests.filter((r) => r.setKind === 'roving_museum').map((r) => [r.id, r]));
    const unserved = out.unserved.filter((u) => roving.has(u.requestId));
    expect(unserved.length).toBeGreaterThan(3);
    for (const u of unserved) expect(KNOWN_CODES).toContain(u.reason.code);
    const forCapacity = unserved.filter((u) => CAPACITY_CODES.includes(u.reason.code));
    expect(forCapacity.length).toBeGreaterThan(0);
    expect(forCapacity.filter((u) => tier(roving.get(u.requestId)!.venueId) !== 'key').length).toBeGreaterThan(0);
    // Key requests may be left out for capacity too when the trucks able to carry them are full of
    // key stays (a venue's power or floor admits few sets). What never happens: a request left out
    // for capacity where a stay of a lower tier holds a place it could have taken.
    const stays = out.stops.filter((s) => s.requestId !== null && roving.has(s.requestId));
    for (const u of forCapacity) {
      const r = roving.get(u.requestId)!;
      const lower = stays.filter((s) => RANK[tier(s.venueId)] < RANK[tier(r.venueId)]);
      for (const s of lower) expect(couldTakePlace(model, out.stops, r, s), `request ${r.id} in place of ${s.requestId}`).toBe(false);
    }
  });

  it('refuses a theme a county saw within the novelty period, saying so', () => {
    const h = facts.history[0]!;
    const venue = facts.venues.find((v) => v.countyCode === h.countyCode)!;
    const request = { id: 999_001, venueId: venue.id, setKind: 'roving_museum' as const, exhibitSetId: null, theme: h.theme, windowStart: `${Y}-03-01`, windowEnd: `${Y}-09-30`, openDays: 42 };
    const out = planFromFacts({ ...facts, requests: [request] }, { iterations: 50 });
    // Late in a year the timeline's first weeks of the next are kept as they are; nothing else is placed.
    expect(out.stops.filter((s) => !s.pinned)).toEqual([]);
    expect(out.unserved).toEqual([{ requestId: 999_001, reason: expect.objectContaining({ code: 'NOVELTY' }) }]);
  });

  it('covers every key county when asked, even one without any request, and names the uncovered otherwise', () => {
    // Late in a year the timeline's kept stays reach into the next and cover their counties: two
    // key venues of counties they do not reach.
    const county = (venueId: number) => facts.venues.find((v) => v.id === venueId)!.countyCode;
    const kept = new Set(facts.fixedStops.filter((f) => f.endsOn >= facts.horizonStart).map((f) => county(f.venueId)));
    const dropped = facts.venues.filter((v) => v.priorityTier === 'key' && !kept.has(v.countyCode)).slice(0, 2).map((v) => v.id);
    const without = { ...facts, requests: facts.requests.filter((r) => !dropped.includes(r.venueId)) };
    const plain = planFromFacts(without, { iterations: 100 });
    expect(plain.metrics.keyCountiesCovered).toBe(18);
    expect(plain.metrics.keyCountiesUncovered.map((u) => u.reason.code)).toEqual(['NO_REQUEST', 'NO_REQUEST']);
    const required = planFromFacts(without, { iterations: 100, requireAllKeyCounties: true });
    expect(required.metrics.keyCountiesCovered).toBe(20);
    const synthetic = required.stops.filter((s) => s.requestId === null && dropped.includes(s.venueId));
    expect(synthetic).toHaveLength(2);
  });

  it('gives the same plan for the same seed and iteration budget', () => {
    const a = planFromFacts(facts, { iterations: 120, seed: 7 });
    const b = planFromFacts(facts, { iterations: 120, seed: 7 });
    expect(b.stops).toEqual(a.stops);
    expect(b.metrics.totalKm).toBe(a.metrics.totalKm);
  });
});

describe('the holiday calendar', () => {
  it('uses the package for covered years, with make-up workdays', () => {
    const c = new HolidayCalendar();
    // Every year up to the last the installed package covers (2026 is covered by every version).
    expect(c.source(2026)).toBe('package');
    expect(c.source(packageLastYear)).toBe('package');
    expect(c.source(packageLastYear + 1)).toBe('provisional');
    const last = packageDays(packageLastYear);
    for (const d of last.holidays) expect(c.isHoliday(d), d).toBe(true);
    for (const d of last.workdays) expect(c.isMakeupWorkday(d), d).toBe(true);
    expect(c.isHoliday('2026-02-17')).toBe(true); // Spring Festival 2026
    expect(c.isMakeupWorkday('2026-02-14')).toBe(true); // a Saturday worked
    expect(c.isHoliday('2026-03-10')).toBe(false);
  });

  it('derives a provisional year from the lunar calendar instead of treating it as all workdays', () => {
    // 2099: a year no package version will cover.
    const c = new HolidayCalendar();
    expect(c.source(2099)).toBe('provisional');
    expect(c.provisionalYears(2098, 2099)).toEqual([2098, 2099]);
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
      return out;
    };
    const off = (from: string, to: string) => days(from, to).filter((d) => c.isHoliday(d));
    // The fixed-date holidays, and no invented bridge days or make-up workdays around them.
    expect(off('2099-01-01', '2099-01-03')).toEqual(['2099-01-01']);
    expect(off('2099-05-01', '2099-05-05')).toEqual(['2099-05-01', '2099-05-02']);
    expect(off('2099-09-28', '2099-10-07').filter((d) => d >= '2099-10-01')).toEqual(['2099-10-01', '2099-10-02', '2099-10-03']);
    expect(days('2099-01-01', '2099-12-31').some((d) => c.isMakeupWorkday(d))).toBe(false);
    // Spring Festival (除夕 to 初三): four days in a row from 19 January to 21 February (除夕 may fall on 20 January).
    const spring = off('2099-01-19', '2099-02-21');
    expect(spring).toHaveLength(4);
    expect(days(spring[0]!, spring[3]!)).toEqual(spring);
    expect(spring.every((d) => c.holidayName(d)?.startsWith('春节'))).toBe(true);
    // Qingming (early April), Dragon Boat (late May to late June): one day each.
    expect(off('2099-04-03', '2099-04-06')).toHaveLength(1);
    expect(off('2099-05-25', '2099-06-26').filter((d) => c.holidayName(d)?.startsWith('端午'))).toHaveLength(1);
    expect(c.isHoliday('2099-03-10')).toBe(false);
  });

  it('lets an official arrangement loaded by a coordinator replace the provisional one', () => {
    const c = new HolidayCalendar([
      { day: '2027-02-05', kind: 'holiday', name: '春节' },
      { day: '2027-02-13', kind: 'workday', name: '春节' },
    ]);
    expect(c.source(2027)).toBe('official');
    expect(c.isHoliday('2027-02-05')).toBe(true);
    expect(c.isHoliday('2027-02-08')).toBe(false);
    expect(c.isMakeupWorkday('2027-02-13')).toBe(true);
  });
});
