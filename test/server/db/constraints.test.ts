import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { addStop, ensureTour } from '../../../server/db/queries/stops.js';
import * as t from '../../../server/db/schema/index.js';
import { fromDatabaseError } from '../../../server/errors.js';
import { inProcessRuntime } from '../../../jobs/runtime.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { minimalCatalogue } from '../../helpers/fixtures.js';
import { userWithSession, type SessionHeaders } from '../../helpers/accounts.js';
import { testClock } from '../../helpers/clock.js';

/** The SQLSTATE and constraint of the database error a write raised (drizzle wraps it in `cause`). */
async function rejection(write: Promise<unknown>): Promise<{ code: string; constraint: string }> {
  try {
    await write;
  } catch (err) {
    const pg = ((err as { cause?: unknown }).cause ?? err) as { code: string; constraint?: string; constraint_name?: string };
    return { code: pg.code, constraint: pg.constraint_name ?? pg.constraint ?? '' };
  }
  throw new Error('the database accepted the write');
}

describe.each(databaseKinds)('database integrity on %s', (kind) => {
  let database: TestDatabase;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  let tourV1: number;
  let tourV2: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cat = await minimalCatalogue(database.db);
    tourV1 = await ensureTour(database.db, cat.plan.id, cat.vehicles[0]!.id);
    tourV2 = await ensureTour(database.db, cat.plan.id, cat.vehicles[1]!.id);
  });
  afterAll(() => database?.dispose());

  const stay = (o: Partial<typeof t.stops.$inferInsert> & { startsOn: string; endsOn: string }) => ({
    planId: cat.plan.id,
    tourId: tourV1,
    seq: 1,
    vehicleId: cat.vehicles[0]!.id,
    exhibitSetId: cat.sets[0]!.id,
    venueId: cat.venues[0]!.id,
    opensOn: o.startsOn,
    closesOn: o.endsOn,
    ...o,
  });

  it('rejects two overlapping stops of one vehicle in one plan, and accepts the next day', async () => {
    await database.db.insert(t.stops).values(stay({ startsOn: '2027-03-01', endsOn: '2027-03-10' }));
    const r = await rejection(
      database.db
        .insert(t.stops)
        .values(stay({ startsOn: '2027-03-10', endsOn: '2027-03-12', seq: 2, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id })),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_vehicle_overlap' });
    await database.db
      .insert(t.stops)
      .values(stay({ startsOn: '2027-03-11', endsOn: '2027-03-12', seq: 2, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id }));
  });

  it('rejects two overlapping stops at one venue in one plan, even on different vehicles', async () => {
    await database.db.insert(t.stops).values(stay({ startsOn: '2027-05-01', endsOn: '2027-05-20', seq: 3 }));
    const r = await rejection(
      database.db.insert(t.stops).values(
        stay({ startsOn: '2027-05-15', endsOn: '2027-05-25', tourId: tourV2, vehicleId: cat.vehicles[1]!.id, exhibitSetId: cat.sets[1]!.id }),
      ),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_venue_overlap' });
  });

  it('rejects one exhibit set in two places at once', async () => {
    const r = await rejection(
      database.db.insert(t.stops).values(
        stay({ startsOn: '2027-05-10', endsOn: '2027-05-12', tourId: tourV2, vehicleId: cat.vehicles[1]!.id, venueId: cat.venues[1]!.id }),
      ),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_set_overlap' });
  });

  it('lets a cancelled stop free its dates', async () => {
    const [s] = await database.db.insert(t.stops).values(stay({ startsOn: '2027-07-01', endsOn: '2027-07-05', seq: 4 })).returning();
    const clash = stay({ startsOn: '2027-07-03', endsOn: '2027-07-04', seq: 5, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id });
    expect((await rejection(database.db.insert(t.stops).values(clash))).code).toBe('23P01');
    const { eq } = await import('drizzle-orm');
    await database.db.update(t.stops).set({ status: 'cancelled' }).where(eq(t.stops.id, s!.id));
    await database.db.insert(t.stops).values(clash);
  });

  it('rejects a stop that ends before it starts', async () => {
    const r = await rejection(
      database.db.insert(t.stops).values(stay({ startsOn: '2027-09-10', endsOn: '2027-09-01', opensOn: '2027-09-10', closesOn: '2027-09-10' })),
    );
    expect(r).toEqual({ code: '23514', constraint: 'stops_end_after_start' });
  });

  it('rejects a latitude of 91, and names the rule in the error a user sees', async () => {
    const write = database.db.insert(t.venues).values({
      regionId: cat.regionId,
      countyCode: '520102',
      countyName: '南明区',
      name: '坐标错误的展点',
      kind: 'school',
      lng: 106.7,
      lat: 91,
      floorAreaM2: 100,
      powerKw: 10,
    });
    let caught: unknown;
    await write.catch((e) => (caught = e));
    expect(fromDatabaseError(caught)?.code).toBe('LATITUDE_OUT_OF_RANGE');
  });

  describe('through the API', () => {
    let app: Awaited<ReturnType<typeof buildApp>>;
    let coordinator: SessionHeaders;
    beforeAll(async () => {
      app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
      coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId: cat.regionId }])).headers;
      // Stops added through the API are checked against the planning rules: each truck carries its set.
      await database.db.insert(t.vehicleSets).values(cat.vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: cat.sets[i]!.id })));
    });
    const revision = async () => (await database.db.select().from(t.plans).where((await import('drizzle-orm')).eq(t.plans.id, cat.plan.id)))[0]!.revision;
    afterAll(() => app?.close());

    const post = async (body: object, lang = 'zh-CN') =>
      app.inject({
        method: 'POST',
        url: `/api/plans/${cat.plan.id}/stops`,
        payload: body,
        headers: { ...coordinator, 'accept-language': lang, 'if-match': `"${await revision()}"` },
      });
    // Venue 1 has not seen set A's theme yet (the novelty rule would refuse venue 0, which had it in March).
    const body = (o: object) => ({
      vehicleId: cat.vehicles[0]!.id,
      exhibitSetId: cat.sets[0]!.id,
      venueId: cat.venues[1]!.id,
      startsOn: '2027-10-11',
      opensOn: '2027-10-14',
      closesOn: '2027-10-28',
      endsOn: '2027-10-30',
      ...o,
    });

    it('adds a stop, then answers an overlapping one with 409 and a clear code', async () => {
      const ok = await post(body({}));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().stop).toMatchObject({ startsOn: '2027-10-11', endsOn: '2027-10-30', status: 'planned' });
      const clash = await post(body({ venueId: cat.venues[0]!.id, exhibitSetId: cat.sets[1]!.id, startsOn: '2027-10-30', opensOn: '2027-10-30', closesOn: '2027-10-31', endsOn: '2027-10-31' }));
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'STOP_OVERLAP_VEHICLE' });
      expect(clash.json().message).toContain('这辆车');
    });

    it('answers an overlap at a venue with 409 STOP_OVERLAP_VENUE, in English when asked', async () => {
      const clash = await post(
        body({ vehicleId: cat.vehicles[1]!.id, exhibitSetId: cat.sets[1]!.id, startsOn: '2027-10-15', opensOn: '2027-10-15', closesOn: '2027-10-16', endsOn: '2027-10-16' }),
        'en-US,en;q=0.9',
      );
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'STOP_OVERLAP_VENUE' });
      expect(clash.json().message).toMatch(/venue already hosts/);
    });

    it('answers a stop that ends before it starts with 422 STOP_ENDS_BEFORE_START', async () => {
      const res = await post(body({ startsOn: '2027-11-10', opensOn: '2027-11-10', closesOn: '2027-11-10', endsOn: '2027-11-01' }));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('STOP_ENDS_BEFORE_START');
    });

    it('answers a venue at latitude 91 with 400 and the field at fault', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/venues',
        headers: coordinator,
        payload: { regionId: cat.regionId, countyCode: '520102', countyName: '南明区', name: '错误', kind: 'school', lng: 106.7, lat: 91, floorAreaM2: 100, powerKw: 10 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().details)).toContain('lat');
    });

    it('answers a stop for a plan that does not exist with 404', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/plans/999999/stops', payload: body({}), headers: { ...coordinator, 'if-match': '"1"' } });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
    });

    it('answers a stop naming a vehicle that does not exist with 422 REFERENCE_NOT_FOUND', async () => {
      const res = await post(body({ vehicleId: 999999, startsOn: '2027-12-01', opensOn: '2027-12-01', closesOn: '2027-12-02', endsOn: '2027-12-02' }));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('REFERENCE_NOT_FOUND');
    });
  });

  it('keeps addStop all-or-nothing: a rejected stop leaves no new tour behind', async () => {
    const before = await database.db.select().from(t.tours);
    const [v3] = await database.db
      .insert(t.vehicles)
      .values({ regionId: cat.regionId, homeCentreId: cat.centre.id, name: 'V3', type: 'caravan_iv' })
      .returning();
    await expect(
      addStop(database.db, cat.plan.id, {
        vehicleId: v3!.id,
        exhibitSetId: cat.sets[0]!.id,
        venueId: cat.venues[0]!.id,
        startsOn: '2027-03-05',
        opensOn: '2027-03-05',
        closesOn: '2027-03-06',
        endsOn: '2027-03-06',
      }),
    ).rejects.toThrow();
    expect(await database.db.select().from(t.tours)).toHaveLength(before.length);
  });
});
