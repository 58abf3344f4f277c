// The coordinator's inbox asks GET /api/requests for a region's requests by county, priority tier,
// kind and window days; each filter narrows to what it names, and none shows what the caller may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

describe.each(databaseKinds)('request filters on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let other: Tenant;
  let caravanId = 0;
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
});
