import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { adminWithSession, sessionOf } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';
import { testClock } from '../helpers/clock.js';

// Routes left out: they start solver runs or re-plans in the background, or end the session the
// fuzz runs on. What they do is tested in timeline.test.ts and timeline-property.test.ts (re-plans),
// planning-in-process.test.ts and planning-bullmq.test.ts (runs, and a vehicle's breakdown).
const SKIP = new Set([
  'POST /api/regions/:regionId/planning-runs',
  'POST /api/regions/:regionId/replan',
  'POST /api/vehicles/:id/breakdown',
  'POST /api/auth/logout',
]);

const FIELDS = [
  'venueId', 'vehicleId', 'exhibitSetId', 'requestId', 'regionId', 'homeCentreId', 'startsOn', 'opensOn', 'closesOn', 'endsOn',
  'windowStart', 'windowEnd', 'openDays', 'expectedAudience', 'notes', 'theme', 'setKind', 'reason', 'attendance', 'activities',
  'name', 'countyCode', 'countyName', 'kind', 'level', 'lng', 'lat', 'floorAreaM2', 'powerKw', 'openWeekdays', 'retiredOn', 'code',
  'footprintM2', 'exhibitCount', 'setupDays', 'teardownDays', 'minStayDays', 'maxStayDays', 'type', 'plate', 'dailyDriveMinutes',
  'maxTripDays', 'availableFrom', 'availableUntil', 'exhibitSetIds', 'phone', 'pinned', 'username', 'password', 'address',
  'priorityTier', 'condition', 'contactName', 'contactPhone', 'theme', 'status',
];

describe.each(databaseKinds)('fuzzing the write endpoints on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '96');
    app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 10_000 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('never answers 500 to any body, id or header a caller can send', async () => {
    const ids = () => [a.regionId, a.centre.id, ...a.venues.map((v) => v.id), ...a.vehicles.map((v) => v.id), ...a.sets.map((s) => s.id), a.published.id, a.draft.id, a.publishedStop.id, a.draftStop.id, ...a.requests.map((r) => r.id)];
    const value = fc.oneof(
      fc.constantFrom(...ids()),
      fc.integer({ min: -3, max: 3 }),
      fc.oneof(fc.constant(2 ** 31), fc.constant(2 ** 53), fc.constant(-(2 ** 31) - 1), fc.constant(1e308), fc.constant(5e-324)),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom('2027-03-08', '2027-02-30', '2027-13-01', '0001-01-01', '9999-12-31', '2027-3-8', '', ' ', '\u0000', 'a\u0000b', '\uD800'),
      fc.constantFrom('roving_museum', 'caravan_kit', 'school', 'township', 'key', 'set_truck', 'county_museum', 'planned', '520102', '5201021'),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.oneof(fc.integer({ min: -2, max: 9 }), fc.string({ maxLength: 3 })), { maxLength: 9 }),
      fc.object({ maxDepth: 1 }),
    );
    const body = fc.oneof(
      { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 14 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const idParam = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...ids()).map(String) },
      { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -5, max: 2 ** 40 }).map(String), fc.constantFrom('abc', '1.5', '1e3', '%00', '99999999999999999999')) },
    );
    // A fresh session per request: a fuzzed password reset may end the sessions of the user it hits.
    const admin = await adminWithSession(database.db);
    const sessionFor = (role: 'coordinator' | 'host' | 'driver' | 'admin') => sessionOf(database.db, role === 'admin' ? admin.userId : a.users[role].userId);
    const routes = app.routeAccess.filter(
      (r) => r.url.startsWith('/api/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !SKIP.has(`${r.method} ${r.url}`),
    );
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const tally = new Map<number, number>();
    for (const route of routes) {
      const access = route.access;
      const roles = access === 'public' || access === 'signed-in' || access === undefined ? (['coordinator', 'host', 'driver'] as const) : access;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...roles), body, idParam, idParam, fc.constantFrom('zh-CN', 'en', '*', 'xx;q=abc'), async (role, payload, p1, p2, lang) => {
          let n = 0;
          const url = route.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'year' ? '2027' : n++ === 0 ? p1 : p2));
          const ifMatch = (await database.db.query.plans.findFirst({ where: (p, { eq }) => eq(p.id, a.draft.id) }))!.revision;
          const res = await app.inject({
            method: route.method as 'POST',
            url,
            headers: { ...(await sessionFor(role)), 'accept-language': lang, 'if-match': `"${ifMatch}"`, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          tally.set(res.statusCode, (tally.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) failures.push(`${route.method} ${url} as ${role} ${JSON.stringify(payload)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400) {
            const err = res.json() as { code?: unknown; message?: unknown };
            if (typeof err.code !== 'string' || typeof err.message !== 'string' || err.message === err.code) {
              failures.push(`${route.method} ${url} as ${role}: no code or message ${res.body.slice(0, 200)}`);
            }
          }
        }),
        { numRuns: kind === 'postgres' ? 40 : 15, seed: 20261129 },
      );
    }
    // The inputs reach the handlers, not only the validators: some are accepted, some refused by rules.
    const share = (lo: number, hi: number) => [...tally].filter(([s]) => s >= lo && s < hi).reduce((n, [, c]) => n + c, 0);
    expect(share(200, 300)).toBeGreaterThan(20);
    expect(share(404, 405) + share(409, 410) + share(422, 423)).toBeGreaterThan(20);
    expect(failures.slice(0, 10)).toEqual([]);
    // About 2,000 requests (some hash passwords): 30 s alone, far longer beside other test files.
  }, 300_000);
});
