import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningJobId } from '../../jobs/queue.js';
import { openJobsRuntime, type JobsRuntime } from '../../jobs/runtime.js';
import { buildApp } from '../../server/app.js';
import { testClock } from '../helpers/clock.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { tenant, tenantDays, type Tenant } from '../helpers/tenants.js';

// A Redis of this test's own, stopped and started again while the server runs: health keeps
// answering, a run Redis cannot take is refused with a code instead of hanging, and the runs left
// queued are queued again once Redis is back (it comes back empty: no persistence).

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function startRedis(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('planning while Redis goes away and comes back', () => {
  const queueName = `rove-outage-${process.pid}-${Date.now()}`;
  let port: number;
  let redis: ChildProcess;
  let database: TestDatabase;
  let jobs: JobsRuntime;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let ten: Tenant;
  const url = () => `redis://127.0.0.1:${port}`;
  const startRun = () =>
    app.inject({ method: 'POST', url: `/api/regions/${ten.regionId}/planning-runs`, headers: ten.users.coordinator.headers, payload: tenantDays().horizon });
  const queued = async (runId: number) => {
    const q = new Queue(queueName, { connection: { url: url() } });
    try {
      return (await q.getJob(planningJobId(runId))) ?? undefined;
    } finally {
      await q.close();
    }
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    database = await openTestDatabase('postgres');
    ten = await tenant(database.db, `OUT${process.pid}`);
    jobs = (await openJobsRuntime(url())).runtime;
    expect(jobs.mode).toBe('bullmq');
    // No worker: runs stay queued, so the test can see them in the queue.
    app = await buildApp({ config: { webDir: '/nonexistent' }, database, jobs, planning: { embeddedWorker: false, queueName }, clock: testClock() });
  });
  afterAll(async () => {
    await app?.close();
    await jobs?.close();
    if (redis) await stopRedis(redis);
    await database?.dispose();
  });

  it('says degraded, refuses a new run with 503 PLANNING_QUEUE_UNAVAILABLE, and queues the waiting run again when Redis returns', async () => {
    const before = await startRun();
    expect(before.statusCode, before.body).toBe(202);
    const waiting = before.json().runId as number;
    expect(await queued(waiting)).toBeDefined();

    await stopRedis(redis);
    const health = await app.inject('/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', database: { ok: true }, jobs: { mode: 'bullmq', ok: false } });

    const refused = await startRun();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().code).toBe('PLANNING_QUEUE_UNAVAILABLE');
    expect(refused.json().message).toMatch(/Redis/);
    // The refused run is not left looking queued: it failed, with the cause in words.
    const runs = await app.inject({ url: `/api/regions/${ten.regionId}/planning-runs`, headers: { ...ten.users.coordinator.headers, 'accept-language': 'en' } });
    const failed = (runs.json() as Array<{ id: number; status: string; error?: { code: string; message: string } }>).find((r) => r.id !== waiting);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'QUEUE_UNAVAILABLE', message: expect.stringMatching(/never started/) } });

    redis = await startRedis(port);
    await eventually('health ok again', async () => ((await app.inject('/healthz')).json().jobs.ok ? true : undefined));
    // Redis came back empty; the run that was waiting is in the queue again.
    expect(await eventually('the waiting run queued again', () => queued(waiting))).toBeDefined();
    const after = await startRun();
    expect(after.statusCode, after.body).toBe(202);
    expect(await queued(after.json().runId as number)).toBeDefined();
  }, 60_000);
});
