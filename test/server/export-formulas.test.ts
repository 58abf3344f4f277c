import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// OWASP's formula prefixes (= + - @ tab, carriage return) in every text a coordinator can type,
// exported through every CSV and Excel download: each comes out with a leading apostrophe, and a
// plain number ("-12.5") comes out as it went in.
const EVIL = {
  vehicle: '=1+1',
  plate: '+1+1',
  venue: "-1+1+cmd|' /C calc'!A0",
  countyName: '@SUM(A1)',
  set: '\t=2+2',
  theme: '\r=3+3',
};
const PLAIN = '-12.5';

/** Every text cell either starts with none of the prefixes, or is a plain number. */
function assertSafe(cells: unknown[]) {
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    if (/^[=+\-@\t\r]/.test(c)) expect(c, JSON.stringify(c)).toMatch(/^[+-]?\d+(\.\d+)?$/);
  }
}

describe('exports neutralise formulas in every cell', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let tn: Tenant;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    tn = await tenant(database.db, '74');
    const db = database.db;
    await db.update(t.vehicles).set({ name: EVIL.vehicle, plate: EVIL.plate }).where(eq(t.vehicles.id, tn.vehicles[0]!.id));
    await db.update(t.venues).set({ name: EVIL.venue, countyName: EVIL.countyName }).where(eq(t.venues.id, tn.venues[0]!.id));
    await db.update(t.exhibitSets).set({ name: EVIL.set, theme: EVIL.theme }).where(eq(t.exhibitSets.id, tn.sets[0]!.id));
    await db.update(t.venues).set({ name: '=HYPERLINK("http://x","y")', countyName: PLAIN }).where(eq(t.venues.id, tn.venues[1]!.id));
    await db.insert(t.planUnserved).values({ planId: tn.published.id, requestId: tn.requests[2]!.id, reason: { code: 'CAPACITY_TAKEN', params: {} } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('in the plan CSV', async () => {
    const res = await app.inject({ url: `/api/plans/${tn.published.id}/export.csv`, headers: tn.users.coordinator.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parse(res.body, { bom: true, relax_column_count: true }) as string[][];
    const [header, row] = rows;
    const at = (name: string) => row![header!.findIndex((h) => h.includes(name))];
    expect(at('vehicle')).toBe(`'${EVIL.vehicle}`);
    expect(at('plate')).toBe(`'${EVIL.plate}`);
    expect(at('venue')).toBe(`'${EVIL.venue}`);
    expect(at('county code')).toBe(tn.venues[0]!.countyCode);
    expect(at('县 county')).toBe(`'${EVIL.countyName}`);
    expect(at('set')).toBe(`'${EVIL.set}`);
    expect(at('theme')).toBe(`'${EVIL.theme}`);
    expect(at('set-up from')).toBe(tn.publishedStop.startsOn);
    expect(at('km')).toBe('12');
    assertSafe(rows.flat());
  });

  it('in the plan workbook, every sheet', async () => {
    const res = await app.inject({ url: `/api/plans/${tn.published.id}/export.xlsx`, headers: tn.users.coordinator.headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
    // XML keeps no lone carriage return (a reader sees a line feed): the apostrophe is what counts.
    const eol = (c: unknown) => (typeof c === 'string' ? c.replace(/\r\n?/g, '\n') : c);
    for (const v of Object.values(EVIL)) expect(cells.map(eol)).toContain(eol(`'${v}`));
    expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
    expect(cells).toContain(PLAIN);
    expect(cells).toContain(12);
    // No cell is a formula.
    expect(cells.some((c) => typeof c === 'object' && c !== null && 'formula' in c)).toBe(false);
    assertSafe(cells);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([`${EVIL.vehicle}`, '未安排 Unserved']);
  });

  it('in the report CSV', async () => {
    const { horizon } = tenantDays();
    const res = await app.inject({ url: `/api/regions/${tn.regionId}/reports.csv?from=${horizon.horizonStart}&to=${horizon.horizonEnd}`, headers: tn.users.coordinator.headers });
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body, { bom: true, relax_column_count: true }) as string[][];
    expect(rows.find((r) => r[0] === 'days out')?.[1]).toBe(`'${EVIL.vehicle}`);
    assertSafe(rows.flat());
  });
});
