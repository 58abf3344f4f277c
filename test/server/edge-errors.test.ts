import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { addDays, testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// Every 4xx has one shape, {code, message}, even the ones Node's parser and Fastify's router give
// before any route runs; and dates a coordinator could never mean are refused with the field named.
describe('one error shape at the edge, and dates within reason', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;
  let ten: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase('embedded');
    ten = await tenant(database.db, '73');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const shapeOf = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { code: string; message: string } });

  it('answers headers or a URL past the size limit with 431 HEADERS_TOO_LARGE in the usual body', async () => {
    for (const res of [await fetch(`${base}/healthz`, { headers: { 'x-big': 'y'.repeat(20_000) } }), await fetch(`${base}/api/venues?q=${'x'.repeat(20_000)}`)]) {
      const r = await shapeOf(res);
      expect(r.status).toBe(431);
      expect(r.type).toMatch(/application\/json/);
      expect(r.body.code).toBe('HEADERS_TOO_LARGE');
      expect(r.body.message).toMatch(/Cookie/);
      expect(r.body.message).toMatch(/cookies/);
    }
  });

  it('answers a path parameter past its length with 414 URL_TOO_LONG, in English when asked', async () => {
    const r = await shapeOf(await fetch(`${base}/api/venues/${'1'.repeat(200)}`, { headers: { 'accept-language': 'en' } }));
    expect(r.status).toBe(414);
    expect(r.body).toMatchObject({ code: 'URL_TOO_LONG', message: expect.stringMatching(/URL is too long/) });
  });

  it('refuses a request window in year 9999 with 400 naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: ten.users.host.headers,
      payload: { venueId: ten.venues[0]!.id, setKind: 'caravan_kit', windowStart: '9999-01-01', windowEnd: '9999-02-01', openDays: 2 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toMatch(/windowStart/);
  });

  it('refuses a checked add outside the plan horizon with 422 STAY_OUTSIDE_HORIZON and writes nothing', async () => {
    const { horizon } = tenantDays();
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, ten.draft.id));
    const startsOn = addDays(horizon.horizonEnd, -3);
    const stopsBefore = await database.db.select().from(t.stops).where(eq(t.stops.planId, ten.draft.id));
    const res = await app.inject({
      method: 'POST',
      url: `/api/plans/${ten.draft.id}/stops`,
      headers: { ...ten.users.coordinator.headers, 'if-match': `"${plan!.revision}"`, 'accept-language': 'en' },
      payload: { vehicleId: ten.vehicles[0]!.id, exhibitSetId: ten.sets[0]!.id, venueId: ten.venues[1]!.id, startsOn, opensOn: addDays(startsOn, 1), closesOn: addDays(startsOn, 30), endsOn: addDays(startsOn, 31) },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'STAY_OUTSIDE_HORIZON', message: expect.stringContaining(horizon.horizonEnd) });
    expect(await database.db.select().from(t.stops).where(eq(t.stops.planId, ten.draft.id))).toHaveLength(stopsBefore.length);
  });

  it('applies an edit sent with If-Match: * to the current revision, and refuses a tag it never issued with 409', async () => {
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, ten.draft.id));
    const [stop] = await database.db.select().from(t.stops).where(eq(t.stops.id, ten.draftStop.id));
    const edit = (ifMatch: string) =>
      app.inject({ method: 'PATCH', url: `/api/plans/${ten.draft.id}/stops/${stop!.id}`, headers: { ...ten.users.coordinator.headers, 'if-match': ifMatch, 'accept-language': 'en' }, payload: { pinned: !stop!.pinned } });
    const any = await edit('*');
    expect(any.statusCode, any.body).toBe(200);
    expect(any.headers.etag).toBe(`"${plan!.revision + 1}"`);
    const [after] = await database.db.select().from(t.stops).where(eq(t.stops.id, stop!.id));
    expect(after!.pinned).toBe(!stop!.pinned);
    const foreign = await edit('"not-a-revision"');
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json()).toMatchObject({ code: 'PLAN_REVISION_STALE', message: expect.any(String) });
  });
});
