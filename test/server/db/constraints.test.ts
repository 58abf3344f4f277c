import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { ensureTour } from '../../../server/db/queries/stops.js';
import * as t from '../../../server/db/schema/index.js';
import { fromDatabaseError } from '../../../server/errors.js';
import { inProcessRuntime } from '../../../jobs/runtime.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { minimalCatalogue } from '../../helpers/fixtures.js';
import { userWithSession, type SessionHeaders } from '../../helpers/accounts.js';
import { addDays, mondayFrom, testClock, yearOf } from '../../helpers/clock.js';

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

// Days of next year (the fixture plan's horizon): `day('03-01')` is next year's March 1st.
const Y = yearOf(1);
const day = (monthDay: string) => `${Y}-${monthDay}`;

describe.each(databaseKinds)('database integrity on %s', (kind) => {
  let database: TestDatabase;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  // Each test writes into a draft plan of its own, with a tour for each of the two trucks.
  let planId: number;
  let tourV1: number;
  let tourV2: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cat = await minimalCatalogue(database.db);
  });
  beforeEach(async () => {
    const [plan] = await database.db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: cat.plan.horizonStart, horizonEnd: cat.plan.horizonEnd }).returning();
    planId = plan!.id;
    tourV1 = await ensureTour(database.db, planId, cat.vehicles[0]!.id);
    tourV2 = await ensureTour(database.db, planId, cat.vehicles[1]!.id);
  });
  afterAll(() => database?.dispose());

  const stay = (o: Partial<typeof t.stops.$inferInsert> & { startsOn: string; endsOn: string }) => ({
    planId,
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
    await database.db.insert(t.stops).values(stay({ startsOn: day('03-01'), endsOn: day('03-10') }));
    const r = await rejection(
      database.db
        .insert(t.stops)
        .values(stay({ startsOn: day('03-10'), endsOn: day('03-12'), seq: 2, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id })),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_vehicle_overlap' });
    await database.db
      .insert(t.stops)
      .values(stay({ startsOn: day('03-11'), endsOn: day('03-12'), seq: 2, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id }));
  });

  it('rejects two overlapping stops at one venue in one plan, even on different vehicles', async () => {
    await database.db.insert(t.stops).values(stay({ startsOn: day('05-01'), endsOn: day('05-20') }));
    const r = await rejection(
      database.db.insert(t.stops).values(
        stay({ startsOn: day('05-15'), endsOn: day('05-25'), tourId: tourV2, vehicleId: cat.vehicles[1]!.id, exhibitSetId: cat.sets[1]!.id }),
      ),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_venue_overlap' });
  });

  it('rejects one exhibit set in two places at once, even on different vehicles', async () => {
    await database.db.insert(t.stops).values(stay({ startsOn: day('05-01'), endsOn: day('05-20') }));
    const r = await rejection(
      database.db.insert(t.stops).values(
        stay({ startsOn: day('05-10'), endsOn: day('05-12'), tourId: tourV2, vehicleId: cat.vehicles[1]!.id, venueId: cat.venues[1]!.id }),
      ),
    );
    expect(r).toEqual({ code: '23P01', constraint: 'stops_no_set_overlap' });
  });

  it('keeps the plans apart: the same vehicle, set and venue on the same days in another plan are no clash', async () => {
    await database.db.insert(t.stops).values(stay({ startsOn: day('06-01'), endsOn: day('06-10') }));
    const [other] = await database.db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: cat.plan.horizonStart, horizonEnd: cat.plan.horizonEnd }).returning();
    const otherTour = await ensureTour(database.db, other!.id, cat.vehicles[0]!.id);
    await database.db.insert(t.stops).values(stay({ planId: other!.id, tourId: otherTour, startsOn: day('06-01'), endsOn: day('06-10') }));
  });

  it('lets a cancelled stop free its dates', async () => {
    const [s] = await database.db.insert(t.stops).values(stay({ startsOn: day('07-01'), endsOn: day('07-05') })).returning();
    const clash = stay({ startsOn: day('07-03'), endsOn: day('07-04'), seq: 2, venueId: cat.venues[1]!.id, exhibitSetId: cat.sets[1]!.id });
    expect((await rejection(database.db.insert(t.stops).values(clash))).code).toBe('23P01');
    await database.db.update(t.stops).set({ status: 'cancelled' }).where(eq(t.stops.id, s!.id));
    await database.db.insert(t.stops).values(clash);
  });

  it('rejects a stop that ends before it starts', async () => {
    const r = await rejection(
      database.db.insert(t.stops).values(stay({ startsOn: day('09-10'), endsOn: day('09-01'), opensOn: day('09-10'), closesOn: day('09-10') })),
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
    const revision = async () => (await database.db.select().from(t.plans).where(eq(t.plans.id, planId)))[0]!.revision;
    afterAll(() => app?.close());

    const post = async (payload: object, lang = 'zh-CN') =>
      app.inject({
        method: 'POST',
        url: `/api/plans/${planId}/stops`,
        payload,
        headers: { ...coordinator, 'accept-language': lang, 'if-match': `"${await revision()}"` },
      });
    // A stay of the first truck and set at venue 1, set up on a Monday of next October (after the
    // National Day week); `o` changes any field.
    const october = mondayFrom(day('10-11'));
    const body = (o: object) => ({
      vehicleId: cat.vehicles[0]!.id,
      exhibitSetId: cat.sets[0]!.id,
      venueId: cat.venues[1]!.id,
      startsOn: october,
      opensOn: addDays(october, 3),
      closesOn: addDays(october, 17),
      endsOn: addDays(october, 19),
      ...o,
    });
    /** One day, `n` days after the October stay is set up. */
    const oneDay = (n: number) => ({ startsOn: addDays(october, n), opensOn: addDays(october, n), closesOn: addDays(october, n + 1), endsOn: addDays(october, n + 1) });
    /** The October stay moved by `n` days (whole weeks keep it set up on a Monday). */
    const later = (n: number) => ({ startsOn: addDays(october, n), opensOn: addDays(october, n + 3), closesOn: addDays(october, n + 17), endsOn: addDays(october, n + 19) });
    const addOctoberStay = async () => {
      const ok = await post(body({}));
      expect(ok.statusCode, ok.body).toBe(201);
      return ok;
    };

    it('adds a stop, then answers an overlapping one with 409 and a clear code', async () => {
      const ok = await addOctoberStay();
      expect(ok.json().stop).toMatchObject({ startsOn: october, endsOn: addDays(october, 19), status: 'planned' });
      const clash = await post(body({ venueId: cat.venues[0]!.id, exhibitSetId: cat.sets[1]!.id, ...oneDay(19) }));
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'STOP_OVERLAP_VEHICLE' });
      expect(clash.json().message).toContain('这辆车');
    });

    it('answers an overlap at a venue with 409 STOP_OVERLAP_VENUE, in English when asked', async () => {
      await addOctoberStay();
      const clash = await post(body({ vehicleId: cat.vehicles[1]!.id, exhibitSetId: cat.sets[1]!.id, ...oneDay(4) }), 'en-US,en;q=0.9');
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'STOP_OVERLAP_VENUE' });
      expect(clash.json().message).toMatch(/venue already hosts/);
    });

    it('answers a stop that ends before it starts with 422 STOP_ENDS_BEFORE_START', async () => {
      const res = await post(body({ startsOn: addDays(october, 30), opensOn: addDays(october, 30), closesOn: addDays(october, 30), endsOn: addDays(october, 21) }));
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
      const res = await post(body({ vehicleId: 999999, ...oneDay(40) }));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('REFERENCE_NOT_FOUND');
    });

    it('adds a stop all-or-nothing: one the database refuses leaves no new tour and no new revision behind', async () => {
      await addOctoberStay();
      // A third truck, with no tour in the plan yet, carrying the second set to the busy venue.
      const [v3] = await database.db.insert(t.vehicles).values({ regionId: cat.regionId, homeCentreId: cat.centre.id, name: 'V3', type: 'set_truck' }).returning();
      await database.db.insert(t.vehicleSets).values({ vehicleId: v3!.id, exhibitSetId: cat.sets[1]!.id });
      const toursBefore = await database.db.select().from(t.tours).where(eq(t.tours.planId, planId));
      const rev = await revision();
      const refused = await post(body({ vehicleId: v3!.id, exhibitSetId: cat.sets[1]!.id, ...later(7) }));
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('STOP_OVERLAP_VENUE');
      expect(await database.db.select().from(t.tours).where(eq(t.tours.planId, planId))).toEqual(toursBefore);
      expect(await revision()).toBe(rev);
      // The same stay once the other one has ended goes in, on a tour of its own.
      const ok = await post(body({ vehicleId: v3!.id, exhibitSetId: cat.sets[1]!.id, ...later(28) }));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(await database.db.select().from(t.tours).where(eq(t.tours.planId, planId))).toHaveLength(toursBefore.length + 1);
    });
  });
});
