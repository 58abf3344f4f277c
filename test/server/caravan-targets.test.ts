import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { testClock, testToday, yearOf } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

// The caravan targets of national practice in the region report (issue 16, rule 6): 120 days out or
// 10,000 km a year per caravan, in proportion to the period, and 60% of caravan stays below the
// county seat; read over HTTP on the demo's last year.

describe('the caravan targets in the region report', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: SessionHeaders;
  let regionId: number;
  const L = yearOf(-1);

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    regionId = (await seedDemoIfEmpty(database.db, { today: testToday() })).regionId!;
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    ({ headers: coordinator } = await userWithSession(database.db, [{ role: 'coordinator', regionId }]));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const report = async (from: string, to: string) => {
    const res = await app.inject({ url: `/api/regions/${regionId}/reports?from=${from}&to=${to}`, headers: coordinator });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('judges each caravan of a year on 120 days out or 10,000 km, and the set trucks not at all', async () => {
    const year = await report(`${L}-01-01`, `${L}-12-31`);
    expect(year.caravanTargets).toEqual({ daysOut: 120, km: 10_000, townshipShare: 0.6 });
    const caravans = year.daysOutPerVehicle.filter((v: { caravan: boolean }) => v.caravan);
    const trucks = year.daysOutPerVehicle.filter((v: { caravan: boolean }) => !v.caravan);
    expect(caravans).toHaveLength(12);
    expect(trucks.length).toBeGreaterThan(0);
    for (const v of caravans) expect(v.meetsTarget, v.name).toBe(v.daysOut >= 120 || v.km >= 10_000);
    for (const v of trucks) expect(v.meetsTarget, v.name).toBeNull();
    expect(year.caravanTownshipShare).toBeGreaterThanOrEqual(0);
    expect(year.caravanTownshipShare).toBeLessThanOrEqual(1);
    const csv = await app.inject({ url: `/api/regions/${regionId}/reports.csv?from=${L}-01-01&to=${L}-12-31`, headers: coordinator });
    expect(csv.body).toContain('caravan targets,days out (or km below),120');
    expect(csv.body).toContain(`caravan target met,${caravans[0].name},${caravans[0].meetsTarget ? 'yes' : 'no'}`);
  });

  it('asks a quarter of a year for a quarter of the targets', async () => {
    // 1 January to 31 March: 90 days, or 91 in a leap year.
    const days = new Date(Date.UTC(L, 2, 31)).getTime() / 86_400_000 - new Date(Date.UTC(L, 0, 1)).getTime() / 86_400_000 + 1;
    const quarter = await report(`${L}-01-01`, `${L}-03-31`);
    expect(quarter.caravanTargets).toEqual({ daysOut: Math.round((120 * days) / 365), km: Math.round((10_000 * days) / 365), townshipShare: 0.6 });
    for (const v of quarter.daysOutPerVehicle.filter((x: { caravan: boolean }) => x.caravan)) {
      expect(v.meetsTarget, v.name).toBe(v.daysOut >= quarter.caravanTargets.daysOut || v.km >= quarter.caravanTargets.km);
    }
  });
});
