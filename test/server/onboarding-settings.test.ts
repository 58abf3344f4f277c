import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { sessionOf } from '../helpers/accounts.js';
import { testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// A coordinator sets their region's planning settings and its closures per venue kind and year,
// starting from the usual Chinese school and farming calendar.
describe.each(databaseKinds)('region settings on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '61');
    b = await tenant(database.db, '62');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = async (method: string, url: string, payload?: object, lang = 'en') =>
    app.inject({ method: method as 'GET', url, headers: { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'accept-language': lang }, ...(payload ? { payload } : {}) });

  it('reads and changes the settings, audited; refuses bad values and another region', async () => {
    const url = `/api/regions/${a.regionId}/settings`;
    expect((await call('GET', url)).json()).toMatchObject({ timeZone: 'Asia/Shanghai', roadFactor: 1.4, noveltyMonths: 36, monthlySpeedKmh: null, defaultTripDays: {} });
    const speeds = [40, 40, 45, 50, 50, 45, 40, 40, 50, 50, 50, 45];
    const changed = await call('PATCH', url, { roadFactor: 1.5, monthlySpeedKmh: speeds, dailyDriveMinutes: 420, noveltyMonths: 24, kitNoveltyMonths: 6, defaultTripDays: { set_truck: 90, caravan_iv: 21 }, timeZone: 'Asia/Urumqi' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ roadFactor: 1.5, monthlySpeedKmh: speeds, dailyDriveMinutes: 420, defaultTripDays: { set_truck: 90, caravan_iv: 21 }, timeZone: 'Asia/Urumqi' });
    const [row] = await database.db.select().from(t.regions).where(eq(t.regions.id, a.regionId));
    expect(row).toMatchObject({ roadFactor: 1.5, noveltyMonths: 24, kitNoveltyMonths: 6 });
    const [log] = await database.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'region.settings'));
    expect(log).toMatchObject({ entityId: String(a.regionId), before: { roadFactor: 1.4 }, after: { roadFactor: 1.5 } });

    for (const bad of [{ roadFactor: 5 }, { monthlySpeedKmh: [40, 40] }, { timeZone: 'Mars/Olympus' }, { defaultTripDays: { bicycle: 3 } }, { unknown: 1 }]) {
      const res = await call('PATCH', url, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const foreign = await call('PATCH', `/api/regions/${b.regionId}/settings`, { roadFactor: 1.2 });
    expect(foreign.statusCode).toBe(404);
    const [other] = await database.db.select().from(t.regions).where(eq(t.regions.id, b.regionId));
    expect(other!.roadFactor).toBe(1.4);
  });

  it('offers the school calendar template, and replaces a year’s closures with the adjusted one', async () => {
    const y = yearOf(1);
    const template = await call('GET', `/api/closure-template/${y}`, undefined, 'zh-CN');
    expect(template.statusCode).toBe(200);
    const closures = template.json().closures as { startsOn: string; endsOn: string; venueKinds: string[]; reason: string }[];
    expect(closures.map((c) => c.reason)).toEqual(['寒假', '春耕农忙', '高考', '中考', '暑假', '秋收农忙']);
    const winter = closures[0]!;
    // The winter break holds the Spring Festival, in January and February.
    expect(winter.startsOn >= `${y}-01-10` && winter.endsOn <= `${y}-03-15` && winter.venueKinds.includes('school')).toBe(true);
    expect(closures[1]!.venueKinds).toEqual(['township_square', 'resettlement_community']);
    const english = (await call('GET', `/api/closure-template/${y}`)).json().closures.map((c: { reason: string }) => c.reason);
    expect(english[0]).toBe('Winter break');

    const adjusted = [{ ...winter, endsOn: winter.endsOn }, { ...closures[4]!, startsOn: `${y}-07-05` }, { startsOn: `${y}-11-01`, endsOn: `${y}-11-03`, venueKinds: null, reason: '全省停展' }];
    const put = await call('PUT', `/api/regions/${a.regionId}/closures/${y}`, { closures: adjusted });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().closures).toEqual(adjusted);
    // The replacement keeps other years' closures and replaces only this one's.
    await database.db.insert(t.regionClosures).values({ regionId: a.regionId, startsOn: `${y + 1}-01-20`, endsOn: `${y + 1}-02-20`, venueKinds: ['school'], reason: '下一年' });
    const again = await call('PUT', `/api/regions/${a.regionId}/closures/${y}`, { closures: adjusted.slice(0, 1) });
    expect(again.json().closures).toHaveLength(1);
    expect((await call('GET', `/api/regions/${a.regionId}/closures/${y + 1}`)).json().closures).toHaveLength(1);

    const before = await database.db.select().from(t.regionClosures);
    const outside = await call('PUT', `/api/regions/${a.regionId}/closures/${y}`, { closures: [{ startsOn: `${y + 1}-01-01`, endsOn: `${y + 1}-01-02`, venueKinds: null, reason: '' }] });
    expect(outside.statusCode).toBe(400);
    expect(JSON.stringify(outside.json().details)).toContain('/body/closures/0/startsOn');
    const reversed = await call('PUT', `/api/regions/${a.regionId}/closures/${y}`, { closures: [{ startsOn: `${y}-05-02`, endsOn: `${y}-05-01`, venueKinds: null, reason: '' }] });
    expect(reversed.statusCode).toBe(400);
    expect(await database.db.select().from(t.regionClosures)).toEqual(before);
  });
});
