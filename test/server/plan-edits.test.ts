import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { sessionOf, userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { addDays, mondayFrom, testClock, workdayFrom, workdaysOf, yearOf } from '../helpers/clock.js';
import { minimalCatalogue } from '../helpers/fixtures.js';

// Next year's days: a stay set up on a Monday in March, moved a week on; another in June.
const Y = yearOf(1);
const march = mondayFrom(`${Y}-03-08`);
const stay = (setUp: string) => ({ startsOn: setUp, opensOn: addDays(setUp, 3), closesOn: addDays(setUp, 23), endsOn: addDays(setUp, 25) });
const june = mondayFrom(`${Y}-06-07`);

describe.each(databaseKinds)('checked plan edits on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cat: Awaited<ReturnType<typeof minimalCatalogue>>;
  let coordinator: { userId: number; headers: SessionHeaders };
  // Each test edits a stay of its own draft plan (a fresh plan of the same region, beforeEach).
  let planId: number;
  let stopId: number;

  const planUrl = () => `/api/plans/${planId}`;
  const revision = async () => Number((await app.inject({ url: planUrl(), headers: coordinator.headers })).headers.etag!.replaceAll('"', ''));
  const patch = (headers: Record<string, string>, body: object, rev?: number | string) =>
    app.inject({
      method: 'PATCH',
      url: `${planUrl()}/stops/${stopId}`,
      headers: { ...headers, ...(rev === undefined ? {} : { 'if-match': `"${rev}"` }) },
      payload: body,
    });

  /** Adds a stay of the first truck and set at `venueId`, set up on `setUp`, through the API. */
  const addStop = async (venueId: number, setUp: string) => {
    const res = await app.inject({
      method: 'POST',
      url: `${planUrl()}/stops`,
      headers: { ...coordinator.headers, 'if-match': `"${await revision()}"` },
      payload: { vehicleId: cat.vehicles[0]!.id, exhibitSetId: cat.sets[0]!.id, venueId, ...stay(setUp) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().stop.id as number;
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    cat = await minimalCatalogue(database.db);
    const db = database.db;
    // Each truck carries its set; the venues are open every day.
    await db.insert(t.vehicleSets).values(cat.vehicles.map((v, i) => ({ vehicleId: v.id, exhibitSetId: cat.sets[i]!.id })));
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = await userWithSession(db, [{ role: 'coordinator', regionId: cat.regionId }]);
  });
  beforeEach(async () => {
    const [plan] = await database.db.insert(t.plans).values({ regionId: cat.regionId, horizonStart: cat.plan.horizonStart, horizonEnd: cat.plan.horizonEnd }).returning();
    planId = plan!.id;
    stopId = await addStop(cat.venues[0]!.id, march);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('moves a stay by its start date, returns the new legs and revision, and audits it', async () => {
    const rev = await revision();
    const res = await patch(coordinator.headers, { startsOn: addDays(march, 7) }, rev);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.stop).toMatchObject(stay(addDays(march, 7)));
    expect(body.revision).toBe(rev + 1);
    expect(res.headers.etag).toBe(`"${rev + 1}"`);
    expect(body.legs.length).toBeGreaterThanOrEqual(1);
    expect(body.legs.some((l: { toStopId: number }) => l.toStopId === stopId)).toBe(true);
    const log = await database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, 'stop'), eq(t.auditLog.entityId, String(stopId))));
    const edit = log.find((e) => e.action === 'stop.edit')!;
    expect(edit.actorUserId).toBe(coordinator.userId);
    expect(edit.before).toMatchObject({ startsOn: march });
    expect(edit.after).toMatchObject({ startsOn: addDays(march, 7) });
  });

  it('answers an edit without If-Match with 428 and a stale one with 409, writing nothing', async () => {
    const rev = await revision();
    expect((await patch(coordinator.headers, { startsOn: addDays(march, 43) })).json().code).toBe('IF_MATCH_REQUIRED');
    const stale = await patch(coordinator.headers, { startsOn: addDays(march, 43) }, rev - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PLAN_REVISION_STALE');
    const [s] = await database.db.select().from(t.stops).where(eq(t.stops.id, stopId));
    expect(s!.startsOn).toBe(march);
    expect(await revision()).toBe(rev);
  });

  it('refuses an edit that breaks a planning rule with 422 and the violations in words, and keeps the plan', async () => {
    const rev = await revision();
    // The second truck cannot carry the first set.
    const res = await app.inject({
      method: 'PATCH',
      url: `${planUrl()}/stops/${stopId}`,
      headers: { ...coordinator.headers, 'if-match': `"${rev}"`, 'accept-language': 'en' },
      payload: { vehicleId: cat.vehicles[1]!.id },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('EDIT_BREAKS_RULES');
    const violations = res.json().details.violations as Array<{ kind: string; stopId: number; message: string }>;
    expect(violations.length).toBeGreaterThan(0);
    expect(violations[0]).toMatchObject({ stopId });
    expect(violations.every((v) => v.message.length > 10)).toBe(true);
    const [s] = await database.db.select().from(t.stops).where(eq(t.stops.id, stopId));
    expect(s!.vehicleId).toBe(cat.vehicles[0]!.id);
    expect(await revision()).toBe(rev);
  });

  it('answers an overlap with another stay of the vehicle with 409 STOP_OVERLAP_VEHICLE', async () => {
    await addStop(cat.venues[1]!.id, june);
    const rev = await revision();
    const res = await patch(coordinator.headers, { startsOn: addDays(june, -6) }, rev);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STOP_OVERLAP_VEHICLE');
    const [s] = await database.db.select().from(t.stops).where(eq(t.stops.id, stopId));
    expect(s!.startsOn).toBe(march);
    expect(await revision()).toBe(rev);
  });

  it('keeps a tour numbered in date order after a stay moves past another', async () => {
    const juneStopId = await addStop(cat.venues[1]!.id, june);
    const res = await patch(coordinator.headers, { startsOn: workdayFrom(`${Y}-09-06`) }, await revision());
    expect(res.statusCode, res.body).toBe(200);
    const rows = await database.db.select().from(t.stops).where(and(eq(t.stops.planId, planId), eq(t.stops.vehicleId, cat.vehicles[0]!.id)));
    const byDate = [...rows].sort((x, y) => x.startsOn.localeCompare(y.startsOn));
    expect(byDate.map((r) => r.id)).toEqual([juneStopId, stopId]);
    expect(byDate.map((r) => r.seq)).toEqual([1, 2]);
    // The legs follow the new order (the two stays are months apart, so the truck goes home between them).
    const legs = res.json().legs as Array<{ fromStopId: number | null; toStopId: number | null }>;
    expect(legs.map((l) => l.toStopId).filter((x) => x !== null)).toEqual([byDate[0]!.id, stopId]);
    expect(legs.at(-1)).toMatchObject({ fromStopId: stopId, toStopId: null });
  });

  {
    // On Postgres the fifty transactions really run at once (a pool of 10 connections); PGlite has
    // one connection and runs them one after another, which must give the same answer.
    it('lets exactly one of fifty concurrent edits of one stop through: the rest get 409 stale, the stay keeps the winner’s day', async () => {
      // Each session drags the stay to a different working day of next year's August.
      const augustWorkdays = workdaysOf(`${Y}-08`).slice(0, 20);
      const sessions = await Promise.all(Array.from({ length: 50 }, () => sessionOf(database.db, coordinator.userId)));
      const rev = await revision();
      const results = await Promise.all(
        sessions.map((h, i) => patch(h, { startsOn: augustWorkdays[i % augustWorkdays.length]! }, rev)),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(49);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'PLAN_REVISION_STALE')).toBe(true);
      expect(await revision()).toBe(rev + 1);
      // The one edit that went through is the one the plan shows (the database's overlap rules
      // themselves are tested in db/constraints.test.ts).
      const winner = results.find((r) => r.statusCode === 200)!.json().stop as { startsOn: string };
      const live = await database.db.select().from(t.stops).where(and(eq(t.stops.planId, planId), ne(t.stops.status, 'cancelled')));
      expect(live.map((s) => [s.id, s.startsOn])).toEqual([[stopId, winner.startsOn]]);
      expect(augustWorkdays).toContain(winner.startsOn);
    });
  }
});
