import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { validateStoredPlan } from '../helpers/plan-validator.js';
import { validateCrewRules } from '../helpers/validator-crew.js';
import { parseSse, startRun, waitForRun } from '../helpers/planning.js';
import { testClock } from '../helpers/clock.js';

// The whole planning path with no Redis: the embedded database and the in-process runner, driven
// through the API as a coordinator would.
describe('planning the Guizhou demo year in-process on the embedded database', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: SessionHeaders;
  let regionId: number;
  let planId: number;

  beforeAll(async () => {
    database = await openTestDatabase('embedded');
    regionId = (await seedDemoIfEmpty(database.db, { today: '2026-11-29' })).regionId!;
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId }])).headers;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('reports in-process planning on /healthz', async () => {
    expect((await app.inject('/healthz')).json().jobs.mode).toBe('in-process');
  });

  it('plans the year, streaming progress to the end, and stores a draft the validator accepts', async () => {
    const runId = await startRun(app, coordinator, regionId, { horizonStart: '2027-01-01', horizonEnd: '2027-12-31', options: { iterations: 300 } });
    const events = parseSse((await app.inject({ url: `/api/planning-runs/${runId}/events`, headers: coordinator })).body);
    const progress = events.filter((e) => e.event === 'progress').map((e) => (e.data as { percent: number }).percent);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(100);
    const done = events.find((e) => e.event === 'done');
    expect(done).toBeDefined();
    planId = (done!.data as { planId: number }).planId;

    const run = await waitForRun(app, coordinator, runId);
    expect(run).toMatchObject({ status: 'succeeded', planId });
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, planId));
    expect(plan).toMatchObject({ status: 'draft', horizonStart: '2027-01-01' });
    expect(await validateStoredPlan(database.db, planId)).toEqual([]);
    expect(await validateCrewRules(database.db, planId)).toEqual([]);

    const m = plan!.metrics as Record<string, unknown>;
    expect(m.repeatedSets).toBe(0);
    expect(m.keyCountiesTotal).toBe(20);
    expect(m.keyCountiesCovered).toBe(20);
    expect(m.stopsServed as number).toBeGreaterThan(200);
    expect(m.provisionalYears).toEqual([2027]);
  });

  it('lists every unserved request with a reason in words, and their number matches the metrics', async () => {
    const list = (await app.inject({ url: `/api/plans/${planId}/unserved`, headers: coordinator })).json() as Array<{ reason: { code: string }; reasonText: string }>;
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, planId));
    expect(list).toHaveLength((plan!.metrics as { requestsUnserved: number }).requestsUnserved);
    for (const u of list) {
      expect(u.reason.code).toMatch(/^[A-Z_]+$/);
      expect(u.reasonText.length).toBeGreaterThan(10);
      expect(u.reasonText).not.toBe(u.reason.code);
    }
  });

  it('diffs the draft against the published plan and publishes it as the next version', async () => {
    const diff = (await app.inject({ url: `/api/plans/${planId}/diff`, headers: coordinator })).json();
    // The published 2025-2026 plan has nothing in 2027, so every 2027 stay is new.
    expect(diff.added.length).toBeGreaterThan(200);
    expect(diff.removed).toEqual([]);
    const res = await app.inject({ method: 'POST', url: `/api/plans/${planId}/publish`, headers: coordinator });
    expect(res.statusCode).toBe(200);
    // The draft is applied to the region's one timeline, which keeps its id and counts the version.
    const timelineId = diff.timelinePlanId as number;
    expect(res.json()).toMatchObject({ plan: { id: timelineId, status: 'published' }, version: 2 });
    const plans = await database.db.select().from(t.plans).where(eq(t.plans.regionId, regionId));
    expect(plans.filter((p) => p.status === 'published').map((p) => p.id)).toEqual([timelineId]);
    expect(plans.find((p) => p.id === planId)).toMatchObject({ status: 'superseded', version: 2 });
    // Served requests are now scheduled, with the change in their history.
    const [stop] = await database.db.select().from(t.stops).where(eq(t.stops.planId, planId)).limit(1);
    const [req] = await database.db.select().from(t.requests).where(eq(t.requests.id, stop!.requestId!));
    expect(req!.status).toBe('scheduled');
    const again = await app.inject({ method: 'POST', url: `/api/plans/${planId}/publish`, headers: coordinator });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PLAN_NOT_DRAFT');
  });

  it('suggests the earliest feasible dates for a new request at a host venue', async () => {
    const [venue] = await database.db.select().from(t.venues).where(eq(t.venues.countyCode, '520527'));
    const host = (await userWithSession(database.db, [{ role: 'host', venueId: venue!.id }])).headers;
    const res = await app.inject({
      method: 'POST',
      url: '/api/requests/advice',
      headers: host,
      payload: { venueId: venue!.id, setKind: 'caravan_kit', windowStart: '2027-09-01', windowEnd: '2027-10-31', openDays: 2 },
    });
    expect(res.statusCode).toBe(200);
    const { options } = res.json() as { options: Array<{ startsOn: string; endsOn: string; vehicleName: string }> };
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(3);
    const starts = options.map((o) => o.startsOn);
    expect([...starts].sort()).toEqual(starts);
    for (const o of options) {
      expect(o.startsOn >= '2027-09-01' && o.endsOn <= '2027-10-31').toBe(true);
      // National Day week is never offered for a caravan visit.
      expect(o.startsOn >= '2027-10-01' && o.startsOn <= '2027-10-03').toBe(false);
    }
  });

  it('refuses a run for another region, and a reversed horizon, with clear codes', async () => {
    const other = await app.inject({ method: 'POST', url: '/api/regions/999/planning-runs', headers: coordinator, payload: { horizonStart: '2027-01-01', horizonEnd: '2027-12-31' } });
    expect(other.statusCode).toBe(404);
    const reversed = await app.inject({ method: 'POST', url: `/api/regions/${regionId}/planning-runs`, headers: coordinator, payload: { horizonStart: '2027-12-31', horizonEnd: '2027-01-01' } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('VALIDATION_FAILED');
  });
});
