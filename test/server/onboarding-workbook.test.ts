import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { adminWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { addDays, testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startRun, waitForRun } from '../helpers/planning.js';

// Acceptance of issue 11: from a clean start without the demo, an administrator opens a region for
// Gansu (its 87 real county seats, test/fixtures/onboarding) with its coordinator; the coordinator
// downloads the template, fills it with a catalogue of DESIGN.md's size, dry-runs it, imports it,
// imports it again (nothing changes) and starts a planning run. No per-row API call.

interface County {
  code: string;
  name: string;
  prefecture: string;
  lng: number;
  lat: number;
}
const counties = JSON.parse(readFileSync(new URL('../fixtures/onboarding/gansu-counties.json', import.meta.url), 'utf8')) as County[];

type Rows = Record<string, Record<string, string | number>[]>;

/** The province's catalogue: 2 centres, 218 venues, 106 blackouts, 12 sets, 14 vehicles and drivers, 87 hosts, 218 requests, 40 past stays. */
function gansu(): Rows {
  const y = yearOf(1);
  const centres = [
    { code: 'GS-C1', name: '甘肃科技馆', kind: 'provincial', countyCode: '620102', lng: 103.8253, lat: 36.0575 },
    { code: 'GS-C2', name: '天水分中心', kind: 'sub', countyCode: '620502', lng: 105.7249, lat: 34.5809 },
  ];
  const venues = counties.flatMap((c, i) => {
    const base = { countyCode: c.code, countyName: c.name, priorityTier: i % 5 === 0 ? 'key' : i % 3 === 0 ? 'former_poverty' : 'other', contactName: `联系人${i}`, contactPhone: `0931-${String(1000000 + i)}` };
    const list = [
      { ...base, code: `V-${c.code}-M`, name: `${c.name}科技馆`, kind: 'county_museum', level: 'county', lng: c.lng, lat: c.lat, floorAreaM2: 900, powerKw: 60, openWeekdays: '2,3,4,5,6,7' },
      { ...base, code: `V-${c.code}-S`, name: `${c.name}第一中学`, kind: 'school', level: 'county', lng: c.lng + 0.01, lat: c.lat + 0.01, floorAreaM2: 400, powerKw: 20, openWeekdays: '1,2,3,4,5' },
    ];
    if (i % 2 === 0) list.push({ ...base, code: `V-${c.code}-T`, name: `${c.name}乡镇广场`, kind: 'township_square', level: 'township', lng: c.lng - 0.05, lat: c.lat - 0.03, floorAreaM2: 300, powerKw: 0, openWeekdays: '1,2,3,4,5,6,7' });
    return list;
  });
  const blackouts = venues.filter((_v, i) => i % 2 === 0).slice(0, 106).map((v, i) => ({ venue: v.code, startsOn: addDays(`${y}-05-01`, i % 20), endsOn: addDays(`${y}-05-03`, i % 20), reason: '县里活动' }));
  const themes = ['航天', '海洋', '人工智能', '生命', '能源', '气象'];
  const sets = [
    ...themes.map((theme, i) => ({ code: `RM-${i + 1}`, homeCentre: 'GS-C1', name: `${theme}展`, theme, kind: 'roving_museum', footprintM2: 600, powerKw: 30, exhibitCount: 48, setupDays: 3, teardownDays: 2, minStayDays: 55, maxStayDays: 70, openWeekdays: '3,4,5,6,7' })),
    ...themes.map((theme, i) => ({ code: `KIT-${i + 1}`, homeCentre: i % 2 ? 'GS-C2' : 'GS-C1', name: `${theme}大篷车展品`, theme, kind: 'caravan_kit', footprintM2: 120, powerKw: 5, exhibitCount: 24, setupDays: 0, teardownDays: 0, minStayDays: 1, maxStayDays: 5 })),
  ];
  const vehicles = [
    ...themes.map((_t, i) => ({ code: `RM-T${i + 1}`, homeCentre: 'GS-C1', name: `运输车${i + 1}号`, plate: `甘A0000${i}`, type: 'set_truck', sets: `RM-${i + 1}` })),
    ...Array.from({ length: 8 }, (_x, i) => ({ code: `KP-${i + 1}`, homeCentre: i % 2 ? 'GS-C2' : 'GS-C1', name: `大篷车${i + 1}号`, plate: `甘B0000${i}`, type: 'caravan_iv', sets: `KIT-${(i % 6) + 1},KIT-${((i + 1) % 6) + 1}` })),
  ];
  const drivers = vehicles.map((v, i) => ({ code: `D-${i + 1}`, name: `司机${i + 1}`, phone: `1390000${String(1000 + i)}`, vehicle: v.code }));
  const hosts = counties.map((c) => ({ username: `host-${c.code}`, displayName: `${c.name}科协`, venues: venues.filter((v) => v.countyCode === c.code).map((v) => v.code).join(',') }));
  const requests = venues.map((v, i) =>
    v.kind === 'county_museum'
      ? { code: `R-${i + 1}`, venue: v.code, setKind: 'roving_museum', windowStart: i % 2 ? `${y}-07-01` : `${y}-02-20`, windowEnd: i % 2 ? `${y}-12-20` : `${y}-07-31`, openDays: 60, expectedAudience: 20000, status: i % 7 === 0 ? 'requested' : 'approved' }
      : { code: `R-${i + 1}`, venue: v.code, setKind: 'caravan_kit', windowStart: `${y}-03-01`, windowEnd: `${y}-11-30`, openDays: 2, expectedAudience: 3000, status: i % 11 === 0 ? 'declined' : 'approved', ...(i % 11 === 0 ? { reason: '场地正在装修' } : {}) },
  );
  const museums = venues.filter((v) => v.kind === 'county_museum');
  const history = Array.from({ length: 40 }, (_x, k) => {
    const truck = k % 6;
    const n = Math.floor(k / 6);
    const startsOn = addDays(`${yearOf(-2)}-01-05`, n * 75);
    return { venue: museums[(truck * 7 + n) % museums.length]!.code, vehicle: `RM-T${truck + 1}`, set: `RM-${truck + 1}`, startsOn, endsOn: addDays(startsOn, 69), attendance: 15000 + k };
  });
  return { centres, venues, blackouts, sets, vehicles, drivers, hosts, requests, history };
}

/** Fills the downloaded template: each sheet's header row says which column a field goes in. */
async function fill(template: Buffer, rows: Rows, sheetName: (s: string) => string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  // The notes sheet has a section per sheet (a row with its name), pairing each header (column A) with its field (B).
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  wb.worksheets[0]!.eachRow((r) => {
    const a = String(r.getCell(1).text);
    const b = String(r.getCell(2).text);
    if (!b && wb.getWorksheet(a)) sections.set(a, (section = new Map()));
    else if (b) section?.set(a, b);
  });
  for (const [sheet, list] of Object.entries(rows)) {
    const ws = wb.getWorksheet(sheetName(sheet))!;
    const fieldOf = sections.get(sheetName(sheet))!;
    const fields = (ws.getRow(1).values as unknown[]).slice(1).map((h) => fieldOf.get(String(h)) ?? String(h));
    for (const r of list) ws.addRow(fields.map((f) => r[f] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** One hash per table of the whole database: equal fingerprints, equal data. */
async function fingerprint(db: TestDatabase['db']): Promise<Record<string, string>> {
  const tables = (await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows?: { table_name: string }[] } & { table_name: string }[];
  const names = (tables.rows ?? tables).map((r) => r.table_name);
  const out: Record<string, string> = {};
  for (const name of names) {
    const res = (await db.execute(sql.raw(`select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as h from "${name}" x`))) as unknown as { rows?: { h: string }[] } & { h: string }[];
    out[name] = (res.rows ?? res)[0]!.h;
  }
  return out;
}

describe.each(databaseKinds)('onboarding a province from one workbook on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: SessionHeaders;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    admin = (await adminWithSession(database.db)).headers;
    app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 1000 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  /** An administrator opens a region; its coordinator signs in. */
  async function openRegion(code: string, username: string) {
    const opened = await app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin, payload: { code, nameZh: '甘肃省', nameEn: 'Gansu', coordinator: { username, displayName: '甘肃协调员', password: 'gansu-onboard' } } });
    expect(opened.statusCode, opened.body).toBe(201);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'gansu-onboard' } });
    const headers: SessionHeaders = { cookie: String(login.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': login.json().csrfToken };
    return { regionId: opened.json().region.id as number, headers };
  }

  const post = (regionId: number, headers: SessionHeaders, content: string, dryRun: boolean, lang = 'en') =>
    app.inject({ method: 'POST', url: `/api/regions/${regionId}/workbook${dryRun ? '?dryRun=true' : ''}`, headers: { ...headers, 'accept-language': lang }, payload: { format: 'xlsx', content } });

  it('opens Gansu, dry-runs and imports the filled template, re-imports it with no change, and plans', async () => {
    const started = Date.now();
    const { regionId, headers } = await openRegion('62', 'gansu');
    const template = await app.inject({ url: '/api/workbook-template.xlsx?lang=zh-CN', headers });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const zhNames: Record<string, string> = { centres: '中心', venues: '展点', blackouts: '停用日期', sets: '展品套组', vehicles: '车辆', drivers: '司机', hosts: '县级账号', requests: '申请', history: '历史巡展' };
    const content = await fill(template.rawPayload, gansu(), (s) => zhNames[s]!);

    const before = await fingerprint(database.db);
    const dry = await post(regionId, headers, content, true);
    expect(dry.statusCode, dry.body.slice(0, 2000)).toBe(200);
    expect(dry.json().errors).toEqual([]);
    expect(dry.json()).toMatchObject({ dryRun: true, ok: true, sheets: { centres: { created: 2 }, venues: { created: 218 }, blackouts: { created: 106 }, sets: { created: 12 }, vehicles: { created: 14 }, drivers: { created: 14 }, hosts: { created: 87 }, requests: { created: 218 }, history: { created: 40 } } });
    expect(await fingerprint(database.db)).toEqual(before);

    const imported = await post(regionId, headers, content, false);
    expect(imported.statusCode, imported.body.slice(0, 2000)).toBe(200);
    expect(imported.json().sheets).toEqual(dry.json().sheets);
    const hostGrants = await database.db
      .select()
      .from(t.userRoles)
      .where(sql`${t.userRoles.role} = 'host' and ${t.userRoles.venueId} in (select id from venues where region_id = ${regionId})`);
    expect(hostGrants).toHaveLength(218);
    const elapsed = Date.now() - started;

    const after = await fingerprint(database.db);
    const again = await post(regionId, headers, content, false);
    expect(again.statusCode).toBe(200);
    for (const counts of Object.values(again.json().sheets as Record<string, { created: number; updated: number; refused: number }>)) expect(counts).toMatchObject({ created: 0, updated: 0, refused: 0 });
    expect(await fingerprint(database.db)).toEqual(after);

    const runId = await startRun(app, headers, regionId, { horizonStart: `${yearOf(1)}-01-01`, horizonEnd: `${yearOf(1)}-12-31`, options: { iterations: 200, seed: 3 } });
    const run = await waitForRun(app, database.db, headers, runId, 300_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const roving = await database.db.execute(sql`select count(*)::int as n from stops s join exhibit_sets e on e.id = s.exhibit_set_id where s.plan_id = ${run.planId} and e.kind = 'roving_museum'`);
    expect(((roving as unknown as { rows?: { n: number }[] }).rows ?? (roving as unknown as { n: number }[]))[0]!.n).toBeGreaterThan(12);
    console.log(`onboarding Gansu on ${kind}: open, template, dry run and import in ${elapsed} ms (solver budget aside)`);
  }, 600_000);

  it('a second region reuses every code of the first', async () => {
    const { regionId, headers } = await openRegion('6201', 'lanzhou');
    const rows = gansu();
    // The same codes; host usernames are accounts of the deployment, so the second region's differ.
    rows.hosts = rows.hosts!.map((h) => ({ ...h, username: `lz-${h.username}` }));
    const template = await app.inject({ url: '/api/workbook-template.xlsx?lang=en', headers });
    const res = await post(regionId, headers, await fill(template.rawPayload, { centres: rows.centres!, venues: rows.venues!, sets: rows.sets!, vehicles: rows.vehicles!, hosts: rows.hosts }, (s) => s), false);
    expect(res.statusCode, res.body.slice(0, 1000)).toBe(200);
    expect(res.json().sheets).toMatchObject({ centres: { created: 2 }, venues: { created: 218 }, sets: { created: 12 }, vehicles: { created: 14 }, hosts: { created: 87 } });
    // A username another region uses (here its coordinator's) is refused by name.
    await openRegion('6204', 'baiyin');
    const taken = await post(regionId, headers, await fill(template.rawPayload, { hosts: [{ username: 'baiyin', displayName: 'x', venues: 'V-620102-M' }] }, (s) => s), true);
    expect(taken.json().errors).toMatchObject([{ sheet: 'hosts', row: 2, field: 'username' }]);
  }, 300_000);

  it('answers a file that is not a workbook with 400 IMPORT_FILE_INVALID in words and writes nothing', async () => {
    const { regionId, headers } = await openRegion('6205', 'tianshui');
    const before = await fingerprint(database.db);
    const notXlsx = Buffer.from('countyCode,name\n620302,金川区\n').toString('base64');
    const en = await post(regionId, headers, notXlsx, false);
    expect(en.statusCode, en.body).toBe(400);
    expect(en.json().code).toBe('IMPORT_FILE_INVALID');
    expect(en.json().message).toMatch(/^The import file cannot be read/);
    const zh = await post(regionId, headers, notXlsx, true, 'zh-CN');
    expect(zh.statusCode).toBe(400);
    expect(zh.json().message).toMatch(/^无法读取导入文件/);
    expect(await fingerprint(database.db)).toEqual(before);
  });

  it('one bad cell among 2,000 rows writes nothing and names the sheet, row and field, in zh-CN and en', async () => {
    const { regionId, headers } = await openRegion('6202', 'jiayuguan');
    const venues = Array.from({ length: 2000 }, (_x, i) => {
      const c = counties[i % counties.length]!;
      return { code: `V-${i}`, countyCode: c.code, countyName: c.name, name: `展点${i}`, kind: 'school', lng: c.lng, lat: c.lat, floorAreaM2: 300, powerKw: i === 1499 ? -5 : 10 };
    });
    const template = await app.inject({ url: '/api/workbook-template.xlsx?lang=en', headers });
    const content = await fill(template.rawPayload, { venues }, (s) => s);
    const before = await fingerprint(database.db);
    const en = await post(regionId, headers, content, false);
    expect(en.statusCode).toBe(422);
    expect(en.json().code).toBe('WORKBOOK_ROWS_INVALID');
    expect(en.json().details.errors).toEqual([{ sheet: 'venues', row: 1501, field: 'powerKw', message: 'must be at least 0' }]);
    const zh = await post(regionId, headers, content, false, 'zh-CN');
    expect(zh.json().message).toContain('未导入任何内容');
    expect(zh.json().details.errors).toEqual([{ sheet: 'venues', row: 1501, field: 'powerKw', message: '不能小于 0' }]);
    expect(await fingerprint(database.db)).toEqual(before);
  }, 300_000);

  it('takes one CSV per sheet too, and updates by code what changed', async () => {
    const { regionId, headers } = await openRegion('6203', 'jinchang');
    const csv = (rows: Record<string, string | number>[]) => [Object.keys(rows[0]!).join(','), ...rows.map((r) => Object.values(r).map((v) => `"${v}"`).join(','))].join('\n');
    const rows = gansu();
    const sheets = { centres: csv(rows.centres!), venues: csv(rows.venues!.slice(0, 20)) };
    const send = (body: object) => app.inject({ method: 'POST', url: `/api/regions/${regionId}/workbook`, headers, payload: { format: 'csv', sheets: body } });
    const first = await send(sheets);
    expect(first.statusCode, first.body.slice(0, 1000)).toBe(200);
    expect(first.json().sheets).toMatchObject({ centres: { created: 2 }, venues: { created: 20 } });
    const changed = rows.venues!.slice(0, 20).map((v, i) => (i === 3 ? { ...v, contactPhone: '0931-9999999', powerKw: 0 } : v));
    const second = await send({ ...sheets, venues: csv(changed) });
    expect(second.json().sheets).toMatchObject({ centres: { created: 0, unchanged: 2 }, venues: { created: 0, updated: 1, unchanged: 19 } });
    const [venue] = await database.db.select().from(t.venues).where(sql`${t.venues.regionId} = ${regionId} and ${t.venues.code} = ${rows.venues![3]!.code}`);
    expect(venue).toMatchObject({ contactPhone: '0931-9999999', powerKw: 0 });
  });
});
