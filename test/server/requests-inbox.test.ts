// What the coordinator's requests inbox asks of the server. GET /api/requests filters a region's
// requests by county, priority tier, kind and window days: each filter narrows to what it names, and
// none shows what the caller may not see. And what the coordinator reads about a request is in words,
// never an id: a refused decision names the request's venue, county and status (a bulk refusal must
// say which one), and the notice of a new request names its venue, county, kind and window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

describe.each(databaseKinds)('the requests inbox’s filters and words on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let other: Tenant;
  let caravanId = 0;
  let codes = 40;
  const days = tenantDays();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    a = await tenant(database.db, '81');
    other = await tenant(database.db, '92');
    // A caravan visit in early summer, asked for by the host of the key county's venue.
    const res = await app.inject({
      method: 'POST',
      url: '/api/requests',
      headers: a.users.host.headers,
      payload: { venueId: a.venues[0]!.id, setKind: 'caravan_kit', windowStart: `${days.year}-06-01`, windowEnd: `${days.year}-06-20`, openDays: 2, expectedAudience: 500, notes: '' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ countyCode: a.venues[0]!.countyCode, countyName: a.venues[0]!.countyName, priorityTier: 'key' });
    caravanId = res.json().id;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const ids = async (query: string, who: 'coordinator' | 'host' = 'coordinator') => {
    const res = await app.inject({ url: `/api/requests?${query}`, headers: a.users[who].headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { id: number }[]).map((r) => r.id).sort((x, y) => x - y);
  };
  const r0 = () => a.requests[0]!.id;
  const r1 = () => a.requests[1]!.id;
  const r2 = () => a.requests[2]!.id;

  it('filters by county, naming each request’s county and tier', async () => {
    expect(await ids(`countyCode=${a.venues[1]!.countyCode}`)).toEqual([r2()]);
    expect(await ids(`countyCode=${a.venues[2]!.countyCode}`)).toEqual([]);
    const res = await app.inject({ url: `/api/requests?countyCode=${a.venues[1]!.countyCode}`, headers: a.users.coordinator.headers });
    expect(res.json()[0]).toMatchObject({ venueName: a.venues[1]!.name, countyName: a.venues[1]!.countyName, countyCode: a.venues[1]!.countyCode, priorityTier: 'other' });
  });

  it('filters by priority tier and by kind, alone and together with the status', async () => {
    expect(await ids('priorityTier=key')).toEqual([r0(), r1(), caravanId]);
    expect(await ids('priorityTier=other')).toEqual([r2()]);
    expect(await ids('priorityTier=former_poverty')).toEqual([]);
    expect(await ids('setKind=caravan_kit')).toEqual([caravanId]);
    expect(await ids('setKind=roving_museum&priorityTier=key&status=requested')).toEqual([r1()]);
  });

  it('keeps the requests whose window overlaps the days asked for, either end included', async () => {
    // spring: 1 March – 30 June; autumn: 1 July – 31 October; the caravan: 1 – 20 June.
    expect(await ids(`from=${days.year}-07-01`)).toEqual([r1(), r2()]);
    expect(await ids(`to=${days.year}-06-30`)).toEqual([r0(), caravanId]);
    expect(await ids(`from=${days.year}-06-20&to=${days.year}-06-20`)).toEqual([r0(), caravanId]);
    expect(await ids(`from=${days.year}-06-21&to=${days.year}-06-30`)).toEqual([r0()]);
    expect(await ids(`from=${days.year}-11-01`)).toEqual([]);
  });

  it('never shows another region’s requests or another venue’s to a host, whatever the filter', async () => {
    expect(await ids(`countyCode=${other.venues[1]!.countyCode}`)).toEqual([]);
    expect(await ids(`regionId=${other.regionId}`)).toEqual([]);
    expect(await ids('priorityTier=other', 'host')).toEqual([]);
    expect(await ids('setKind=caravan_kit', 'host')).toEqual([caravanId]);
  });

  it('refuses a malformed filter with a 400 in words', async () => {
    for (const q of ['countyCode=52', 'priorityTier=urgent', 'setKind=bus', 'from=2026-02-30']) {
      const res = await app.inject({ url: `/api/requests?${q}`, headers: { ...a.users.coordinator.headers, 'accept-language': 'en' } });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().message, q).toBeTruthy();
    }
  });

  it('refuses a decision on a declined request naming its venue, county and status in either language', async () => {
    const a = await tenant(database.db, String(codes++));
    const headers = a.users.coordinator.headers;
    const id = a.requests[2]!.id;
    const venue = a.venues[1]!;
    expect((await app.inject({ method: 'POST', url: `/api/requests/${id}/decline`, headers, payload: { reason: '场地改造' } })).statusCode).toBe(200);
    const zh = await app.inject({ method: 'POST', url: `/api/requests/${id}/approve`, headers, payload: {} });
    expect(zh.statusCode).toBe(409);
    expect(zh.json().message).toBe(`${venue.name}（${venue.countyName}）的申请当前状态为“未通过”，不能批准。请刷新后查看最新状态。`);
    const en = await app.inject({ method: 'POST', url: '/api/requests/bulk', headers: { ...headers, 'accept-language': 'en' }, payload: { requestIds: [a.requests[1]!.id, id], action: 'approve' } });
    expect(en.statusCode).toBe(409);
    expect(en.json().message).toBe(`The request of ${venue.name} (${venue.countyName}) is declined now, so it cannot be approved; reload to see its current state.`);
  });

  it('tells the coordinator of a new request by venue, county, kind and window', async () => {
    const a = await tenant(database.db, String(codes++));
    const { year } = tenantDays();
    const venue = a.venues[0]!;
    const payload = { venueId: venue.id, setKind: 'caravan_kit', windowStart: `${year}-06-01`, windowEnd: `${year}-06-20`, openDays: 2, expectedAudience: 500, notes: '' };
    const created = await app.inject({ method: 'POST', url: '/api/requests', headers: a.users.host.headers, payload });
    expect(created.statusCode, created.body).toBe(201);
    const read = async (lang: string) => {
      const res = await app.inject({ url: '/api/notifications', headers: { ...a.users.coordinator.headers, 'accept-language': lang } });
      return (res.json() as { kind: string; text: string }[]).filter((n) => n.kind === 'request_created').map((n) => n.text);
    };
    expect(await read('zh-CN')).toEqual([`${venue.name}（${venue.countyName}）提交了新的展览申请：科普大篷车，${year}-06-01 至 ${year}-06-20。`]);
    expect(await read('en')).toEqual([`${venue.name} (${venue.countyName}) sent a new visit request: science caravan, ${year}-06-01 to ${year}-06-20.`]);
  });
});
