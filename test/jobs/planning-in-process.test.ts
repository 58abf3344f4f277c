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
import { parseSse, startRun, waitForRun, type SseEvent } from '../helpers/planning.js';
import { inYears, testClock, testToday, yearOf } from '../helpers/clock.js';

// Next year: the demo (seeded at the suite's today) has its requests; no holiday data covers it yet.
const Y = yearOf(1);
const horizon = { horizonStart: inYears(1), horizonEnd: inYears(1, '12-31') };

// The whole planning path with no Redis: the embedded database and the in-process runner, driven
// through the API as a coordinator would.
describe('planning the Guizhou demo year in-process on the embedded database', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: SessionHeaders;
  let regionId: number;
  // The year planned once for the file, in beforeAll: the run's events, its draft and the draft's
  // row as stored (the publish test publishes it, in whatever order the tests run).
  let runId: number;
  let events: SseEvent[];
  let planId: number;
  let draft: typeof t.plans.$inferSelect | undefined;

  beforeAll(async () => {
    database = await openTestDatabase('embedded');
    regionId = (await seedDemoIfEmpty(database.db, { today: testToday() })).regionId!;
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId }])).headers;
    // 8000 iterations, progress every 200: the solving phase lasts some seconds, longer than the
    // stream's 400 ms between looks at the run (at 1000 it lasted about 200 ms, and the stream
    // sometimes saw no solving state at all), so the stream has solving states between 0 and 100.
    runId = await startRun(app, coordinator, regionId, { ...horizon, options: { iterations: 8000 } });
    events = parseSse((await app.inject({ url: `/api/planning-runs/${runId}/events`, headers: coordinator })).body);
    planId = (events.find((e) => e.event === 'done')?.data as { planId: number } | undefined)?.planId ?? 0;
    [draft] = await database.db.select().from(t.plans).where(eq(t.plans.id, planId));
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('reports in-process planning on /healthz', async () => {
    expect((await app.inject('/healthz')).json().jobs.mode).toBe('in-process');
  });

  it('plans the year, streaming its solving progress to the end, and stores a draft the validator accepts', async () => {
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as { phase: string; percent: number });
    // The last 100 is the stream's own closing word; the solver's states come before it.
    expect(progress.some((p) => p.phase === 'solving' && p.percent > 0 && p.percent < 100), JSON.stringify(progress)).toBe(true);
    expect(progress.map((p) => p.percent)).toEqual([...progress.map((p) => p.percent)].sort((a, b) => a - b));
    expect(progress.at(-1)!.percent).toBe(100);
    expect(planId).toBeGreaterThan(0);

    const run = await waitForRun(app, database.db, coordinator, runId);
    expect(run).toMatchObject({ status: 'succeeded', planId });
    const plan = draft;
    expect(plan).toMatchObject({ status: 'draft', horizonStart: horizon.horizonStart });
    expect(await validateStoredPlan(database.db, planId)).toEqual([]);
    expect(await validateCrewRules(database.db, planId)).toEqual([]);

    const m = plan!.metrics as Record<string, unknown>;
    expect(m.repeatedSets).toBe(0);
    expect(m.keyCountiesTotal).toBe(20);
    expect(m.keyCountiesCovered).toBe(20);
    expect(m.stopsServed as number).toBeGreaterThan(200);
    expect(m.provisionalYears).toEqual([Y]);
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
    // The demo's published timeline has nothing next year, so every stay of the draft is new.
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
      payload: { venueId: venue!.id, setKind: 'caravan_kit', windowStart: inYears(1, '09-01'), windowEnd: inYears(1, '10-31'), openDays: 2 },
    });
    expect(res.statusCode).toBe(200);
    const { options } = res.json() as { options: Array<{ startsOn: string; endsOn: string; vehicleName: string }> };
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(3);
    const starts = options.map((o) => o.startsOn);
    expect([...starts].sort()).toEqual(starts);
    for (const o of options) {
      expect(o.startsOn >= inYears(1, '09-01') && o.endsOn <= inYears(1, '10-31')).toBe(true);
      // National Day week is never offered for a caravan visit.
      expect(o.startsOn >= inYears(1, '10-01') && o.startsOn <= inYears(1, '10-03')).toBe(false);
    }
  });

  it('refuses a run for another region, and a reversed horizon, with clear codes', async () => {
    const other = await app.inject({ method: 'POST', url: '/api/regions/999/planning-runs', headers: coordinator, payload: horizon });
    expect(other.statusCode).toBe(404);
    const reversed = await app.inject({ method: 'POST', url: `/api/regions/${regionId}/planning-runs`, headers: coordinator, payload: { horizonStart: horizon.horizonEnd, horizonEnd: horizon.horizonStart } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('VALIDATION_FAILED');
  });
});
