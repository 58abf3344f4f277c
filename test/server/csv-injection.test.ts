import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays } from '../helpers/tenants.js';

// A spreadsheet opens an exported CSV and runs any cell that reads as a formula: every text cell
// that would (=, +, -, @, tab, carriage return first) is exported with a leading apostrophe.
describe('CSV exports are safe to open in a spreadsheet', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await openTestDatabase('embedded');
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('neutralises formulas in the plan CSV and the report CSV, numbers and dates left as they are', async () => {
    const tn = await tenant(database.db, '501');
    const evil = "-1+1+cmd|' /C calc'!A0";
    await database.db.update(t.venues).set({ name: evil, countyName: '=HYPERLINK("http://x")' }).where(eq(t.venues.id, tn.venues[0]!.id));
    await database.db.update(t.vehicles).set({ name: '@SUM(A1)' }).where(eq(t.vehicles.id, tn.vehicles[0]!.id));
    const headers = tn.users.coordinator.headers;
    const plan = (await app.inject({ url: `/api/plans/${tn.published.id}/export.csv`, headers })).body;
    expect(plan).toContain(`'${evil}`);
    expect(plan).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(plan).toContain(`'@SUM(A1)`);
    expect(plan).toContain(`,${tn.publishedStop.startsOn},`);
    for (const line of plan.replace(/^\uFEFF/, '').split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]|^-(?!\d+(\.\d+)?$)/);

    const { horizon } = tenantDays();
    const report = (await app.inject({ url: `/api/regions/${tn.regionId}/reports.csv?from=${horizon.horizonStart}&to=${horizon.horizonEnd}`, headers })).body;
    expect(report).toContain(`days out,'@SUM(A1),`);
  });
});
