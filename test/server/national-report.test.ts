import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { adminWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { addDays, testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// The administrator's national view (issue 15): each region's coverage of key counties, roving stays,
// caravan activities, visitors and km for a period, over a small fixture whose figures are known:
// region 61 has two key counties (one reached by its roving stay), a reported caravan stay (3
// activities, 900 visitors, 30 + 30 km) and a cancelled one; region 62 only the tenant's roving stay
// (reported: 35,000 visitors) whose legs are 12 + 12 km.
describe.each(databaseKinds)('the national report on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: SessionHeaders;
  let a: Tenant;
  let b: Tenant;
  const y = tenantDays().year;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    a = await tenant(db, '61');
    b = await tenant(db, '62');
    await db.update(t.regions).set({ nameEn: '=HYPERLINK("http://x")' }).where(eq(t.regions.id, b.regionId));
    // Region 61: a second key county nobody visits, and a caravan with two stays in the autumn.
    await db.insert(t.venues).values({ regionId: a.regionId, countyCode: '520199', countyName: '未到县', name: '未到展点', kind: 'school', level: 'township', priorityTier: 'key', lng: 106.9, lat: 26.6, floorAreaM2: 300, powerKw: 20 });
    const [kit] = await db.insert(t.exhibitSets).values({ regionId: a.regionId, homeCentreId: a.centre.id, code: 'KIT-61', name: '大篷车套组', theme: '航天', kind: 'caravan_kit', footprintM2: 100, powerKw: 8, exhibitCount: 24, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 3 }).returning();
    const [van] = await db.insert(t.vehicles).values({ regionId: a.regionId, homeCentreId: a.centre.id, name: '大篷车61', type: 'caravan_iv' }).returning();
    await db.insert(t.vehicleSets).values({ vehicleId: van!.id, exhibitSetId: kit!.id });
    const [tour] = await db.insert(t.tours).values({ planId: a.published.id, vehicleId: van!.id }).returning();
    const day = `${y}-09-15`;
    const stay = { planId: a.published.id, tourId: tour!.id, vehicleId: van!.id, exhibitSetId: kit!.id, venueId: a.venues[2]!.id };
    const [visit] = await db.insert(t.stops).values({ ...stay, seq: 1, startsOn: day, opensOn: day, closesOn: day, endsOn: day }).returning();
    const later = addDays(day, 7);
    await db.insert(t.stops).values({ ...stay, seq: 2, startsOn: later, opensOn: later, closesOn: later, endsOn: later, status: 'cancelled' });
    await db.insert(t.legs).values([
      { tourId: tour!.id, seq: 1, fromStopId: null, toStopId: visit!.id, distanceM: 30_000, driveMinutes: 40 },
      { tourId: tour!.id, seq: 2, fromStopId: visit!.id, toStopId: null, distanceM: 30_000, driveMinutes: 40 },
    ]);
    await db.insert(t.visitReports).values([
      { stopId: visit!.id, attendance: 900, activities: 3 },
      { stopId: b.publishedStop.id, attendance: 35_000, activities: 1 },
    ]);
    admin = (await adminWithSession(db)).headers;
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const report = async (query: string) => {
    const res = await app.inject({ url: `/api/national/report${query}`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('gives each region’s figures for a year, in the order of their codes, and the totals', async () => {
    const r = await report(`?from=${y}-01-01&to=${y}-12-31`);
    expect(r).toMatchObject({ from: `${y}-01-01`, to: `${y}-12-31` });
    expect(r.regions).toEqual([
      { regionId: a.regionId, code: '61', provinceCode: '61', nameZh: '区域61', nameEn: 'Region 61', planId: a.published.id, keyCountiesReached: 1, keyCountiesTotal: 2, keyCoverage: 0.5, stops: 2, rovingStays: 1, caravanActivities: 3, visitors: 900, kmDriven: 84 },
      { regionId: b.regionId, code: '62', provinceCode: '62', nameZh: '区域62', nameEn: '=HYPERLINK("http://x")', planId: b.published.id, keyCountiesReached: 1, keyCountiesTotal: 1, keyCoverage: 1, stops: 1, rovingStays: 1, caravanActivities: 0, visitors: 35_000, kmDriven: 24 },
    ]);
    expect(r.totals).toEqual({ keyCountiesReached: 2, keyCountiesTotal: 3, keyCoverage: 0.667, stops: 3, rovingStays: 2, caravanActivities: 3, visitors: 35_900, kmDriven: 108 });
    // The same rule as each region's own report: the coordinator of 61 reads the same visitors, km and key counties.
    const own = (await app.inject({ url: `/api/regions/${a.regionId}/reports?from=${y}-01-01&to=${y}-12-31`, headers: a.users.coordinator.headers })).json();
    expect({ visitors: own.visitors, km: own.kmDriven, reached: own.keyCountiesReached, total: own.keyCountiesTotal }).toEqual({ visitors: 900, km: 84, reached: 1, total: 2 });
  });

  it('counts only the stays touching the period: the autumn alone has the caravan, not the spring stays', async () => {
    const autumn = await report(`?from=${y}-09-01&to=${y}-09-30`);
    expect(autumn.regions.map((x: { code: string; stops: number; rovingStays: number; caravanActivities: number; kmDriven: number; keyCountiesReached: number }) => [x.code, x.stops, x.rovingStays, x.caravanActivities, x.kmDriven, x.keyCountiesReached])).toEqual([
      ['61', 1, 0, 3, 60, 0],
      ['62', 0, 0, 0, 0, 0],
    ]);
    expect(autumn.totals).toMatchObject({ keyCountiesReached: 0, keyCountiesTotal: 3, keyCoverage: 0, visitors: 900 });
  });

  it('defaults to this calendar year', async () => {
    const r = await report('');
    expect([r.from, r.to]).toEqual([`${yearOf(0)}-01-01`, `${yearOf(0)}-12-31`]);
  });

  it('refuses a coordinator with FORBIDDEN in words, on the figures and both downloads', async () => {
    for (const url of ['/api/national/report', '/api/national/report.csv', '/api/national/report.xlsx']) {
      const res = await app.inject({ url, headers: { ...a.users.coordinator.headers, 'accept-language': 'zh-CN' } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.json().message).toMatch(/角色/);
    }
    expect((await app.inject({ url: '/api/national/report' })).statusCode).toBe(401);
  });

  it('downloads the same rows as CSV and Excel, totals last, a formula-like name made text', async () => {
    const q = `?from=${y}-01-01&to=${y}-12-31`;
    const csv = await app.inject({ url: `/api/national/report.csv${q}`, headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="national-${y}-01-01-${y}-12-31.csv"`);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('61,区域61,Region 61,1,2,0.5,1,3,900,84');
    expect(lines[2]).toBe(`62,区域62,"'=HYPERLINK(""http://x"")",1,1,1,1,0,35000,24`);
    expect(lines[3]).toBe(',合计,Total,2,3,0.667,2,3,35900,108');

    const xlsx = await app.inject({ url: `/api/national/report.xlsx${q}`, headers: admin });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual(['61', '区域61', 'Region 61', 1, 2, 0.5, 1, 3, 900, 84]);
    expect(values(3)[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(ws.getCell('C3').formula).toBeUndefined();
    expect(values(4)).toEqual([undefined, '合计', 'Total', 2, 3, 0.667, 2, 3, 35_900, 108]);
  });
});
