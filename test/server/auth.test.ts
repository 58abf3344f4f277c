import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { sessionOf } from '../helpers/accounts.js';
import { testClock } from '../helpers/clock.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// Sign-in does not depend on the database kind; it runs on Postgres.
describe('signing in', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    a = await tenant(database.db, '94');
    const passwordHash = await hash('correct horse');
    await database.db.update(t.users).set({ passwordHash }).where(eq(t.users.id, a.users.host.userId));
    app = await buildApp({ config: { webDir: '/nonexistent', loginAttemptsPerMinute: 5 }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const login = (username: string, password: string, lang = 'zh-CN', ip = '10.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': lang }, remoteAddress: ip });

  it('signs in with an argon2id password, sets an httpOnly SameSite session cookie, and answers /me', async () => {
    const [user] = await database.db.select().from(t.users).where(eq(t.users.id, a.users.host.userId));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    const res = await login('host-94', 'correct horse');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'host-94', roles: [{ role: 'host', venueId: a.venues[0]!.id, regionId: null, vehicleId: null }] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === 'rove_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http: a Secure cookie would never come back
    // Only a hash of the token is stored.
    const sessions = await database.db.select().from(t.sessions).where(eq(t.sessions.userId, a.users.host.userId));
    expect(sessions.some((s) => s.id === cookie.value)).toBe(false);

    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: `rove_session=${cookie.value}` } });
    expect(me.json()).toEqual(body);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `rove_session=${cookie.value}`, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/auth/me', headers: { cookie: `rove_session=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('sets the Secure flag when the request came over https (behind a trusted proxy, as main.ts runs)', async () => {
    const proxied = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() }, { trustProxy: true });
    try {
      const res = await proxied.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'host-94', password: 'correct horse' },
        headers: { 'x-forwarded-proto': 'https' },
        remoteAddress: '10.0.0.9',
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'rove_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS in the asked language', async () => {
    const wrong = await login('host-94', 'wrong', 'en', '10.0.0.2');
    const unknown = await login('nobody', 'wrong', 'zh-CN', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(wrong.json().message).toMatch(/username or password is wrong/);
    expect(unknown.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(unknown.json().message).toContain('用户名或密码不正确');
    expect(wrong.cookies).toEqual([]);
  });

  // The sign-in throttle (growing waits, spraying, a username guessed from many addresses): sign-in-throttle.test.ts.

  it('sends security headers, and keeps /healthz and /docs public with every route documented', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    // Browsers ignore HSTS over plain http and keep it for max-age seconds once seen over https.
    const hsts = /^max-age=(\d+)/.exec(String(res.headers['strict-transport-security']));
    expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(180 * 24 * 3600);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
    // Rove also serves plain http (127.0.0.1, a LAN): no page may ask the browser to rewrite to https.
    for (const url of ['/healthz', '/docs', '/docs/static/swagger-initializer.js']) {
      expect((await app.inject(url)).headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
    }
    const doc = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const routes = app.routeAccess
      .filter((r) => r.url.startsWith('/api/') || r.url.startsWith('/feeds/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.filter((r) => !documented.has(r))).toEqual([]);
    // Each operation says who may call it, from the same declaration the gate enforces.
    expect(doc.paths['/api/requests/{id}/approve']!.post).toMatchObject({ description: expect.stringContaining('Who may call: coordinator.'), security: [{ session: [], csrf: [] }] });
    expect((doc.paths['/api/venues']!.get as { description: string }).description).toContain('Who may call: coordinator, host.');
  });

  it('words the refusals of malformed requests too: no body, broken JSON, a wrong Content-Type', async () => {
    const h = await sessionOf(database.db, a.users.coordinator.userId);
    const cases = [
      { headers: { 'content-type': 'application/json' }, payload: '' },
      { headers: { 'content-type': 'application/json' }, payload: '{"name": ' },
      { headers: { 'content-type': 'text/plain' }, payload: 'hello' },
    ];
    for (const c of cases) {
      for (const lang of ['zh-CN', 'en']) {
        const res = await app.inject({ method: 'POST', url: '/api/centres', headers: { ...h, ...c.headers, 'accept-language': lang }, payload: c.payload });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        const body = res.json() as { code: string; message: string };
        expect(body.code).toMatch(/^[A-Z_]+$/);
        expect(body.message).not.toBe(body.code);
        expect(body.message).toMatch(lang === 'en' ? /^[A-Z][a-z]/ : /[\u4e00-\u9fff]/);
      }
    }
  });

  it('ends an expired session: 401, as if signed out', async () => {
    const res = await login('host-94', 'correct horse', 'zh-CN', '10.0.0.8');
    const cookie = res.cookies.find((c) => c.name === 'rove_session')!;
    const headers = { cookie: `rove_session=${cookie.value}` };
    expect((await app.inject({ url: '/api/venues', headers })).statusCode).toBe(200);
    await database.db.update(t.sessions).set({ expiresAt: new Date(testClock().now().getTime() - 1000) }).where(eq(t.sessions.userId, a.users.host.userId));
    const after = await app.inject({ url: '/api/venues', headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('lets a coordinator open accounts and reset passwords in their region only, and anyone change their own', async () => {
    const b = await tenant(database.db, '99');
    const coord = await sessionOf(database.db, a.users.coordinator.userId);
    const post = (url: string, payload: object, headers: Record<string, string> = coord) => app.inject({ method: 'POST', url, headers, payload });

    const created = await post('/api/users', { username: 'host-new-94', displayName: '新主办方', password: 'a-long-password', role: 'host', venueId: a.venues[1]!.id });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'host-new-94', roles: [{ role: 'host', venueId: a.venues[1]!.id }] });
    expect((await login('host-new-94', 'a-long-password', 'zh-CN', '10.2.0.1')).statusCode).toBe(200);
    const dup = await post('/api/users', { username: 'host-new-94', displayName: 'x', password: 'a-long-password', role: 'host', venueId: a.venues[1]!.id });
    expect(dup.statusCode).toBe(409);
    const foreign = await post('/api/users', { username: 'sneaky', displayName: 'x', password: 'a-long-password', role: 'driver', vehicleId: b.vehicles[0]!.id });
    expect(foreign.statusCode).toBe(404);
    expect(await database.db.select().from(t.users).where(eq(t.users.username, 'sneaky'))).toEqual([]);
    const short = await post('/api/users', { username: 'shorty', displayName: 'x', password: 'short', role: 'host', venueId: a.venues[1]!.id });
    expect(short.statusCode).toBe(400);

    const people = (await app.inject({ url: '/api/users', headers: coord })).json() as Array<{ username: string }>;
    expect(people.map((u) => u.username)).toEqual(expect.arrayContaining(['coordinator-94', 'host-94', 'driver-94', 'host-new-94']));
    expect(people.some((u) => u.username.endsWith('-99'))).toBe(false);

    // A reset ends the user's sessions; the new password works.
    const hostSession = await sessionOf(database.db, created.json().id);
    expect((await post(`/api/users/${created.json().id}/password`, { password: 'another-long-one' })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: hostSession })).statusCode).toBe(401);
    expect((await login('host-new-94', 'another-long-one', 'zh-CN', '10.2.0.2')).statusCode).toBe(200);
    expect((await post(`/api/users/${b.users.host.userId}/password`, { password: 'another-long-one' })).statusCode).toBe(404);

    // Changing one's own password keeps this session and ends the others.
    const mine = await sessionOf(database.db, b.users.driver.userId);
    const other = await sessionOf(database.db, b.users.driver.userId);
    await database.db.update(t.users).set({ passwordHash: await hash('old-password') }).where(eq(t.users.id, b.users.driver.userId));
    expect((await post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'new-password-1' }, mine)).json().code).toBe('INVALID_CREDENTIALS');
    expect((await post('/api/auth/password', { currentPassword: 'old-password', newPassword: 'new-password-1' }, mine)).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: mine })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: other })).statusCode).toBe(401);
    expect((await login('driver-99', 'new-password-1', 'zh-CN', '10.2.0.3')).statusCode).toBe(200);
  });
});
