import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { adminWithSession, sessionOf, type SessionHeaders } from '../helpers/accounts.js';
import { testClock, yearOf } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// The deployment's administrator opens regions and their first coordinators through the API, and
// alone keeps the national holiday calendar.
describe.each(databaseKinds)('the administrator on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: SessionHeaders;
  let a: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, '71');
    admin = (await adminWithSession(database.db)).headers;
    app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 1000 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookieOf = (res: Awaited<ReturnType<typeof login>>) => ({ cookie: String(res.headers['set-cookie']).split(';')[0]!, 'x-csrf-token': res.json().csrfToken as string });

  it('opens a region with its first coordinator, who then signs in and sees only that region', async () => {
    const body = { code: '45', nameZh: '广西壮族自治区', nameEn: 'Guangxi', coordinator: { username: 'gx-coordinator', displayName: '广西协调员', password: 'guangxi-2027', locale: 'zh-CN' } };
    const opened = await app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin, payload: body });
    expect(opened.statusCode, opened.body).toBe(201);
    const regionId = opened.json().region.id as number;
    expect(opened.json()).toMatchObject({ region: { code: '45', timeZone: 'Asia/Shanghai' }, coordinator: { username: 'gx-coordinator' } });

    const signedIn = await login('gx-coordinator', 'guangxi-2027');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ administrator: false, roles: [{ role: 'coordinator', regionId }] });
    const regions = (await app.inject({ url: '/api/regions', headers: cookieOf(signedIn) })).json() as { id: number }[];
    expect(regions.map((r) => r.id)).toEqual([regionId]);

    // Both or neither: a taken username leaves no region behind; a taken region code is refused.
    const before = await database.db.select().from(t.regions);
    const taken = await app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin, payload: { ...body, code: '46', nameEn: 'Hainan', nameZh: '海南省' } });
    expect(taken.statusCode).toBe(409);
    expect(await database.db.select().from(t.regions)).toEqual(before);
    const again = await app.inject({ method: 'POST', url: '/api/admin/regions', headers: admin, payload: { ...body, coordinator: { ...body.coordinator, username: 'gx-2' } } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE');

    const second = await app.inject({ method: 'POST', url: `/api/admin/regions/${regionId}/coordinators`, headers: admin, payload: { username: 'gx-deputy', displayName: '副协调员', password: 'guangxi-2028' } });
    expect(second.statusCode).toBe(201);
    const listed = (await app.inject({ url: '/api/admin/regions', headers: admin })).json() as { id: number; coordinators: number }[];
    expect(listed.find((r) => r.id === regionId)!.coordinators).toBe(2);
    const log = await database.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'region.create'));
    expect(log.map((l) => l.entityId)).toEqual([String(regionId)]);
  });

  it('refuses bad input with words: a region code that is no NBS code, an unknown time zone', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/admin/regions', headers: { ...admin, 'accept-language': 'en' },
      payload: { code: 'GX', nameZh: '广西', nameEn: 'Guangxi', timeZone: 'Mars/Olympus', coordinator: { username: 'x-coordinator', displayName: 'x', password: 'long-enough' } },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details)).toMatch(/code[\s\S]*timeZone|timeZone[\s\S]*code/);
  });

  it('lets only the administrator load the national holiday calendar', async () => {
    const y = yearOf(2);
    const days = { days: [{ day: `${y}-10-01`, kind: 'holiday', name: '国庆节' }] };
    const coordinator = await sessionOf(database.db, a.users.coordinator.userId);
    const refused = await app.inject({ method: 'PUT', url: `/api/holidays/${y}`, headers: coordinator, payload: days });
    expect(refused.statusCode).toBe(403);
    expect(await database.db.select().from(t.holidayDays).where(eq(t.holidayDays.day, `${y}-10-01`))).toEqual([]);
    const loaded = await app.inject({ method: 'PUT', url: `/api/holidays/${y}`, headers: admin, payload: days });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().source).toBe('official');
    // An administrator holds no region: the catalogue is not theirs.
    expect((await app.inject({ url: '/api/venues', headers: admin })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/admin/regions', headers: coordinator })).statusCode).toBe(403);
  });
});
