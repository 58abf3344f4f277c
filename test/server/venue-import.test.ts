import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { sessionOf } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';
import { testClock } from '../helpers/clock.js';

const HEADER = 'countyCode,countyName,name,kind,level,address,lng,lat,floorAreaM2,powerKw,priorityTier,openWeekdays,contactName,contactPhone';

/** A CSV of n good venue rows (line 1 is the header, so row i is on line i + 2). */
function csvRows(n: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    [`52${String(1000 + (i % 9000)).padStart(4, '0')}`, `县${i}`, `"学校 ${i}, 东校区"`, 'school', 'township', `地址${i}`, (104 + (i % 50) / 10).toFixed(3), (25 + (i % 30) / 10).toFixed(3), '300', '20', 'other', '1;2;3;4;5', `联系人${i}`, '0851-1234567'].join(','),
  );
}

describe.each(databaseKinds)('venue import on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '95');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const venueCount = async () => (await database.db.select({ n: count() }).from(t.venues).where(eq(t.venues.regionId, a.regionId)))[0]!.n;
  const post = async (body: string, type: string, lang = 'zh-CN') =>
    app.inject({
      method: 'POST',
      url: '/api/venues/import',
      headers: { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'content-type': type, 'accept-language': lang },
      payload: body,
    });

  it('imports nothing from 500 rows with one bad row, and names that row, field and problem', async () => {
    const rows = csvRows(500);
    rows[316] = rows[316]!.replace(',26.', ',96.'); // latitude out of range on row 317, line 318
    const before = await venueCount();
    const res = await post([HEADER, ...rows].join('\n'), 'text/csv', 'en');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().code).toBe('IMPORT_ROWS_INVALID');
    expect(res.json().message).toMatch(/^1 row\(s\) are invalid, so no venue was imported/);
    expect(res.json().details.errors).toEqual([{ line: 318, field: 'lat', message: 'must be at most 90' }]);
    expect(await venueCount()).toBe(before);
  });

  it('reports every bad field of every bad row, in Chinese by default', async () => {
    const rows = csvRows(3);
    rows[0] = rows[0]!.replace('school', 'castle');
    rows[2] = rows[2]!.replace(/^52\d{4}/, '52');
    const res = await post([HEADER, ...rows].join('\r\n'), 'text/csv');
    expect(res.statusCode).toBe(422);
    const errors = res.json().details.errors as Array<{ line: number; field: string; message: string }>;
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'kind'],
      [4, 'countyCode'],
    ]);
    expect(errors[0]!.message).toContain('取值无效');
  });

  it('imports 500 good rows in one go, commas inside quotes and a BOM included', async () => {
    const before = await venueCount();
    const res = await post(`\uFEFF${[HEADER, ...csvRows(500)].join('\n')}\n`, 'text/csv');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json().imported).toBe(500);
    expect(await venueCount()).toBe(before + 500);
    const [v] = await database.db.select().from(t.venues).where(eq(t.venues.id, res.json().venueIds[0]));
    expect(v).toMatchObject({ name: '学校 0, 东校区', level: 'township', openWeekdays: [1, 2, 3, 4, 5], regionId: a.regionId });
  });

  it('imports GeoJSON points, and reports a bad feature by its number', async () => {
    const feature = (i: number, coords: unknown) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: coords },
      properties: { countyCode: '520111', countyName: '花溪区', name: `社区 ${i}`, kind: 'resettlement_community', floorAreaM2: 200, powerKw: 10 },
    });
    const bad = await post(JSON.stringify({ type: 'FeatureCollection', features: [feature(1, [106.6, 26.4]), feature(2, [])] }), 'application/geo+json');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [2, 'lng'],
      [2, 'lat'],
    ]);
    const good = await post(JSON.stringify({ type: 'FeatureCollection', features: [feature(1, [106.6, 26.4]), feature(2, [106.7, 26.45])] }), 'application/geo+json');
    expect(good.statusCode).toBe(201);
    expect(good.json().imported).toBe(2);
  });

  it('reads files one at a time in its own thread: with four waiting, a sixth at once is told to try again and nothing of it is imported', async () => {
    const before = await venueCount();
    const body = [HEADER, ...csvRows(5000)].join('\n');
    // One session for all six, so they reach the thread together: a file takes far longer to read.
    const headers = { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'content-type': 'text/csv', 'accept-language': 'en' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/api/venues/import', headers, payload: body })));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 201, 201, 201, 503]);
    const busy = answers.find((r) => r.statusCode === 503)!.json();
    expect(busy.code).toBe('IMPORT_BUSY');
    expect(busy.message).toMatch(/nothing was imported/);
    expect(await venueCount()).toBe(before + 5 * 5000);
  });

  it('refuses a file that takes the thread past its time limit with 503 IMPORT_TIMED_OUT, imports nothing of it, and reads the next file', async () => {
    const hurried = await buildApp({ config: { webDir: '/nonexistent', importSeconds: 0.001 }, database, jobs: inProcessRuntime(), clock: testClock() });
    const before = await venueCount();
    const body = [HEADER, ...csvRows(2000)].join('\n');
    try {
      const res = await hurried.inject({
        method: 'POST',
        url: '/api/venues/import',
        headers: { ...(await sessionOf(database.db, a.users.coordinator.userId)), 'content-type': 'text/csv', 'accept-language': 'en' },
        payload: body,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(503);
      expect(res.json().code).toBe('IMPORT_TIMED_OUT');
      expect(res.json().message).toMatch(/nothing was imported\. Split the file/);
    } finally {
      await hurried.close();
    }
    expect(await venueCount()).toBe(before);
    const next = await post(body, 'text/csv');
    expect(next.statusCode, next.body.slice(0, 300)).toBe(201);
    expect(await venueCount()).toBe(before + 2000);
  });

  it('answers a file that is neither CSV nor GeoJSON with 400 IMPORT_FILE_INVALID', async () => {
    const res = await post('{"type":"Topology"}', 'application/geo+json', 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_FILE_INVALID');
    const unbalanced = await post(`${HEADER}\n"unterminated,1,2`, 'text/csv');
    expect(unbalanced.statusCode).toBe(400);
  });
});
