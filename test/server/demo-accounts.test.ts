import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { testClock } from '../helpers/clock.js';

describe('the demo accounts written in the README', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemoIfEmpty(database.db, { today: '2026-11-29' });
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const signIn = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(res.statusCode, `${username}: ${res.body}`).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rove_session')!;
    return { body: res.json(), headers: { cookie: `rove_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string } };
  };

  it('hashes every demo password with argon2id, once per role', async () => {
    const users = await database.db.select().from(t.users);
    expect(users).toHaveLength(29);
    expect(users.every((u) => u.passwordHash?.startsWith('$argon2id$'))).toBe(true);
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(3);
  });

  it('signs in each role with its documented password, each seeing only its own scope', async () => {
    const coordinator = await signIn('coordinator', 'rove-coordinator');
    expect(coordinator.body.user.roles).toEqual([expect.objectContaining({ role: 'coordinator' })]);
    expect(((await app.inject({ url: '/api/venues', headers: coordinator.headers })).json() as unknown[]).length).toBe(88);

    const host = await signIn('host-520527', 'rove-host');
    const venues = (await app.inject({ url: '/api/venues', headers: host.headers })).json() as Array<{ countyCode: string }>;
    expect(venues.map((v) => v.countyCode)).toEqual(['520527']);
    const requests = (await app.inject({ url: '/api/requests', headers: host.headers })).json() as Array<{ countyName: string }>;
    expect(requests.length).toBeGreaterThan(0);
    expect(new Set(requests.map((r) => r.countyName))).toEqual(new Set(['赫章县']));

    const driver = await signIn('driver-rm-01', 'rove-driver');
    const vehicleId = driver.body.user.roles[0].vehicleId as number;
    const itinerary = (await app.inject({ url: `/api/vehicles/${vehicleId}/itinerary`, headers: driver.headers })).json();
    expect(itinerary.vehicle.name).toMatch(/^RM-01/);
    expect(itinerary.stops.length).toBeGreaterThan(3);
    expect(itinerary.stops.every((s: { amapUrl: string }) => s.amapUrl.startsWith('https://uri.amap.com/marker?position='))).toBe(true);
    const other = (await app.inject({ url: `/api/vehicles/${vehicleId + 1}/itinerary`, headers: driver.headers })).statusCode;
    expect(other).toBe(404);

    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'driver-kp-01', password: 'rove-host' } })).statusCode).toBe(401);
  });
});
