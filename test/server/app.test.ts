import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import * as t from '../../server/db/schema/index.js';
import { testClock } from '../helpers/clock.js';

describe.each(databaseKinds)('catalogue API on %s with the Guizhou demo', (kind) => {
  let database: TestDatabase;
  let raw: Awaited<ReturnType<typeof buildApp>>;
  let coordinator: SessionHeaders;
  // The catalogue is for signed-in users: these tests read it as the region's coordinator.
  const app = {
    inject: (o: string | { url: string; headers?: Record<string, string> }) => {
      const opts = typeof o === 'string' ? { url: o } : o;
      return raw.inject({ ...opts, headers: { ...coordinator, ...opts.headers } });
    },
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemoIfEmpty(database.db, { today: '2026-11-29' });
    raw = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    const [region] = await database.db.select().from(t.regions);
    coordinator = (await userWithSession(database.db, [{ role: 'coordinator', regionId: region!.id }])).headers;
  });
  afterAll(async () => {
    await raw?.close();
    await database?.dispose();
  });

  it('reports its database kind and job mode on /healthz', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { kind, ok: true }, jobs: { mode: 'in-process', ok: true }, advice: { running: 0, waiting: 0 } });
  });

  it('lists the 88 county venues with real county codes, 20 of them key counties', async () => {
    const venues = (await app.inject('/api/venues')).json() as Array<{ countyCode: string; countyName: string; priorityTier: string }>;
    expect(venues).toHaveLength(88);
    expect(new Set(venues.map((v) => v.countyCode)).size).toBe(88);
    expect(venues.every((v) => /^52\d{4}$/.test(v.countyCode))).toBe(true);
    expect(venues.find((v) => v.countyCode === '520527')).toMatchObject({ countyName: '赫章县', priorityTier: 'key' });
    expect(venues.filter((v) => v.priorityTier === 'key')).toHaveLength(20);
  });

  it('filters venues by tier and searches by name', async () => {
    const key = (await app.inject('/api/venues?priorityTier=key')).json() as unknown[];
    expect(key).toHaveLength(20);
    const found = (await app.inject(`/api/venues?q=${encodeURIComponent('从江')}`)).json() as Array<{ countyCode: string }>;
    expect(found.map((v) => v.countyCode)).toEqual(['522633']);
  });

  it('serves the catalogue: a region with its time zone, three centres, sets and vehicles with what they carry', async () => {
    const regions = (await app.inject('/api/regions')).json();
    expect(regions).toEqual([expect.objectContaining({ code: '52', timeZone: 'Asia/Shanghai', roadFactor: 1.5 })]);
    expect((await app.inject('/api/centres')).json()).toHaveLength(3);
    const sets = (await app.inject('/api/exhibit-sets')).json() as Array<{ kind: string; theme: string }>;
    const roving = sets.filter((s) => s.kind === 'roving_museum');
    expect(roving).toHaveLength(6);
    expect(new Set(roving.map((s) => s.theme)).size).toBe(6);
    const vehicles = (await app.inject('/api/vehicles')).json() as Array<{ type: string; exhibitSetIds: number[] }>;
    expect(vehicles.filter((v) => v.type.startsWith('caravan'))).toHaveLength(12);
    expect(vehicles.every((v) => v.exhibitSetIds.length === 1)).toBe(true);
  });

  it('answers an unknown venue with 404 and a message in the asked language', async () => {
    const zh = await app.inject('/api/venues/424242');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    expect(zh.json().message).toContain('展点');
    const en = await app.inject({ url: '/api/venues/424242', headers: { 'accept-language': 'en' } });
    expect(en.json().message).toContain('No venue with id 424242');
  });

  it('rejects a malformed query with 400 VALIDATION_FAILED naming the field', async () => {
    const res = await app.inject('/api/venues?countyCode=52');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().details)).toContain('countyCode');
  });

  it('serves an OpenAPI document listing the catalogue routes', async () => {
    const doc = (await app.inject('/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/venues', '/api/venues/{id}', '/api/vehicles']));
  });
});
