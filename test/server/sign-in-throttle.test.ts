import { hash } from '@node-rs/argon2';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import { todayIn, type Clock } from '../../server/clock.js';
import * as t from '../../server/db/schema/index.js';
import { testClock } from '../helpers/clock.js';
import { createScratchPostgres, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startRove } from '../helpers/process.js';
import { tenant, type Tenant } from '../helpers/tenants.js';

// Sign-in under attack, over HTTP: wrong guesses slow the guesser down, never the owner of the
// account signing in from somewhere else.

/** A clock the test moves forward by hand. */
function steppedClock(start: Date) {
  let at = start.getTime();
  const clock: Clock = { now: () => new Date(at), today: (zone) => todayIn(zone, new Date(at)) };
  return { clock, advance: (ms: number) => (at += ms) };
}

describe('the sign-in throttle', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  const time = steppedClock(testClock().now());

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    a = await tenant(database.db, '71');
    const passwordHash = await hash('correct horse');
    for (const u of Object.values(a.users)) await database.db.update(t.users).set({ passwordHash }).where(eq(t.users.id, u.userId));
    // Ten attempts a minute (the default): 5 free failures per address and username, 30 per address, 10 per username.
    app = await buildApp({ config: { webDir: '/nonexistent', loginPauseMs: 20 }, database, jobs: inProcessRuntime(), clock: time.clock });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const login = (username: string, password: string, ip: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers: { 'accept-language': 'en', ...headers }, remoteAddress: ip });
  const lockouts = (username: string) =>
    database.db.select().from(t.auditLog).where(and(eq(t.auditLog.action, 'auth.lockout'), eq(t.auditLog.entityId, username)));

  it('makes one address guessing one username wait longer after each wrong password; other addresses sign in', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login('host-71', `guess-${i}`, '10.7.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const waits: string[] = [];
    for (const ms of [1000, 2000, 4000]) {
      const held = await login('host-71', 'correct horse', '10.7.0.1');
      expect(held.statusCode).toBe(429);
      expect(held.json().code).toBe('RATE_LIMITED');
      waits.push(held.json().message);
      time.advance(ms);
      expect((await login('host-71', 'another guess', '10.7.0.1')).statusCode).toBe(401);
    }
    expect(waits.map((m) => /wait (\d+) seconds/.exec(m)?.[1])).toEqual(['1', '2', '4']);
    // The owner, elsewhere, is not held back.
    expect((await login('host-71', 'correct horse', '10.7.0.2')).statusCode).toBe(200);
    const [entry] = await lockouts('host-71');
    expect(entry?.after).toMatchObject({ kind: 'address_username', address: '10.7.0.1', username: 'host-71' });
  });

  it('stops password spraying: one address trying many usernames is refused after 30 wrong passwords, even with a forged X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await login(`someone-${i}`, 'Password1', '10.7.1.1', { 'x-forwarded-for': `192.0.2.${i}` })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30).every((c) => c === 429)).toBe(true);
    expect((await login('driver-71', 'correct horse', '10.7.1.1')).statusCode).toBe(429);
    expect((await login('driver-71', 'correct horse', '10.7.1.2')).statusCode).toBe(200);
    const held = await database.db.select().from(t.auditLog).where(eq(t.auditLog.action, 'auth.lockout'));
    expect(held.map((e) => e.after)).toContainEqual(expect.objectContaining({ kind: 'address', address: '10.7.1.1' }));
  });

  it('lets the right password in from a new address after 100 wrong ones from others, and records the lockout', async () => {
    for (let i = 0; i < 100; i++) expect((await login('coordinator-71', `guess-${i}`, `10.8.${i >> 8}.${i & 255}`)).statusCode).toBe(401);
    const res = await login('coordinator-71', 'correct horse', '10.9.9.9');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.username).toBe('coordinator-71');
    expect((await lockouts('coordinator-71')).map((e) => (e.after as { kind: string }).kind)).toContain('username');
    // Guesses racing the owner are answered one at a time; the owner's attempt is among them and gets in.
    const racing = Array.from({ length: 12 }, (_, i) => login('coordinator-71', `race-${i}`, `10.10.0.${i}`));
    const owner = login('coordinator-71', 'correct horse', '10.11.0.1');
    expect((await owner).statusCode).toBe(200);
    expect((await Promise.all(racing)).map((r) => r.statusCode)).toEqual(Array(12).fill(401));
  });

  it('audits sign-in and sign-out', async () => {
    const res = await login('host-71', 'correct horse', '10.12.0.1');
    const cookie = `rove_session=${res.cookies.find((c) => c.name === 'rove_session')!.value}`;
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': res.json().csrfToken }, remoteAddress: '10.12.0.1' });
    expect(out.statusCode).toBe(204);
    const entries = await database.db.select().from(t.auditLog).where(and(eq(t.auditLog.entity, 'user'), eq(t.auditLog.entityId, String(a.users.host.userId))));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.sign_in', 'auth.sign_out']));
    expect(entries.find((e) => e.action === 'auth.sign_out')!.actorUserId).toBe(a.users.host.userId);
  });
});

describe('a started server trusts X-Forwarded-For only from configured proxies', () => {
  it('by default, a forged X-Forwarded-For does not lift the per-address limit', async () => {
    const scratch = await createScratchPostgres();
    const rove = await startRove({ DATABASE_URL: scratch.url, REDIS_URL: 'off', ROVE_SEED_DEMO: 'false', ROVE_WEB_DIR: '/nonexistent' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 32; i++) {
        const res = await fetch(`${rove.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i}` },
          body: JSON.stringify({ username: `sprayed-${i}`, password: 'Summer2026!' }),
        });
        codes.push(res.status);
      }
      expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
      expect(codes.slice(30)).toEqual([429, 429]);
    } finally {
      await rove.stop();
      await scratch.drop();
    }
  }, 120_000);
});
