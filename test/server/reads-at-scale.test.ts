import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { addDays, testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// Reads at scale (issue 14, point 9): long lists come a page at a time with a Link to the next;
// plan, stop and itinerary reads carry an ETag and answer 304 to a client that already has them.
describe.each(databaseKinds)('reads at scale on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  const code = kind === 'postgres' ? '87' : '88';

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, code);
    const many = Array.from({ length: 1_203 }, (_, i) => ({
      regionId: a.regionId,
      countyCode: `52${code}${String(i % 100).padStart(2, '0')}`,
      countyName: `县${i}`,
      name: `大量展点 ${i}`,
      kind: 'school' as const,
      level: 'township' as const,
      priorityTier: 'other' as const,
      address: `地址 ${i}`,
      lng: 106.7,
      lat: 26.5,
      floorAreaM2: 100,
      powerKw: 10,
      contactName: '联系人',
      contactPhone: '13800000000',
    }));
    for (let i = 0; i < many.length; i += 500) await database.db.insert(t.venues).values(many.slice(i, i + 500));
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers });

  it('lists 1,206 venues 1000 a page, the Link header leading to the rest, each venue once', async () => {
    const coordinator = a.users.coordinator.headers;
    const first = await get(`/api/venues?regionId=${a.regionId}`, coordinator);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toHaveLength(1000);
    const next = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link))![1]!;
    const second = await get(next, coordinator);
    expect(second.json()).toHaveLength(206);
    expect(second.headers.link).toBeUndefined();
    const ids = [...first.json(), ...second.json()].map((v: { id: number }) => v.id);
    expect(new Set(ids).size).toBe(1206);

    const small = await get(`/api/venues?regionId=${a.regionId}&limit=2&offset=1`, coordinator);
    expect(small.json().map((v: { id: number }) => v.id)).toEqual(ids.slice(1, 3));
    const tooMany = await get(`/api/venues?limit=5000`, { ...coordinator, 'accept-language': 'en' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('VALIDATION_FAILED');
  });

  it('gives every list a page at a time: one row a page, the Link leading through all of them in the order of the whole list', async () => {
    const coordinator = a.users.coordinator.headers;
    // Two or more rows in each list, whatever the tenant started with.
    await database.db.insert(t.centres).values({ regionId: a.regionId, name: `第二中心${code}`, kind: 'provincial', countyCode: '520102', lng: 106.7, lat: 26.6 });
    await database.db.insert(t.drivers).values({ regionId: a.regionId, name: `第二位司机${code}` });
    await database.db.insert(t.venueBlackouts).values({ venueId: a.venues[0]!.id, startsOn: addDays(a.published.horizonEnd, -3), endsOn: addDays(a.published.horizonEnd, -2) });
    const run = { regionId: a.regionId, horizonStart: a.draft.horizonStart, horizonEnd: a.draft.horizonEnd };
    await database.db.insert(t.planningRuns).values([run, run]);
    await database.db.insert(t.notifications).values([1, 2].map((n) => ({ userId: a.users.coordinator.userId, kind: 'request_created', params: { n } })));
    const lists = [
      `/api/centres?regionId=${a.regionId}`,
      `/api/exhibit-sets?regionId=${a.regionId}`,
      `/api/vehicles?regionId=${a.regionId}`,
      `/api/drivers?regionId=${a.regionId}`,
      `/api/venues/${a.venues[0]!.id}/blackouts`,
      `/api/requests?regionId=${a.regionId}`,
      `/api/plans?regionId=${a.regionId}`,
      `/api/users`,
      `/api/regions/${a.regionId}/planning-runs`,
      `/api/notifications`,
    ];
    const walked: Record<string, number> = {};
    for (const list of lists) {
      const whole = await get(list, coordinator);
      expect({ list, status: whole.statusCode }).toEqual({ list, status: 200 });
      const ids = whole.json().map((r: { id: number }) => r.id);
      const paged: number[] = [];
      let url: string | undefined = `${list}${list.includes('?') ? '&' : '?'}limit=1`;
      while (url) {
        const res = await get(url, coordinator);
        expect({ url, rows: res.json().length }).toEqual({ url, rows: 1 });
        paged.push(res.json()[0].id);
        url = /^<([^>]+)>; rel="next"$/.exec(String(res.headers.link ?? ''))?.[1];
      }
      expect({ list, paged }).toEqual({ list, paged: ids });
      walked[list] = ids.length;
    }
    expect(Object.entries(walked).filter(([, n]) => n < 2)).toEqual([]);
  });

  it('pages a plan’s stays on request, in one order', async () => {
    const coordinator = a.users.coordinator.headers;
    const all = (await get(`/api/plans/${a.published.id}/stops`, coordinator)).json() as { id: number }[];
    const pages: number[] = [];
    let url: string | undefined = `/api/plans/${a.published.id}/stops?limit=1`;
    while (url) {
      const res = await get(url, coordinator);
      expect(res.statusCode).toBe(200);
      pages.push(...res.json().map((s: { id: number }) => s.id));
      url = /^<([^>]+)>/.exec(String(res.headers.link ?? ''))?.[1];
    }
    expect(pages).toEqual(all.map((s) => s.id));
  });

  it('answers 304 to a plan, stops and itinerary read the client already has, and 200 once a stay moved', async () => {
    const coordinator = a.users.coordinator.headers;
    const reads = [
      { url: `/api/plans/${a.published.id}`, headers: coordinator },
      { url: `/api/plans/${a.published.id}/stops`, headers: coordinator },
      { url: `/api/vehicles/${a.vehicles[0]!.id}/itinerary`, headers: a.users.driver.headers },
    ];
    const tags: string[] = [];
    for (const r of reads) {
      const first = await get(r.url, r.headers);
      expect(first.statusCode, first.body).toBe(200);
      const tag = String(first.headers.etag);
      expect(tag).toMatch(/^(W\/)?"[^"]+"$/);
      const again = await get(r.url, { ...r.headers, 'if-none-match': tag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      tags.push(tag);
    }
    // The tenant's published stay is its first vehicle's: moving it changes all three answers.
    const [plan] = await database.db.select().from(t.plans).where(eq(t.plans.id, a.published.id));
    const [stop] = await database.db.select().from(t.stops).where(eq(t.stops.id, a.publishedStop.id));
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/plans/${a.published.id}/stops/${stop!.id}`,
      headers: { ...coordinator, 'if-match': `"${plan!.revision}"` },
      payload: { startsOn: addDays(stop!.startsOn, 7) },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const [i, r] of reads.entries()) {
      const after = await get(r.url, { ...r.headers, 'if-none-match': tags[i]! });
      expect(after.statusCode, r.url).toBe(200);
      expect(after.headers.etag).not.toBe(tags[i]);
    }
  });
});
