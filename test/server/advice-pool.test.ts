import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import * as t from '../../server/db/schema/index.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';
import { userWithSession, type SessionHeaders } from '../helpers/accounts.js';
import { addDays, testClock, testToday } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

// Advice (the solver's insertion search over a region's published tours) runs in a pool of threads,
// so a host asking for dates never stalls the server for everyone else.
describe('advice off the event loop', () => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let host: SessionHeaders;
  let venueId: number;
  const wide = () => ({ venueId, setKind: 'caravan_kit', windowStart: addDays(testToday(), 1), windowEnd: addDays(testToday(), 365), openDays: 2 });

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedDemoIfEmpty(database.db, { today: testToday() });
    app = await buildApp({ config: { webDir: '/nonexistent', adviceThreads: 2, adviceSeconds: 300 }, database, jobs: inProcessRuntime(), clock: testClock() });
    const [venue] = await database.db.select().from(t.venues).where(eq(t.venues.countyCode, '520527')).limit(1);
    venueId = venue!.id;
    host = (await userWithSession(database.db, [{ role: 'host', venueId }])).headers;
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('answers /healthz while eight year-wide advice calls are being computed, and answers every one of them', async () => {
    let done = 0;
    const calls = Array.from({ length: 8 }, () =>
      app.inject({ method: 'POST', url: '/api/requests/advice', headers: host, payload: wide() }).finally(() => done++),
    );
    // Health checks go on while the pool's threads work: at least one answers while advice runs.
    const whileRunning: number[] = [];
    while (done < calls.length) {
      const health = await app.inject('/healthz');
      expect(health.statusCode).toBe(200);
      if (health.json().advice.running > 0) whileRunning.push(health.statusCode);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(whileRunning.length).toBeGreaterThan(0);
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect((res.json() as { options: unknown[] }).options.length).toBeGreaterThan(0);
    }
    expect((await app.inject('/healthz')).json().advice).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a window longer than a year with 400 ADVICE_WINDOW_TOO_LONG, in words a host can act on', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/requests/advice',
      headers: { ...host, 'accept-language': 'en' },
      payload: { ...wide(), windowStart: '2000-01-01', windowEnd: '2099-12-31' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ADVICE_WINDOW_TOO_LONG' });
    expect(res.json().message).toMatch(/at most 366/);
  });

  it('stops an advice that runs past its time limit with 503 ADVICE_TIMED_OUT, and the next one still works', async () => {
    const hurried = await buildApp({ config: { webDir: '/nonexistent', adviceSeconds: 0.001 }, database, jobs: inProcessRuntime(), clock: testClock() });
    try {
      const res = await hurried.inject({ method: 'POST', url: '/api/requests/advice', headers: host, payload: wide() });
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('ADVICE_TIMED_OUT');
      expect(res.json().message).toMatch(/日期范围/);
    } finally {
      await hurried.close();
    }
    const res = await app.inject({ method: 'POST', url: '/api/requests/advice', headers: host, payload: wide() });
    expect(res.statusCode).toBe(200);
  });
});
