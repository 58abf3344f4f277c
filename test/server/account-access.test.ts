import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// Taking access away, over HTTP: a removed driver, a withdrawn host, a disabled account and a reset
// password each end the sessions and the calendar feeds that went with them.
describe('taking access away', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;
  let ip = 0;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    a = await tenant(database.db, '72');
    b = await tenant(database.db, '73');
    const passwordHash = await hash('correct horse');
    for (const u of [...Object.values(a.users), ...Object.values(b.users)]) await database.db.update(t.users).set({ passwordHash }).where(eq(t.users.id, u.userId));
    // The catalogue's driver is the driver's account (as the demo links them).
    await database.db.update(t.drivers).set({ userId: a.users.driver.userId }).where(eq(t.drivers.id, a.driver.id));
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const login = (username: string, password = 'correct horse') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.72.0.${++ip}` });
  async function signIn(username: string, password = 'correct horse') {
    const res = await login(username, password);
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: `rove_session=${res.cookies.find((c) => c.name === 'rove_session')!.value}`, 'x-csrf-token': res.json().csrfToken as string };
  }
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  async function feedOf(url: string, headers: Record<string, string>) {
    const res = await call('POST', url, headers);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().url as string;
  }
  const coordinator = () => signIn('coordinator-72');

  it('refuses a removed driver’s session, sign-in and calendar feed', async () => {
    const driver = await signIn('driver-72');
    const feed = await feedOf(`/api/vehicles/${a.vehicles[0]!.id}/calendar-feed`, driver);
    expect((await app.inject(feed)).statusCode).toBe(200);
    const itinerary = `/api/vehicles/${a.vehicles[0]!.id}/itinerary`;
    expect((await call('GET', itinerary, driver)).statusCode).toBe(200);

    expect((await call('DELETE', `/api/drivers/${a.driver.id}`, await coordinator())).statusCode).toBe(204);

    expect((await call('GET', itinerary, driver)).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', driver)).statusCode).toBe(401);
    const again = await login('driver-72');
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('INVALID_CREDENTIALS');
    expect((await app.inject(feed)).statusCode).toBe(404);
    const [account] = await database.db.select().from(t.users).where(eq(t.users.id, a.users.driver.userId));
    expect(account!.disabledAt).not.toBeNull();
  });

  it('withdraws a host’s grant: that venue’s feed stops, their sessions end, and the rest of their access stays', async () => {
    const coord = await coordinator();
    const created = await call('POST', '/api/users', coord, { username: 'host-two-72', displayName: '两个展点', password: 'a-long-password', role: 'host', venueId: a.venues[1]!.id });
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json().id as number;
    await database.db.insert(t.userRoles).values({ userId, role: 'host', venueId: a.venues[2]!.id });
    const host = await signIn('host-two-72', 'a-long-password');
    const withdrawnFeed = await feedOf(`/api/venues/${a.venues[1]!.id}/calendar-feed`, host);
    const keptFeed = await feedOf(`/api/venues/${a.venues[2]!.id}/calendar-feed`, host);

    const people = (await call('GET', '/api/users', coord)).json() as Array<{ id: number; roles: Array<{ id: number; venueId: number | null }> }>;
    const grant = people.find((u) => u.id === userId)!.roles.find((g) => g.venueId === a.venues[1]!.id)!;
    expect((await call('DELETE', `/api/users/${userId}/roles/${grant.id}`, coord)).statusCode).toBe(204);

    expect((await call('GET', '/api/auth/me', host)).statusCode).toBe(401);
    expect((await app.inject(withdrawnFeed)).statusCode).toBe(404);
    // Every feed the user made was revoked with their sessions; the account itself still signs in.
    expect((await app.inject(keptFeed)).statusCode).toBe(404);
    const back = await signIn('host-two-72', 'a-long-password');
    expect((await call('GET', `/api/venues/${a.venues[2]!.id}`, back)).statusCode).toBe(200);
    expect((await call('GET', `/api/venues/${a.venues[1]!.id}`, back)).statusCode).toBe(404);
    const fresh = await feedOf(`/api/venues/${a.venues[2]!.id}/calendar-feed`, back);
    expect((await app.inject(fresh)).statusCode).toBe(200);
  });

  it('stops a feed whose owner lost access some other way (a grant removed behind the API’s back)', async () => {
    const host = await signIn('host-72');
    const feed = await feedOf(`/api/venues/${a.venues[0]!.id}/calendar-feed`, host);
    expect((await app.inject(feed)).statusCode).toBe(200);
    await database.db.delete(t.userRoles).where(eq(t.userRoles.userId, a.users.host.userId));
    expect((await app.inject(feed)).statusCode).toBe(404);
  });

  it('disables and enables an account of the region; other coordinators and other regions are out of reach', async () => {
    const coord = await coordinator();
    const hostB = await signIn('host-73');
    // Not one of ours: another region's host, another coordinator, oneself.
    for (const id of [b.users.host.userId, b.users.coordinator.userId, a.users.coordinator.userId]) {
      expect((await call('POST', `/api/users/${id}/disable`, coord)).statusCode).toBe(404);
    }
    expect((await call('GET', '/api/auth/me', hostB)).statusCode).toBe(200);

    const created = await call('POST', '/api/users', coord, { username: 'driver-two-72', displayName: '二号司机', password: 'a-long-password', role: 'driver', vehicleId: a.vehicles[1]!.id });
    const userId = created.json().id as number;
    const driver = await signIn('driver-two-72', 'a-long-password');
    const feed = await feedOf(`/api/vehicles/${a.vehicles[1]!.id}/calendar-feed`, driver);
    expect((await call('POST', `/api/users/${userId}/disable`, coord)).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', driver)).statusCode).toBe(401);
    expect((await login('driver-two-72', 'a-long-password')).statusCode).toBe(401);
    expect((await app.inject(feed)).statusCode).toBe(404);
    expect(((await call('GET', '/api/users', coord)).json() as Array<{ id: number; disabled: boolean }>).find((u) => u.id === userId)!.disabled).toBe(true);

    expect((await call('POST', `/api/users/${userId}/enable`, coord)).statusCode).toBe(204);
    expect((await login('driver-two-72', 'a-long-password')).statusCode).toBe(200);
    const actions = (await database.db.select().from(t.auditLog).where(eq(t.auditLog.entityId, String(userId)))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.enable']));
  });

  it('stops the calendar feeds of a user whose password is reset or changed', async () => {
    const coord = await signIn('coordinator-73');
    const driver = await signIn('driver-73');
    const feed = await feedOf(`/api/vehicles/${b.vehicles[0]!.id}/calendar-feed`, driver);
    expect((await call('POST', `/api/users/${b.users.driver.userId}/password`, coord, { password: 'a-new-password' })).statusCode).toBe(204);
    expect((await app.inject(feed)).statusCode).toBe(404);

    const again = await signIn('driver-73', 'a-new-password');
    const second = await feedOf(`/api/vehicles/${b.vehicles[0]!.id}/calendar-feed`, again);
    expect((await call('POST', '/api/auth/password', again, { currentPassword: 'a-new-password', newPassword: 'yet-another-one' })).statusCode).toBe(204);
    expect((await app.inject(second)).statusCode).toBe(404);
    expect((await database.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'user.password_change'))).map((e) => e.actorUserId)).toContain(b.users.driver.userId);
  });
});
