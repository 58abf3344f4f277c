import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { adminWithSession, userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { inYears, testClock } from '../helpers/clock.js';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

interface Entry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  entityId: string;
  regionIds: number[];
}

// The audit log from outside: security events and writes are recorded with the regions they concern;
// a coordinator reads and filters their regions' entries, the administrator every entry.
describe.each(databaseKinds)('audit log on %s', (kind) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;
  let admin: SessionHeaders;
  let ip = 0;
  const code = kind === 'postgres' ? ['83', '84'] : ['85', '86'];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    a = await tenant(database.db, code[0]!);
    b = await tenant(database.db, code[1]!);
    admin = (await adminWithSession(database.db)).headers;
    app = await buildApp({ config: { webDir: '/nonexistent', loginPauseMs: 20 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  async function read(headers: Record<string, string>, query = '') {
    const res = await call('GET', `/api/audit?limit=200${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { entries: Entry[]; next: number | null };
  }
  const login = (username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.${code[0]}.0.${++ip}` });

  it('records sign-in, sign-out, a lockout and a password change, which the region’s coordinator reads and the other region’s does not', async () => {
    // A host of its own: changing the password ends every other session of the account.
    const host = `audit-host-${code[0]}`;
    const { userId } = await userWithSession(database.db, [{ role: 'host', venueId: a.venues[0]!.id }], host);
    await database.db.update(t.users).set({ passwordHash: await hash('correct horse') }).where(eq(t.users.id, userId));
    const signedIn = await login(host, 'correct horse');
    expect(signedIn.statusCode).toBe(200);
    const session = { cookie: `rove_session=${signedIn.cookies.find((c) => c.name === 'rove_session')!.value}`, 'x-csrf-token': signedIn.json().csrfToken as string };
    expect((await call('POST', '/api/auth/password', session, { currentPassword: 'correct horse', newPassword: 'battery staple 42' })).statusCode).toBeLessThan(300);
    expect((await call('POST', '/api/auth/logout', session)).statusCode).toBeLessThan(300);
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++) guesses.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: host, password: `guess ${i}` }, remoteAddress: '10.99.0.1' })).statusCode);
    expect(guesses).toEqual([401, 401, 401, 401, 401]);

    const mine = (await read(a.users.coordinator.headers)).entries.filter((e) => e.entityId === String(userId) || e.entityId === host);
    expect(mine.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'user.password_change', 'auth.sign_out', 'auth.lockout']));
    expect(mine.every((e) => e.regionIds.includes(a.regionId))).toBe(true);
    const signIn = mine.find((e) => e.action === 'auth.sign_in')!;
    expect(signIn.actor).toBe(host);

    const theirs = (await read(b.users.coordinator.headers)).entries;
    expect(theirs.some((e) => e.entityId === String(userId) || e.entityId === host)).toBe(false);
    expect(theirs.every((e) => e.regionIds.includes(b.regionId))).toBe(true);
  });

  it('records feeds made and revoked, a request, a catalogue change and a planning run started and cancelled, with their region', async () => {
    const coordinator = a.users.coordinator.headers;
    const feed = await call('POST', `/api/vehicles/${a.vehicles[0]!.id}/calendar-feed`, a.users.driver.headers);
    expect(feed.statusCode).toBe(201);
    expect((await call('DELETE', `/api/calendar-feeds/${feed.json().id}`, coordinator)).statusCode).toBe(200);
    const request = await call('POST', '/api/requests', a.users.host.headers, { venueId: a.venues[0]!.id, setKind: 'caravan_kit', windowStart: inYears(1, '03-01'), windowEnd: inYears(1, '05-31'), openDays: 1, expectedAudience: 300 });
    expect(request.statusCode, request.body).toBe(201);
    expect((await call('PATCH', `/api/centres/${a.centre.id}`, coordinator, { name: `Centre ${code[0]} renamed` })).statusCode).toBe(200);
    const run = await call('POST', `/api/regions/${a.regionId}/planning-runs`, coordinator, { horizonStart: inYears(1, '01-01'), horizonEnd: inYears(1, '12-31') });
    expect(run.statusCode, run.body).toBe(202);
    expect((await call('POST', `/api/planning-runs/${run.json().runId}/cancel`, coordinator)).statusCode).toBe(202);

    const entries = (await read(coordinator)).entries;
    const has = (action: string, entityId: number) => entries.some((e) => e.action === action && e.entityId === String(entityId) && e.regionIds.includes(a.regionId));
    expect(has('feed.create', feed.json().id)).toBe(true);
    expect(has('feed.revoke', feed.json().id)).toBe(true);
    expect(has('request.create', request.json().id)).toBe(true);
    expect(has('centre.update', a.centre.id)).toBe(true);
    expect(has('run.start', run.json().runId)).toBe(true);
    expect(has('run.cancel', run.json().runId)).toBe(true);
    expect(entries.find((e) => e.action === 'feed.create')!.actor).toBe(`driver-${code[0]}`);

    // The other region's coordinator sees none of it; the administrator sees it, and both regions.
    const other = (await read(b.users.coordinator.headers)).entries;
    expect(other.some((e) => e.regionIds.includes(a.regionId))).toBe(false);
    const all = (await read(admin)).entries;
    expect(all.some((e) => e.action === 'run.cancel' && e.entityId === String(run.json().runId))).toBe(true);
    const regionB = (await call('PATCH', `/api/centres/${b.centre.id}`, b.users.coordinator.headers, { name: `Centre ${code[1]} renamed` })).statusCode;
    expect(regionB).toBe(200);
    expect((await read(admin, `&region=${b.regionId}&entity=centre`)).entries.map((e) => e.entityId)).toEqual([String(b.centre.id)]);
  });

  it('filters by action prefix, entity, actor and time, and pages newest first', async () => {
    const coordinator = a.users.coordinator.headers;
    for (const name of ['one', 'two', 'three']) {
      expect((await call('PATCH', `/api/centres/${a.centre.id}`, coordinator, { name: `Centre ${name}` })).statusCode).toBe(200);
    }
    const centre = `&entity=centre&entityId=${a.centre.id}&actor=${a.users.coordinator.userId}`;
    const first = await call('GET', `/api/audit?limit=2${centre}`, coordinator);
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as { entries: Entry[]; next: number };
    expect(page1.entries).toHaveLength(2);
    expect(page1.entries.map((e) => e.action)).toEqual(['centre.update', 'centre.update']);
    const page2 = (await call('GET', `/api/audit?limit=2${centre}&before=${page1.next}`, coordinator)).json() as { entries: Entry[] };
    expect(page2.entries.length).toBeGreaterThan(0);
    expect(Math.max(...page2.entries.map((e) => e.id))).toBeLessThan(Math.min(...page1.entries.map((e) => e.id)));

    const prefix = (await read(coordinator, '&action=centre.')).entries;
    expect(prefix.length).toBeGreaterThanOrEqual(3);
    expect(prefix.every((e) => e.action.startsWith('centre.'))).toBe(true);

    // [from, to): an entry's own instant is inside `from` and outside `to`.
    const newest = page1.entries[0]!;
    const at = encodeURIComponent(newest.at);
    expect((await read(coordinator, `${centre}&from=${at}`)).entries.map((e) => e.id)).toContain(newest.id);
    expect((await read(coordinator, `${centre}&to=${at}`)).entries.map((e) => e.id)).not.toContain(newest.id);
  });

  it('refuses hosts and drivers, another region’s filter and bad filters, in both languages', async () => {
    expect((await call('GET', '/api/audit', a.users.host.headers)).statusCode).toBe(403);
    expect((await call('GET', '/api/audit', a.users.driver.headers)).statusCode).toBe(403);
    const foreign = await call('GET', `/api/audit?region=${b.regionId}`, a.users.coordinator.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('RESOURCE_NOT_FOUND');
    for (const lang of ['en', 'zh-CN']) {
      const bad = await call('GET', '/api/audit?limit=5000&from=yesterday', { ...a.users.coordinator.headers, 'accept-language': lang });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(bad.json().message).toMatch(lang === 'en' ? /malformed/ : /格式不正确/);
      expect(bad.json().details.issues.map((i: { path: string }) => i.path).join()).toMatch(/limit/);
    }
  });
});
