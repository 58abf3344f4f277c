import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { adminWithSession, sessionOf } from '../helpers/accounts.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';
import { addDays, inYears, testClock, yearOf } from '../helpers/clock.js';

type Caller = 'anonymous' | 'coordinator' | 'host' | 'driver' | 'admin';
const C = 'coordinator';
const H = 'host';
const D = 'driver';
/** The deployment's administrator (an account flag, no scoped grant). */
const A = 'admin';
const ALL = [C, H, D];
/** Routes open to anyone signed in, the administrator too. */
const SIGNED_IN = [C, H, D, A];

/**
 * Who may call each route: the specification this suite holds the app to. A route missing here, or
 * here but not in the app, fails the first test; each entry is then walked with every role and an
 * anonymous caller. 'public' means anyone, including anonymous callers.
 */
const EXPECTED: Record<string, 'public' | string[]> = {
  'GET /feeds/:file': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/regions': ALL,
  'GET /api/centres': [C],
  'POST /api/centres': [C],
  'PATCH /api/centres/:id': [C],
  'DELETE /api/centres/:id': [C],
  'GET /api/venues': [C, H],
  'GET /api/venues/:id': [C, H],
  'POST /api/venues': [C],
  'PATCH /api/venues/:id': [C],
  'POST /api/venues/import': [C],
  'GET /api/venues/:id/blackouts': [C, H],
  'POST /api/venues/:id/blackouts': [C],
  'DELETE /api/blackouts/:id': [C],
  'GET /api/exhibit-sets': [C, H],
  'POST /api/exhibit-sets': [C],
  'PATCH /api/exhibit-sets/:id': [C],
  'GET /api/vehicles': [C, D],
  'POST /api/vehicles': [C],
  'PATCH /api/vehicles/:id': [C],
  'GET /api/drivers': [C],
  'POST /api/drivers': [C],
  'PATCH /api/drivers/:id': [C],
  'DELETE /api/drivers/:id': [C],
  'GET /api/plans': ALL,
  'GET /api/plans/:planId': ALL,
  'GET /api/plans/:planId/stops': ALL,
  'POST /api/plans/:planId/stops': [C],
  'PATCH /api/plans/:planId/stops/:stopId': [C],
  // Where a dragged stay may start (issue 12, point 2).
  'GET /api/plans/:planId/stops/:stopId/feasible-starts': [C],
  'GET /api/plans/:planId/requests/:requestId/starts': [C],
  // The board's undo and redo, and county facts for the venue form (issue 12).
  'GET /api/plans/:planId/undo': [C],
  'POST /api/plans/:planId/undo': [C],
  'POST /api/plans/:planId/redo': [C],
  'GET /api/counties/:code': [C],
  'GET /api/plans/:planId/export.csv': [C],
  'GET /api/plans/:planId/export.xlsx': [C],
  'GET /api/requests': [C, H],
  'POST /api/requests': [C, H],
  'GET /api/requests/:id': [C, H],
  'POST /api/requests/:id/approve': [C],
  'POST /api/requests/:id/decline': [C],
  'POST /api/requests/:id/cancel': [C, H],
  'POST /api/requests/:id/confirm': [H],
  'GET /api/vehicles/:id/itinerary': [C, D],
  'GET /api/vehicles/:id/itinerary.html': [C, D],
  'POST /api/stops/:id/arrive': [C, D],
  'POST /api/stops/:id/complete': [C, D],
  'POST /api/stops/:id/report': [H],
  'GET /api/stops/:id/visit': ALL,
  'POST /api/stops/:id/photos': ALL,
  'GET /api/photos/:id': ALL,
  'POST /api/stops/:id/report/lock': [C],
  'GET /api/regions/:id/visit-reports': [C],
  'POST /api/vehicles/:id/calendar-feed': [C, D],
  'POST /api/venues/:id/calendar-feed': [C, H],
  'GET /api/calendar-feeds': ALL,
  'DELETE /api/calendar-feeds/:id': ALL,
  'GET /api/notifications': SIGNED_IN,
  'POST /api/notifications/:id/read': SIGNED_IN,
  'GET /api/users': [C],
  'POST /api/users': [C],
  'POST /api/users/:id/password': [C],
  'POST /api/users/:id/disable': [C],
  'POST /api/users/:id/enable': [C],
  'DELETE /api/users/:id/roles/:grantId': [C],
  'POST /api/auth/password': SIGNED_IN,
  'GET /api/regions/:id/reports': [C],
  'GET /api/regions/:id/reports.csv': [C],
  // The planning API (server/routes/planning.ts).
  'POST /api/regions/:regionId/planning-runs': [C],
  'GET /api/planning-runs/:id': [C],
  'GET /api/regions/:regionId/planning-runs': [C],
  'GET /api/planning-runs/:id/events': [C],
  'POST /api/planning-runs/:id/cancel': [C],
  'GET /api/plans/:planId/unserved': [C],
  'GET /api/plans/:planId/legs': [C],
  'GET /api/plans/:planId/diff': [C],
  'POST /api/plans/:planId/publish': [C],
  // The timeline (server/routes/timeline.ts).
  'GET /api/regions/:regionId/publications': [C],
  'POST /api/regions/:regionId/history': [C],
  'GET /api/history-template.csv': [C],
  'POST /api/regions/:regionId/replan': [C],
  'POST /api/vehicles/:id/breakdown': [C],
  'POST /api/requests/advice': [C, H],
  'GET /api/holidays/:year': SIGNED_IN,
  // National data, one calendar for every region: only the administrator loads it.
  'PUT /api/holidays/:year': [A],
  'PUT /api/regions/:regionId/road-distances': [C],
  // Onboarding a region (server/routes/onboarding.ts).
  'GET /api/plans/:planId/warnings': [C],
  // The deployment's administrator (server/routes/admin.ts).
  'GET /api/admin/regions': [A],
  'POST /api/admin/regions': [A],
  'POST /api/admin/regions/:regionId/coordinators': [A],
  'GET /api/admin/backup': [A],
  // Region settings and closures (server/routes/region-settings.ts).
  'GET /api/regions/:regionId/settings': [C],
  'PATCH /api/regions/:regionId/settings': [C],
  'GET /api/regions/:regionId/closures/:year': [C],
  'PUT /api/regions/:regionId/closures/:year': [C],
  'GET /api/closure-template/:year': [C],
  // Lending between regions (server/routes/loans.ts, issue 15, point 3).
  'GET /api/regions/:regionId/loans': [C],
  'POST /api/regions/:regionId/loans': [C],
  'POST /api/loans/:loanId/withdraw': [C],
  // The onboarding workbook and bulk decisions (server/routes/onboarding.ts).
  'GET /api/workbook-template.xlsx': [C],
  'POST /api/regions/:regionId/workbook': [C],
  'POST /api/requests/bulk': [C],
  // The audit log (server/routes/audit.ts): a coordinator reads their regions', the administrator all.
  'GET /api/audit': [C, A],
  // The national view (server/routes/national.ts, issue 15): the administrator only.
  'GET /api/national/report': [A],
  'GET /api/national/report.csv': [A],
  'GET /api/national/report.xlsx': [A],
};

describe.each(databaseKinds)('authorization on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;
  let adminId: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '91');
    b = await tenant(database.db, '92');
    adminId = (await adminWithSession(database.db)).userId;
    app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 1000 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const headersOf = async (who: Caller, x: Tenant = a): Promise<Record<string, string>> =>
    who === 'anonymous' ? {} : sessionOf(database.db, who === 'admin' ? adminId : x.users[who].userId);

  /** A value for a path parameter that lies in the caller's own scope, so only the role gate can refuse. */
  function param(url: string, name: string, who: Caller, a: Tenant): string {
    const before = url.split(`:${name}`)[0]!.split('/').filter(Boolean).pop();
    if (name === 'stopId' || before === 'stops') return String(who === 'host' || who === 'driver' ? a.publishedStop.id : a.draftStop.id);
    if (name === 'planId') return String(who === 'coordinator' ? a.draft.id : a.published.id);
    if (name === 'regionId' || before === 'regions') return String(a.regionId);
    if (name === 'year') return String(yearOf(1));
    if (name === 'file') return `${'x'.repeat(43)}.ics`;
    switch (before) {
      case 'venues':
        return String(a.venues[0]!.id);
      case 'vehicles':
        return String(a.vehicles[0]!.id);
      case 'requests':
        return String(a.requests[1]!.id);
      case 'centres':
        return String(a.centre.id);
      case 'drivers':
        return String(a.driver.id);
      case 'blackouts':
        return String(a.blackout.id);
      case 'exhibit-sets':
        return String(a.sets[0]!.id);
      default:
        return '999999';
    }
  }

  it('has an access rule for every route, and every rule names a route', () => {
    const declared = app.routeAccess
      .filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/feeds/'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(declared).toEqual(Object.keys(EXPECTED).sort());
    for (const r of app.routeAccess.filter((x) => x.url.startsWith('/api/'))) {
      const want = EXPECTED[`${r.method} ${r.url}`]!;
      const got = r.access === 'signed-in' ? SIGNED_IN : r.access;
      expect([r.method, r.url, Array.isArray(got) ? [...got].sort() : got]).toEqual([r.method, r.url, Array.isArray(want) ? [...want].sort() : want]);
    }
  });

  it('refuses a state-changing call without the session’s CSRF token, and changes nothing', async () => {
    const h = await headersOf(C);
    const before = await database.db.select().from(t.venues).where(eq(t.venues.id, a.venues[1]!.id));
    for (const token of [undefined, 'wrong', (await headersOf(C))['x-csrf-token']]) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/venues/${a.venues[1]!.id}`,
        headers: { cookie: h.cookie!, ...(token ? { 'x-csrf-token': token } : {}) },
        payload: { name: '被篡改' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    }
    expect(await database.db.select().from(t.venues).where(eq(t.venues.id, a.venues[1]!.id))).toEqual(before);
  });

  describe('across tenants', () => {
    const as = async (who: 'coordinator' | 'host' | 'driver') => headersOf(who);
    const call = async (who: 'coordinator' | 'host' | 'driver', method: string, url: string, payload?: object, extra: Record<string, string> = {}) =>
      app.inject({ method: method as 'GET', url, headers: { ...(await as(who)), ...extra }, ...(payload ? { payload } : {}) });
    const denied = (status: number) => expect([403, 404]).toContain(status);

    it('a host cannot read or change another host’s venue, requests or stops', async () => {
      // Another venue of the same region, and a venue of another region.
      for (const venue of [a.venues[1]!, b.venues[0]!]) {
        denied((await call(H, 'GET', `/api/venues/${venue.id}`)).statusCode);
        denied((await call(H, 'GET', `/api/venues/${venue.id}/blackouts`)).statusCode);
        denied((await call(H, 'POST', `/api/venues/${venue.id}/calendar-feed`)).statusCode);
        const before = await database.db.select().from(t.requests);
        const res = await call(H, 'POST', '/api/requests', { venueId: venue.id, setKind: 'roving_museum', windowStart: inYears(1, '05-01'), windowEnd: inYears(1, '08-31'), openDays: 20 });
        denied(res.statusCode);
        expect(await database.db.select().from(t.requests)).toHaveLength(before.length);
      }
      const list = (await call(H, 'GET', '/api/venues')).json() as Array<{ id: number }>;
      expect(list.map((v) => v.id)).toEqual([a.venues[0]!.id]);
      const requests = (await call(H, 'GET', '/api/requests')).json() as Array<{ venueId: number }>;
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.venueId === a.venues[0]!.id)).toBe(true);

      for (const req of [a.requests[2]!, b.requests[1]!]) {
        denied((await call(H, 'GET', `/api/requests/${req.id}`)).statusCode);
        denied((await call(H, 'POST', `/api/requests/${req.id}/cancel`, {})).statusCode);
        const [still] = await database.db.select().from(t.requests).where(eq(t.requests.id, req.id));
        expect(still!.status).toBe(req.status);
      }
      denied((await call(H, 'POST', `/api/stops/${b.publishedStop.id}/report`, { attendance: 5, activities: 1 })).statusCode);
      expect(await database.db.select().from(t.visitReports).where(eq(t.visitReports.stopId, b.publishedStop.id))).toEqual([]);
      // The host sees the published plan, but only the stays at their venue; never the draft.
      denied((await call(H, 'GET', `/api/plans/${a.draft.id}`)).statusCode);
      denied((await call(H, 'GET', `/api/plans/${b.published.id}/stops`)).statusCode);
      const stops = (await call(H, 'GET', `/api/plans/${a.published.id}/stops`)).json() as Array<{ venueId: number }>;
      expect(stops.every((s) => s.venueId === a.venues[0]!.id)).toBe(true);
    });

    it('a driver sees only their own vehicle’s itinerary and marks only its stops', async () => {
      expect((await call(D, 'GET', `/api/vehicles/${a.vehicles[0]!.id}/itinerary`)).statusCode).toBe(200);
      for (const vehicle of [a.vehicles[1]!, b.vehicles[0]!]) {
        denied((await call(D, 'GET', `/api/vehicles/${vehicle.id}/itinerary`)).statusCode);
        denied((await call(D, 'GET', `/api/vehicles/${vehicle.id}/itinerary.html`)).statusCode);
        denied((await call(D, 'POST', `/api/vehicles/${vehicle.id}/calendar-feed`)).statusCode);
      }
      const vehicles = (await call(D, 'GET', '/api/vehicles')).json() as Array<{ id: number }>;
      expect(vehicles.map((v) => v.id)).toEqual([a.vehicles[0]!.id]);
      denied((await call(D, 'POST', `/api/stops/${b.publishedStop.id}/arrive`, {})).statusCode);
      const [still] = await database.db.select().from(t.stops).where(eq(t.stops.id, b.publishedStop.id));
      expect(still!.status).toBe('planned');
      expect(still!.arrivedAt).toBeNull();
    });

    it('a coordinator reads and changes only their own region', async () => {
      denied((await call(C, 'GET', `/api/venues/${b.venues[0]!.id}`)).statusCode);
      denied((await call(C, 'GET', `/api/plans/${b.draft.id}`)).statusCode);
      denied((await call(C, 'GET', `/api/vehicles/${b.vehicles[0]!.id}/itinerary`)).statusCode);
      denied((await call(C, 'GET', `/api/regions/${b.regionId}/reports?from=${inYears(1)}&to=${inYears(1, '12-31')}`)).statusCode);
      denied((await call(C, 'GET', `/api/plans/${b.draft.id}/export.csv`)).statusCode);
      const venues = (await call(C, 'GET', '/api/venues')).json() as Array<{ regionId: number }>;
      expect(venues.every((v) => v.regionId === a.regionId)).toBe(true);
      const regions = (await call(C, 'GET', '/api/regions')).json() as Array<{ id: number }>;
      expect(regions.map((r) => r.id)).toEqual([a.regionId]);

      const venuesBefore = await database.db.select().from(t.venues);
      denied(
        (await call(C, 'POST', '/api/venues', { regionId: b.regionId, countyCode: '520102', countyName: '南明区', name: '越权', kind: 'school', lng: 106.7, lat: 26.5, floorAreaM2: 100, powerKw: 10 })).statusCode,
      );
      denied((await call(C, 'PATCH', `/api/venues/${b.venues[0]!.id}`, { name: '越权' })).statusCode);
      expect(await database.db.select().from(t.venues)).toEqual(venuesBefore);

      denied((await call(C, 'POST', `/api/requests/${b.requests[1]!.id}/approve`, {})).statusCode);
      const [req] = await database.db.select().from(t.requests).where(eq(t.requests.id, b.requests[1]!.id));
      expect(req!.status).toBe('requested');

      const [planBefore] = await database.db.select().from(t.plans).where(eq(t.plans.id, b.draft.id));
      const weekLater = addDays(b.draftStop.startsOn, 7);
      const edit = await call(C, 'PATCH', `/api/plans/${b.draft.id}/stops/${b.draftStop.id}`, { startsOn: weekLater }, { 'if-match': `"${planBefore!.revision}"` });
      denied(edit.statusCode);
      // A's plan, B's stop: not found either.
      const [aPlan] = await database.db.select().from(t.plans).where(eq(t.plans.id, a.draft.id));
      denied((await call(C, 'PATCH', `/api/plans/${a.draft.id}/stops/${b.draftStop.id}`, { startsOn: weekLater }, { 'if-match': `"${aPlan!.revision}"` })).statusCode);
      const [stop] = await database.db.select().from(t.stops).where(eq(t.stops.id, b.draftStop.id));
      expect(stop!.startsOn).toBe(b.draftStop.startsOn);
      const [planAfter] = await database.db.select().from(t.plans).where(eq(t.plans.id, b.draft.id));
      expect(planAfter!.revision).toBe(planBefore!.revision);

      // The planning API keeps to the region too.
      for (const url of [`/api/plans/${b.draft.id}/legs`, `/api/plans/${b.draft.id}/unserved`, `/api/plans/${b.draft.id}/diff`, `/api/regions/${b.regionId}/planning-runs`]) {
        denied((await call(C, 'GET', url)).statusCode);
      }
      denied((await call(C, 'POST', `/api/plans/${b.draft.id}/publish`, {})).statusCode);
      const [bDraft] = await database.db.select().from(t.plans).where(eq(t.plans.id, b.draft.id));
      expect(bDraft!.status).toBe('draft');

      const feedsBefore = await database.db.select().from(t.calendarFeeds);
      denied((await call(C, 'POST', `/api/vehicles/${b.vehicles[0]!.id}/calendar-feed`)).statusCode);
      expect(await database.db.select().from(t.calendarFeeds)).toHaveLength(feedsBefore.length);
    });

    it('a feed can be revoked only by someone who may see its subject', async () => {
      const created = await call(D, 'POST', `/api/vehicles/${a.vehicles[0]!.id}/calendar-feed`);
      expect(created.statusCode).toBe(201);
      const id = created.json().id as number;
      const otherDriver = await sessionOf(database.db, b.users.driver.userId);
      const res = await app.inject({ method: 'DELETE', url: `/api/calendar-feeds/${id}`, headers: otherDriver });
      denied(res.statusCode);
      const [feed] = await database.db.select().from(t.calendarFeeds).where(and(eq(t.calendarFeeds.id, id)));
      expect(feed!.revokedAt).toBeNull();
    });
  });
  // Walking every route as an allowed role changes data (it publishes a draft, deletes rows): it
  // walks a region of its own, so the other tests see their tenants as built.
  it('lets exactly the allowed roles through each route: anonymous 401, other roles 403', async () => {
    const w = await tenant(database.db, '93');
    const failures: string[] = [];
    for (const [key, allowed] of Object.entries(EXPECTED)) {
      const [method, url] = key.split(' ') as [string, string];
      for (const who of ['anonymous', C, H, D, A] as Caller[]) {
        const path = url.replace(/:(\w+)/g, (_m, name: string) => param(url, name, who, w));
        const headers = await headersOf(who, w);
        const res = await app.inject({
          method: method as 'GET',
          url: path,
          headers,
          ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
        });
        const ok = allowed === 'public' || (who !== 'anonymous' && allowed.includes(who));
        const code = res.statusCode >= 400 ? (res.json() as { code?: string }).code : undefined;
        if (ok && (res.statusCode === 401 || res.statusCode === 403)) failures.push(`${key} as ${who}: ${res.statusCode} ${code}`);
        if (!ok && who === 'anonymous' && !(res.statusCode === 401 && code === 'UNAUTHENTICATED')) failures.push(`${key} as anonymous: ${res.statusCode} ${code}`);
        if (!ok && who !== 'anonymous' && !(res.statusCode === 403 && code === 'FORBIDDEN')) failures.push(`${key} as ${who}: ${res.statusCode} ${code}`);
        if (res.statusCode >= 500) failures.push(`${key} as ${who}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });

});
