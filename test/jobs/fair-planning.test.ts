import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionRoundRobin } from '../../jobs/planning-service.js';
import { planningJobId } from '../../jobs/queue.js';
import { inProcessRuntime, openJobsRuntime, type JobsRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import { testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { startRun, waitForRun } from '../helpers/planning.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quick = () => ({ ...tenantDays().horizon, options: { iterations: 20, seconds: 1 } });

describe('the in-process line takes regions in turn', () => {
  it('starts the region that has waited longest for a turn, whatever order the runs came in', () => {
    const line = new RegionRoundRobin();
    line.push(1, 11);
    expect(line.shift()).toBe(11); // region 1 starts at once
    line.push(1, 12);
    line.push(1, 13);
    line.push(2, 21);
    line.push(3, 31);
    line.push(2, 22);
    // Regions 2 and 3 never had a turn: they go first, oldest run first; then back to region 1.
    expect([line.shift(), line.shift(), line.shift(), line.shift(), line.shift(), line.shift()]).toEqual([21, 31, 12, 22, 13, undefined]);
  });

  describe('through the API on the embedded database', () => {
    let database: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let a: Tenant;
    let b: Tenant;
    beforeAll(async () => {
      database = await openTestDatabase('embedded');
      a = await tenant(database.db, '71');
      b = await tenant(database.db, '72');
      app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs: inProcessRuntime(), clock: testClock() });
    });
    afterAll(async () => {
      await app?.close();
      await database?.dispose();
    });

    it("plans region B's one run before region A's second and third, though A asked first", async () => {
      const coordA = a.users.coordinator.headers;
      const coordB = b.users.coordinator.headers;
      const runsA = [await startRun(app, coordA, a.regionId, quick()), await startRun(app, coordA, a.regionId, quick()), await startRun(app, coordA, a.regionId, quick())];
      const runB = await startRun(app, coordB, b.regionId, quick());
      const done = await Promise.all([...runsA, runB].map((id) => waitForRun(app, database.db, id === runB ? coordB : coordA, id)));
      expect(done.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
      // Plans are stored in the order the runs finish, one at a time.
      const [a1, a2, a3, b1] = done.map((r) => r.planId as number);
      expect(a1!).toBeLessThan(b1!);
      expect(b1!).toBeLessThan(a2!);
      expect(a2!).toBeLessThan(a3!);
    }, 180_000);
  });
});

describe('on BullMQ, a region jumps ahead of another region’s later runs', () => {
  const queueName = `rove-fair-${process.pid}-${Date.now()}`;
  let database: TestDatabase;
  let jobs: JobsRuntime;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    a = await tenant(database.db, `8${process.pid}3`);
    b = await tenant(database.db, `8${process.pid}4`);
    jobs = (await openJobsRuntime(TEST_REDIS_URL)).runtime;
    // No worker: the runs wait in the queue where the test reads their priorities.
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs, planning: { embeddedWorker: false, queueName }, clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.close();
    const q = new Queue(queueName, { connection: { url: TEST_REDIS_URL } });
    await q.obliterate({ force: true }).catch(() => {});
    await q.close();
    await database?.dispose();
  });

  it("queues each run by its place in its own region's line, and each coordinator sees and cancels only their own", async () => {
    const coordA = a.users.coordinator.headers;
    const coordB = b.users.coordinator.headers;
    const runsA = [await startRun(app, coordA, a.regionId, quick()), await startRun(app, coordA, a.regionId, quick()), await startRun(app, coordA, a.regionId, quick())];
    const runB = await startRun(app, coordB, b.regionId, quick());
    const q = new Queue(queueName, { connection: { url: TEST_REDIS_URL } });
    try {
      const priority = async (id: number) => (await q.getJob(planningJobId(id)))?.opts.priority;
      expect(await Promise.all(runsA.map(priority))).toEqual([1, 2, 3]);
      expect(await priority(runB)).toBe(1);
    } finally {
      await q.close();
    }
    // B's coordinator sees B's queued run, not A's, and cannot cancel A's.
    const listB = (await app.inject({ url: `/api/regions/${b.regionId}/planning-runs`, headers: coordB })).json() as Array<{ id: number; status: string }>;
    expect(listB.map((r) => [r.id, r.status])).toEqual([[runB, 'queued']]);
    expect((await app.inject({ method: 'POST', url: `/api/planning-runs/${runsA[2]}/cancel`, headers: coordB })).statusCode).toBe(404);
    const cancel = await app.inject({ method: 'POST', url: `/api/planning-runs/${runsA[2]}/cancel`, headers: coordA });
    expect(cancel.statusCode).toBe(202);
  });
});
