import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setForVehicle, validatePlanVehicles } from '../../jobs/planning/validate.js';
import { ensureTour } from '../../server/db/queries/stops.js';
import * as t from '../../server/db/schema/index.js';
import { addDays, mondayFrom, yearOf } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { minimalCatalogue } from '../helpers/fixtures.js';

// The checked edit's crew rules (rules 1, 2, 7) and the set a stay takes on another vehicle (rule 8),
// on the stays as the database holds them.

const Y = yearOf(1);
const monday = mondayFrom(`${Y}-03-08`);

describe('the checked edit', () => {
  let database: TestDatabase;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  let kits: (typeof t.exhibitSets.$inferSelect)[];
  let caravans: (typeof t.vehicles.$inferSelect)[];

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const db = database.db;
    cat = await minimalCatalogue(db);
    kits = await db
      .insert(t.exhibitSets)
      .values(['K1', 'K2', 'K3'].map((code) => ({ regionId: cat.regionId, homeCentreId: cat.centre.id, code: `${code}-${cat.regionId}`, name: `Kit ${code}`, theme: `theme ${code}`, kind: 'caravan_kit' as const, footprintM2: 80, powerKw: 5, exhibitCount: 24, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 3 })))
      .returning();
    caravans = await db
      .insert(t.vehicles)
      .values(['KP-1', 'KP-2', 'KP-3'].map((name) => ({ regionId: cat.regionId, homeCentreId: cat.centre.id, name, type: 'caravan_iv' as const, dailyDriveMinutes: 480 })))
      .returning();
    // KP-1 carries K1; KP-2 carries K2 and K1; KP-3 carries K3 only.
    await db.insert(t.vehicleSets).values([
      { vehicleId: caravans[0]!.id, exhibitSetId: kits[0]!.id },
      { vehicleId: caravans[1]!.id, exhibitSetId: kits[1]!.id },
      { vehicleId: caravans[1]!.id, exhibitSetId: kits[0]!.id },
      { vehicleId: caravans[2]!.id, exhibitSetId: kits[2]!.id },
    ]);
  });
  afterAll(() => database?.dispose());

  /** A fresh draft with one-day caravan stays of `vehicle` and `kit` at the venues on the days given. */
  async function draft(vehicle: number, kit: number, days: [venue: number, day: string][]) {
    const db = database.db;
    const [plan] = await db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: `${Y}-01-01`, horizonEnd: `${Y}-12-31` }).returning();
    const tourId = await ensureTour(db, plan!.id, vehicle);
    const stops = await db
      .insert(t.stops)
      .values(days.map(([venueId, d], i) => ({ planId: plan!.id, tourId, seq: i + 1, vehicleId: vehicle, exhibitSetId: kit, venueId, startsOn: d, opensOn: d, closesOn: d, endsOn: d })))
      .returning();
    return { planId: plan!.id, stops };
  }

  it('judges travel on the region’s imported road matrix, not the great-circle distance', async () => {
    const [a, b] = cat.venues;
    const { planId, stops } = await draft(caravans[0]!.id, kits[0]!.id, [
      [a!.id, monday],
      [b!.id, addDays(monday, 1)],
    ]);
    // About 13 km apart: an evening leg, so the next day is fine.
    expect(await validatePlanVehicles(database.db, planId, [caravans[0]!.id])).toEqual([]);
    // The imported matrix says the mountain road takes 13 hours: two driving days first.
    await database.db.insert(t.roadDistances).values({ regionId: cat.regionId, fromPlace: `venue:${a!.id}`, toPlace: `venue:${b!.id}`, distanceM: 600_000, driveMinutes: 780 });
    try {
      const found = await validatePlanVehicles(database.db, planId, [caravans[0]!.id]);
      expect(found).toEqual([expect.objectContaining({ kind: 'travel_time', stopId: stops[1]!.id, params: expect.objectContaining({ lateDays: 2 }) })]);
    } finally {
      await database.db.delete(t.roadDistances);
    }
  });

  it('refuses a seventh working day in a row (N = 6) and accepts a rest day between', async () => {
    const [a, b] = cat.venues;
    const week = [0, 1, 2, 3, 4, 5, 6].map((i) => [i % 2 ? b!.id : a!.id, addDays(monday, i)] as [number, string]);
    const seven = await draft(caravans[0]!.id, kits[0]!.id, week);
    expect(await validatePlanVehicles(database.db, seven.planId, [caravans[0]!.id])).toEqual([expect.objectContaining({ kind: 'work_days', stopId: seven.stops[6]!.id, params: { days: 7, max: 6 } })]);
    const rested = await draft(caravans[0]!.id, kits[0]!.id, [...week.slice(0, 6), [a!.id, addDays(monday, 7)]]);
    expect(await validatePlanVehicles(database.db, rested.planId, [caravans[0]!.id])).toEqual([]);
  });

  it('gives a stay moved to another caravan a kit that caravan carries, else keeps it and names what it carries', async () => {
    const { planId, stops } = await draft(caravans[1]!.id, kits[1]!.id, [[cat.venues[0]!.id, monday]]);
    // KP-1 carries only K1, which fits the stay (no request asks for another): it takes K1.
    expect(await setForVehicle(database.db, planId, stops[0]!, caravans[0]!.id)).toBe(kits[0]!.id);
    // KP-2 carries K2 already.
    expect(await setForVehicle(database.db, planId, stops[0]!, caravans[1]!.id)).toBe(kits[1]!.id);
    // A request for K2 only: KP-3 (K3) has nothing it accepts, so the stay keeps K2 and the check names K3.
    const [req] = await database.db
      .insert(t.requests)
      .values({ regionId: cat.regionId, venueId: cat.venues[0]!.id, setKind: 'caravan_kit', exhibitSetId: kits[1]!.id, windowStart: monday, windowEnd: addDays(monday, 30), openDays: 1, status: 'approved' })
      .returning();
    const asked = { ...stops[0]!, requestId: req!.id };
    expect(await setForVehicle(database.db, planId, asked, caravans[2]!.id)).toBe(kits[1]!.id);
    const moved = await draft(caravans[2]!.id, kits[1]!.id, [[cat.venues[0]!.id, addDays(monday, 14)]]);
    const found = await validatePlanVehicles(database.db, moved.planId, [caravans[2]!.id]);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'incompatible_set', params: expect.objectContaining({ vehicle: 'KP-3', carries: 'Kit K3' }) }));
  });
});
