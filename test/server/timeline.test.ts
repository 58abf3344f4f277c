import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { addDays, testClock, testToday, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { waitForRun } from '../helpers/planning.js';

// The region's one timeline, from outside the planner: on the demo, through the API, a re-plan
// from inside a running stay, a next-year plan and a three-month plan for a far year are each
// published; after every step, every fact and promise is still there as it was, past reports read
// the same and itineraries outside the draft's horizon are unchanged.

type App = Awaited<ReturnType<typeof buildApp>>;
interface ItineraryStop {
  stopId: number;
  startsOn: string;
  endsOn: string;
  status: string;
  exhibitSet: { id: number };
}

describe.each(databaseKinds)('the timeline keeps every fact and promise (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let coordinator: SessionHeaders;
  let regionId: number;
  const today = testToday();
  const lastYear = { from: `${yearOf(-1)}-01-01`, to: `${yearOf(-1)}-12-31` };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    regionId = (await seedDemoIfEmpty(database.db, { today })).regionId!;
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId }])).headers;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** Every stay under way, done or confirmed on the timeline, with its visit report. */
  async function promisesAndFacts() {
    const [timeline] = await database.db.select().from(t.plans).where(and(eq(t.plans.regionId, regionId), eq(t.plans.status, 'published')));
    const rows = await database.db
      .select({ stop: t.stops, attendance: t.visitReports.attendance })
      .from(t.stops)
      .leftJoin(t.visitReports, eq(t.visitReports.stopId, t.stops.id))
      .where(and(eq(t.stops.planId, timeline!.id), inArray(t.stops.status, ['arrived', 'completed', 'confirmed'])));
    return new Map(
      rows.map(({ stop: s, attendance }) => [
        s.id,
        { status: s.status, startsOn: s.startsOn, opensOn: s.opensOn, closesOn: s.closesOn, endsOn: s.endsOn, vehicleId: s.vehicleId, exhibitSetId: s.exhibitSetId, venueId: s.venueId, attendance },
      ]),
    );
  }

  async function report(period: { from: string; to: string }) {
    const res = await app.inject({ url: `/api/regions/${regionId}/reports?from=${period.from}&to=${period.to}`, headers: coordinator });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  async function itineraries() {
    const vehicles = await database.db.select({ id: t.vehicles.id }).from(t.vehicles).where(eq(t.vehicles.regionId, regionId));
    const out = new Map<number, ItineraryStop[]>();
    for (const v of vehicles) {
      const res = await app.inject({ url: `/api/vehicles/${v.id}/itinerary`, headers: coordinator });
      expect(res.statusCode).toBe(200);
      out.set(v.id, (res.json() as { stops: ItineraryStop[] }).stops.map((s) => ({ stopId: s.stopId, startsOn: s.startsOn, endsOn: s.endsOn, status: s.status, exhibitSet: { id: s.exhibitSet.id } })));
    }
    return out;
  }

  /** A finished run's draft, published: the diff must hold no conflict (the planner keeps every promise). */
  async function planAndPublish(body: object, url = `/api/regions/${regionId}/planning-runs`) {
    const res = await app.inject({ method: 'POST', url, headers: coordinator, payload: body });
    expect(res.statusCode, res.body).toBe(202);
    const run = await waitForRun(app, database.db, coordinator, res.json().runId as number);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const diff = (await app.inject({ url: `/api/plans/${run.planId}/diff`, headers: coordinator })).json();
    expect(diff.conflicts.map((c: { kind: string; stopId: number; reason: { code: string } }) => `${c.kind} ${c.stopId} ${c.reason.code}`)).toEqual([]);
    const published = await app.inject({ method: 'POST', url: `/api/plans/${run.planId}/publish`, headers: coordinator, payload: {} });
    expect(published.statusCode, published.body).toBe(200);
    return { draftId: run.planId as number, horizon: { start: diff.horizonStart as string, end: diff.horizonEnd as string }, published: published.json() };
  }

  function expectKept(before: Awaited<ReturnType<typeof promisesAndFacts>>, after: Awaited<ReturnType<typeof promisesAndFacts>>) {
    for (const [id, s] of before) {
      // A stay may go forward (confirmed → under way → done), never back, and never elsewhere.
      const now = after.get(id);
      expect(now, `stay ${id} (${s.status}) disappeared`).toBeDefined();
      expect({ ...now, status: undefined }).toEqual({ ...s, status: undefined });
    }
  }

  function outside(its: Map<number, ItineraryStop[]>, h: { start: string; end: string }) {
    return new Map([...its].map(([v, stops]) => [v, stops.filter((s) => s.startsOn < h.start || s.startsOn > h.end)]));
  }

  it('re-plans from inside a running stay, then plans next year and a far quarter: facts, promises, past reports and other itineraries stay', async () => {
    const facts0 = await promisesAndFacts();
    expect([...facts0.values()].filter((s) => s.status === 'completed').length).toBeGreaterThan(100);
    const running = [...facts0.entries()].find(([, s]) => s.status === 'arrived' && s.endsOn > addDays(today, 3));
    expect(running, 'the demo has a stay under way today').toBeDefined();
    const report0 = await report(lastYear);
    expect(report0.totals?.visitors ?? report0.visitors).toBeGreaterThan(0);

    // 1. The monthly re-plan, from a day inside the running stay.
    let its = await itineraries();
    const from = addDays(today, 2);
    const step1 = await planAndPublish({ from, options: { iterations: 150 } }, `/api/regions/${regionId}/replan`);
    expect(step1.horizon.start).toBe(from);
    let facts = await promisesAndFacts();
    expectKept(facts0, facts);
    expect(await report(lastYear)).toEqual(report0);
    expect(outside(await itineraries(), step1.horizon)).toEqual(outside(its, step1.horizon));

    // 2. Next year: this year's rest stays as it is.
    its = await itineraries();
    const step2 = await planAndPublish({ horizonStart: `${yearOf(1)}-01-01`, horizonEnd: `${yearOf(1)}-12-31`, options: { iterations: 150 } });
    facts = await promisesAndFacts();
    expectKept(facts0, facts);
    expect(await report(lastYear)).toEqual(report0);
    expect(outside(await itineraries(), step2.horizon)).toEqual(outside(its, step2.horizon));
    expect(step2.published.version).toBe(step1.published.version + 1);
    expect(step2.published.summary.added, 'next year’s requests are planned').toBeGreaterThan(50);

    // 3. Three months of a far year replace nothing else.
    its = await itineraries();
    const far = yearOf(5);
    const step3 = await planAndPublish({ horizonStart: `${far}-03-01`, horizonEnd: `${far}-05-31`, options: { iterations: 100 } });
    expectKept(facts0, await promisesAndFacts());
    expect(await report(lastYear)).toEqual(report0);
    expect(outside(await itineraries(), step3.horizon)).toEqual(outside(its, step3.horizon));

    // Every publish is one version of the same timeline, on record.
    const versions = (await app.inject({ url: `/api/regions/${regionId}/publications`, headers: coordinator })).json() as { version: number; draftPlanId: number }[];
    expect(versions.slice(0, 3).map((v) => v.draftPlanId)).toEqual([step3.draftId, step2.draftId, step1.draftId]);
  });
});
