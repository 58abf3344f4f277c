import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import { loadPlanningFacts } from '../../jobs/planning/load.js';
import { planFromFacts } from '../../jobs/planning/plan.js';
import type { PlanningFacts } from '../../jobs/planning/types.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

const CAPACITY_CODES = ['CAPACITY_TAKEN', 'VENUE_BUSY', 'NO_VEHICLE_FREE_IN_WINDOW'];
const KNOWN_CODES = [...CAPACITY_CODES, 'NO_OPEN_DAYS', 'NO_SUITABLE_SET', 'NOVELTY', 'VENUE_TOO_SMALL', 'VENUE_POWER_TOO_LOW', 'NO_VEHICLE_AVAILABLE', 'TRIP_TOO_LONG'];

describe('the planning adapter on the Guizhou demo year', () => {
  let database: TestDatabase;
  let facts: PlanningFacts;
  const tier = (venueId: number) => facts.venues.find((v) => v.id === venueId)!.priorityTier;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemoIfEmpty(database.db, { today: '2026-11-29' });
    facts = await loadPlanningFacts(database.db, { regionId: 1, horizonStart: '2027-01-01', horizonEnd: '2027-12-31' });
  });
  afterAll(() => database?.dispose());

  it('serves every key county request when capacity allows', () => {
    const out = planFromFacts(facts, { iterations: 300 });
    const served = new Set(out.stops.map((s) => s.requestId));
    const keyRequests = facts.requests.filter((r) => tier(r.venueId) === 'key');
    expect(keyRequests.length).toBeGreaterThan(40);
    expect(keyRequests.filter((r) => !served.has(r.id))).toEqual([]);
    expect(out.metrics.keyCountiesCovered).toBe(20);
  });

  it('spreads the trips over a centre\'s caravans, so every caravan goes out', () => {
    const out = planFromFacts(facts, { iterations: 200 });
    const caravans = facts.vehicles.filter((v) => v.name.includes('大篷车'));
    expect(caravans).toHaveLength(12);
    const used = new Set(out.stops.map((s) => s.vehicleId));
    expect(caravans.filter((v) => !used.has(v.id)).map((v) => v.name)).toEqual([]);
    // Within one centre the days out stay within a factor of two of each other.
    for (const centre of new Set(caravans.map((v) => v.homeCentreId))) {
      const days = caravans.filter((v) => v.homeCentreId === centre).map((v) => out.metrics.daysOutPerVehicle[v.id] ?? 0);
      expect(Math.max(...days), `centre ${centre}: ${days.join(', ')}`).toBeLessThanOrEqual(2 * Math.min(...days));
    }
  });

  it('with capacity cut, leaves the lower-priority requests unserved, each with a reason', () => {
    // Only three of the six roving-museum trucks: about half the roving stays fit.
    const trucks = facts.vehicles.filter((v) => v.name.includes('运输车'));
    const cut = { ...facts, vehicles: facts.vehicles.filter((v) => !trucks.slice(3).includes(v)) };
    const out = planFromFacts(cut, { iterations: 300 });
    const roving = new Map(facts.requests.filter((r) => r.setKind === 'roving_museum').map((r) => [r.id, r]));
    const unserved = out.unserved.filter((u) => roving.has(u.requestId));
    expect(unserved.length).toBeGreaterThan(3);
    for (const u of unserved) expect(KNOWN_CODES).toContain(u.reason.code);
    const forCapacity = unserved.filter((u) => CAPACITY_CODES.includes(u.reason.code));
    expect(forCapacity.length).toBeGreaterThan(0);
    expect(forCapacity.filter((u) => tier(roving.get(u.requestId)!.venueId) === 'key')).toEqual([]);
  });

  it('refuses a theme a county saw within the novelty period, saying so', () => {
    const h = facts.history[0]!;
    const venue = facts.venues.find((v) => v.countyCode === h.countyCode)!;
    const request = { id: 999_001, venueId: venue.id, setKind: 'roving_museum' as const, exhibitSetId: null, theme: h.theme, windowStart: '2027-03-01', windowEnd: '2027-09-30', openDays: 42 };
    const out = planFromFacts({ ...facts, requests: [request] }, { iterations: 50 });
    expect(out.stops).toEqual([]);
    expect(out.unserved).toEqual([{ requestId: 999_001, reason: expect.objectContaining({ code: 'NOVELTY' }) }]);
  });

  it('covers every key county when asked, even one without any request, and names the uncovered otherwise', () => {
    const dropped = facts.venues.filter((v) => v.priorityTier === 'key').slice(0, 2).map((v) => v.id);
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
    expect(c.source(2026)).toBe('package');
    expect(c.isHoliday('2026-02-17')).toBe(true); // Spring Festival 2026
    expect(c.isMakeupWorkday('2026-02-14')).toBe(true); // a Saturday worked
    expect(c.isHoliday('2026-03-10')).toBe(false);
  });

  it('derives a provisional year from the lunar calendar instead of treating it as all workdays', () => {
    const c = new HolidayCalendar();
    expect(c.source(2027)).toBe('provisional');
    expect(c.provisionalYears(2026, 2027)).toEqual([2027]);
    // Spring Festival 2027 falls on 6 February: 除夕 to 初三 are days off.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) expect(c.isHoliday(d)).toBe(true);
    expect(c.isHoliday('2027-10-02')).toBe(true);
    expect(c.isHoliday('2027-06-09')).toBe(true); // Dragon Boat, 5/5 lunar
    expect(c.isHoliday('2027-03-03')).toBe(false);
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
