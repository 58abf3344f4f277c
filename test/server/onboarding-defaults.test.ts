import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { sessionOf, userWithSession } from '../helpers/accounts.js';
import { testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startRun, waitForRun } from '../helpers/planning.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// Small truths a new region meets first (issue 11): a venue without power, codes of its own, a
// roving truck's default trip that fits its 60-day stays, and warnings that name the real cause.
describe.each(databaseKinds)('onboarding defaults on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '81');
    b = await tenant(database.db, '82');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const as = async (who: Tenant, method: string, url: string, payload?: object, lang = 'en') =>
    app.inject({ method: method as 'GET', url, headers: { ...(await sessionOf(database.db, who.users.coordinator.userId)), 'accept-language': lang }, ...(payload ? { payload } : {}) });

  it('takes a venue with no power (0 kW) and refuses a negative one', async () => {
    const venue = { regionId: a.regionId, countyCode: '520102', countyName: '南明区', name: '无电广场', kind: 'township_square', lng: 106.7, lat: 26.5, floorAreaM2: 300 };
    const none = await as(a, 'POST', '/api/venues', { ...venue, powerKw: 0 });
    expect(none.statusCode, none.body).toBe(201);
    expect(none.json().powerKw).toBe(0);
    const negative = await as(a, 'POST', '/api/venues', { ...venue, name: '负电', powerKw: -1 });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json().details)).toContain('powerKw');
    // The database says the same, whatever writes it.
    await expect(database.db.update(t.venues).set({ powerKw: -1 }).where(eq(t.venues.id, none.json().id))).rejects.toThrow();
  });

  it('lets a second region reuse every code of the first, and keeps codes unique inside a region', async () => {
    const set = (code: string) => ({
      regionId: b.regionId, homeCentreId: b.centre.id, code, name: '复用', theme: '复用', kind: 'roving_museum',
      footprintM2: 400, powerKw: 20, exhibitCount: 30, setupDays: 2, teardownDays: 2, minStayDays: 20, maxStayDays: 60,
    });
    for (const s of a.sets) expect((await as(b, 'POST', '/api/exhibit-sets', set(s.code))).statusCode).toBe(201);
    const again = await as(b, 'POST', '/api/exhibit-sets', set(a.sets[0]!.code));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE');
    const vehicle = (regionId: number, homeCentreId: number) => ({ regionId, homeCentreId, code: 'RM-01', name: '运输车', type: 'set_truck' });
    expect((await as(a, 'POST', '/api/vehicles', vehicle(a.regionId, a.centre.id))).statusCode).toBe(201);
    expect((await as(b, 'POST', '/api/vehicles', vehicle(b.regionId, b.centre.id))).statusCode).toBe(201);
    expect((await as(b, 'POST', '/api/vehicles', vehicle(b.regionId, b.centre.id))).statusCode).toBe(409);
  });

  it('plans 60-day roving stays with default settings, and names the vehicle that cannot serve and why', async () => {
    const y = yearOf(1);
    const [region] = await database.db.insert(t.regions).values({ code: '83', nameZh: '测试省', nameEn: 'Test province' }).returning();
    const regionId = region!.id;
    const [centre] = await database.db.insert(t.centres).values({ regionId, name: '省中心', kind: 'provincial', countyCode: '450102', lng: 108.32, lat: 22.82 }).returning();
    const venues = await database.db
      .insert(t.venues)
      .values(
        [0, 1, 2, 3].map((i) => ({
          regionId, countyCode: `45012${i}`, countyName: `县${i}`, name: `县馆${i}`, kind: 'county_museum' as const,
          lng: 108.3 + i / 5, lat: 22.8 + i / 10, floorAreaM2: 1000, powerKw: 60,
        })),
      )
      .returning();
    const roving = { regionId, homeCentreId: centre!.id, kind: 'roving_museum' as const, footprintM2: 600, powerKw: 30, exhibitCount: 40, setupDays: 3, teardownDays: 2, minStayDays: 55, maxStayDays: 70 };
    const sets = await database.db
      .insert(t.exhibitSets)
      .values([
        { ...roving, code: 'RM-A', name: '甲', theme: '甲' },
        { ...roving, code: 'RM-B', name: '乙', theme: '乙' },
        { ...roving, code: 'RM-C', name: '丙', theme: '丙' },
      ])
      .returning();
    // Two trucks on the defaults, one with a 30-day trip limit, one that carries nothing.
    const vehicles = await database.db
      .insert(t.vehicles)
      .values([
        { regionId, homeCentreId: centre!.id, name: '默认车甲', type: 'set_truck' as const },
        { regionId, homeCentreId: centre!.id, name: '默认车乙', type: 'set_truck' as const },
        { regionId, homeCentreId: centre!.id, name: '短途车', type: 'set_truck' as const, maxTripDays: 30 },
        { regionId, homeCentreId: centre!.id, name: '空车', type: 'set_truck' as const },
      ])
      .returning();
    expect(vehicles[0]!.maxTripDays).toBeNull();
    await database.db.insert(t.vehicleSets).values([0, 1, 2].map((i) => ({ vehicleId: vehicles[i]!.id, exhibitSetId: sets[i]!.id })));
    const wish = { regionId, setKind: 'roving_museum' as const, openDays: 60, status: 'approved' as const };
    await database.db.insert(t.requests).values([
      { ...wish, venueId: venues[0]!.id, windowStart: `${y}-03-01`, windowEnd: `${y}-06-30` },
      { ...wish, venueId: venues[1]!.id, windowStart: `${y}-03-01`, windowEnd: `${y}-06-30` },
      { ...wish, venueId: venues[2]!.id, windowStart: `${y}-08-01`, windowEnd: `${y}-11-30` },
      // Only the short-trip truck carries this set: no window would help.
      { ...wish, venueId: venues[3]!.id, exhibitSetId: sets[2]!.id, windowStart: `${y}-03-01`, windowEnd: `${y}-11-30` },
    ]);
    const { headers } = await userWithSession(database.db, [{ role: 'coordinator', regionId }]);
    const runId = await startRun(app, headers, regionId, { horizonStart: `${y}-01-01`, horizonEnd: `${y}-12-31`, options: { iterations: 400, seed: 1 } });
    const run = await waitForRun(app, database.db, headers, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const stops = await database.db.select().from(t.stops).where(eq(t.stops.planId, run.planId));
    expect(stops.map((s) => s.venueId).sort()).toEqual([venues[0]!.id, venues[1]!.id, venues[2]!.id].sort());
    expect(stops.every((s) => s.closesOn > s.opensOn)).toBe(true);

    const unserved = (await app.inject({ url: `/api/plans/${run.planId}/unserved`, headers: { ...headers, 'accept-language': 'en' } })).json() as { reason: { code: string }; reasonText: string }[];
    expect(unserved.map((u) => u.reason.code)).toEqual(['TRIP_SHORTER_THAN_STAY']);
    expect(unserved[0]!.reasonText).toContain('Trip limit 30 days is shorter than the 65-day stay');
    expect(unserved[0]!.reasonText).not.toMatch(/^widen the window/);

    const warnings = (await app.inject({ url: `/api/plans/${run.planId}/warnings`, headers: { ...headers, 'accept-language': 'en' } })).json();
    expect(warnings.vehicles.map((v: { vehicleName: string; code: string }) => [v.vehicleName, v.code])).toEqual([
      ['短途车', 'VEHICLE_TRIP_SHORTER_THAN_STAY'],
      ['空车', 'VEHICLE_CARRIES_NO_SET'],
    ]);
    expect(warnings.vehicles[0].message).toBe('短途车: trip limit 30 days is shorter than the 60-day stay of its set; raise the trip limit.');
    expect(warnings.unserved).toMatchObject([{ code: 'TRIP_SHORTER_THAN_STAY', count: 1, params: { tripDays: 30, stayDays: 65 } }]);
    expect(warnings.unserved[0].message).toMatch(/^1 request unserved: Trip limit 30 days is shorter than the 65-day stay/);
    const zh = (await app.inject({ url: `/api/plans/${run.planId}/warnings`, headers })).json();
    expect(zh.vehicles[1].message).toContain('「空车」没有可运载的展品套组');
  });
});
