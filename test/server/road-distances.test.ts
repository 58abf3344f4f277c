import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { addDays, mondayFrom, testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { minimalCatalogue } from '../helpers/fixtures.js';

// PUT /api/regions/:regionId/road-distances: a region's road matrix, uploaded by its coordinator,
// replaces the one before, and the legs of a stay added afterwards are driven on it.

describe.each(databaseKinds)('the road matrix upload on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: SessionHeaders;
  // One region (the fixture's code is fixed); each test uploads the matrix it starts from.
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    cat = await minimalCatalogue(database.db);
    await database.db.insert(t.vehicleSets).values(cat.vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: cat.sets[i]!.id })));
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId: cat.regionId }])).headers;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const upload = (regionId: number, entries: object[]) =>
    app.inject({ method: 'PUT', url: `/api/regions/${regionId}/road-distances`, headers: coordinator, payload: { entries } });

  it('replaces the matrix, audits it, and the legs of a new stay follow it', async () => {
    const centre = `centre:${cat.centre.id}`;
    const venue = `venue:${cat.venues[0]!.id}`;
    const first = await upload(cat.regionId, [{ from: centre, to: `venue:${cat.venues[1]!.id}`, distanceM: 1000, driveMinutes: 10 }]);
    expect(first.statusCode, first.body).toBe(200);
    // The mountain road is much longer than the 40 km or so as the crow flies.
    const res = await upload(cat.regionId, [
      { from: centre, to: venue, distanceM: 123_456, driveMinutes: 170 },
      { from: venue, to: centre, distanceM: 123_456, driveMinutes: 170 },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ entries: 2 });
    const rows = await database.db.select().from(t.roadDistances).where(eq(t.roadDistances.regionId, cat.regionId));
    expect(rows.map((r) => [r.fromPlace, r.toPlace, r.distanceM]).sort()).toEqual([
      [centre, venue, 123_456],
      [venue, centre, 123_456],
    ]);
    const log = await database.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'load-road-distances'));
    expect(log.filter((e) => e.entityId === String(cat.regionId)).length).toBeGreaterThanOrEqual(2);

    const setUp = mondayFrom(`${yearOf(1)}-04-06`);
    const rev = (await app.inject({ url: `/api/plans/${cat.plan.id}`, headers: coordinator })).headers.etag!;
    const added = await app.inject({
      method: 'POST',
      url: `/api/plans/${cat.plan.id}/stops`,
      headers: { ...coordinator, 'if-match': rev },
      payload: { vehicleId: cat.vehicles[0]!.id, exhibitSetId: cat.sets[0]!.id, venueId: cat.venues[0]!.id, startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) },
    });
    expect(added.statusCode, added.body).toBe(201);
    const stopId = added.json().stop.id as number;
    const legs = (await app.inject({ url: `/api/plans/${cat.plan.id}/legs`, headers: coordinator })).json() as Array<{ fromStopId: number | null; toStopId: number | null; distanceM: number }>;
    expect(legs.find((l) => l.fromStopId === null && l.toStopId === stopId)?.distanceM).toBe(123_456);
    expect(legs.find((l) => l.fromStopId === stopId && l.toStopId === null)?.distanceM).toBe(123_456);
  });

  it('refuses a place that is not a venue or centre, or an empty matrix, and keeps the one it had', async () => {
    const kept = { from: `centre:${cat.centre.id}`, to: `venue:${cat.venues[0]!.id}`, distanceM: 5000, driveMinutes: 9 };
    expect((await upload(cat.regionId, [kept])).statusCode).toBe(200);
    for (const entries of [[{ ...kept, from: 'depot:1' }], [{ ...kept, driveMinutes: -1 }], []]) {
      const res = await upload(cat.regionId, entries);
      expect(res.statusCode, JSON.stringify(entries)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const rows = await database.db.select().from(t.roadDistances).where(eq(t.roadDistances.regionId, cat.regionId));
    expect(rows.map((r) => r.distanceM)).toEqual([5000]);
  });
});
