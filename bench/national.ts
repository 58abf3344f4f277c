// npm run bench:national -- [--provinces N | --codes 52,53,…] [--scale F] [--iterations N | --time-budget S]
//                           [--lock-ms MS] [--no-kill]
//
// A national deployment planned by separate `npm run worker` processes on BullMQ: one region per
// province of the county data (bench/national-data.ts, DESIGN.md's catalogue times --scale) stored
// in a Postgres database of its own (created and dropped here), one planning run per region. The
// same runs are planned three times, one phase after the other in this one run:
//   1. by one worker; 2. by two workers (the speed-up is 1's wall time over 2's);
//   3. by two workers, one of which is killed (SIGKILL to its whole process group, its sandboxed
//      processor too) while it plans: the run it held must still be stored, once.
// Wall time runs from the first run queued to the last one stored (workers are started and ready
// before). Memory: each worker's processes (npm, tsx, the worker, its sandboxed processor) sampled
// from /proc every 250 ms: the peak of their summed VmRSS, and the largest VmHWM of one of them.
// Solver budget: --iterations (default 4000, the same work on any machine, so the speed-up shows
// the machine's parallelism) or --time-budget seconds (a wall-clock budget: the speed-up is then
// the queue's, not the CPU's).

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { enqueueRun, planningQueue } from '../jobs/queue.js';
import { openDatabase } from '../server/db/client.js';
import * as t from '../server/db/schema/index.js';
import { createScratchPostgres, TEST_REDIS_URL } from '../test/helpers/databases.js';
import { provinces, sizesOf, storeProvince } from './national-data.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const scale = Number(arg('scale') ?? 1);
const timeBudget = arg('time-budget') ? Number(arg('time-budget')) : undefined;
const iterations = timeBudget === undefined ? Number(arg('iterations') ?? 4000) : undefined;
const lockMs = Number(arg('lock-ms') ?? 10_000);
const kill = !args.includes('--no-kill');
const YEAR = 2027;

const all = provinces();
const wanted = arg('provinces');
const codes = arg('codes')?.split(',');
// --provinces N: N provinces evenly spaced through the codes (north, east, south, west alike).
const count = Math.min(all.length, Number(wanted ?? all.length));
const chosen = codes ? all.filter((p) => codes.includes(p.code)) : Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]!);
if (!chosen.length) throw new Error('no province chosen (--provinces N or --codes 52,53)');
const sizes = sizesOf(scale);

const scratch = await createScratchPostgres();
const redis = new Redis(process.env.REDIS_URL ?? TEST_REDIS_URL, { maxRetriesPerRequest: null });
const queueName = `rove-bench-national-${process.pid}-${randomUUID().slice(0, 6)}`;
const queue = planningQueue(redis, queueName);
const database = await openDatabase({ databaseUrl: scratch.url });
const workers: Worker[] = [];
let regionIds: number[] = [];
try {
  await database.migrate();
  const db = database.db;
  const t0 = performance.now();
  const regions = [];
  for (const p of chosen) regions.push({ ...p, ...(await storeProvince(db, p, sizes, YEAR)) });
  const seedS = (performance.now() - t0) / 1000;
  regionIds = regions.map((r) => r.regionId);
  console.error(`stored ${regions.length} provinces in ${seedS.toFixed(1)} s`);

  const phases = [];
  phases.push(await phase('1 worker', 1, false));
  phases.push(await phase('2 workers', 2, false));
  if (kill) phases.push(await phase('2 workers, one killed mid-run', 2, true));

  const speedUp = phases[0]!.wallS / phases[1]!.wallS;
  const budget = iterations !== undefined ? `${iterations} solver iterations a run` : `${timeBudget} s solver budget a run`;
  console.log(`\nbench:national: ${regions.length} provinces at scale ${scale} (${sizes.caravans} caravans, ${sizes.rovingSets} roving sets, ${sizes.requests} caravan requests + ${sizes.rovingSets * 3} roving requests each), ${budget}`);
  console.log(`${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average at the end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`seeded ${regions.reduce((s, r) => s + r.counties, 0)} counties, ${regions.reduce((s, r) => s + r.venues, 0)} venues, ${regions.reduce((s, r) => s + r.vehicles, 0)} vehicles, ${regions.reduce((s, r) => s + r.requests, 0)} requests in ${seedS.toFixed(1)} s\n`);
  console.log('| phase | runs | succeeded | failed | plans stored | regions with 2+ plans | stops stored | wall s | mean run s | peak RSS per worker MB (processes summed) | largest VmHWM of one process MB | killed |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const p of phases) {
    console.log(`| ${p.name} | ${p.runs} | ${p.succeeded} | ${p.failed} | ${p.plans} | ${p.duplicated} | ${p.stops} | ${p.wallS.toFixed(1)} | ${p.meanRunS.toFixed(1)} | ${p.peakRssMb.join(', ')} | ${p.hwmMb.join(', ')} | ${p.killed} |`);
  }
  console.log(`\nspeed-up, 2 workers over 1: ${speedUp.toFixed(2)}× (goal 1.8×)`);
} finally {
  for (const w of workers) w.stop('SIGKILL');
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  redis.disconnect();
  await database.close();
  await scratch.drop();
}

interface Worker {
  child: ChildProcess;
  peakRssKb: number;
  hwmKb: number;
  stop: (signal: NodeJS.Signals) => void;
  exited: Promise<void>;
}

/** `npm run worker` in a process group of its own, resolved once it says it is ready. */
async function startWorker(): Promise<Worker> {
  const child = spawn('npm', ['run', '--silent', 'worker'], {
    env: { ...process.env, DATABASE_URL: scratch.url, REDIS_URL: process.env.REDIS_URL ?? TEST_REDIS_URL, ROVE_QUEUE_NAME: queueName, ROVE_JOB_LOCK_MS: String(lockMs), LOG_LEVEL: 'warn' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const w: Worker = {
    child,
    peakRssKb: 0,
    hwmKb: 0,
    exited,
    stop: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    },
  };
  workers.push(w);
  child.stderr!.on('data', (d: Buffer) => process.env.BENCH_DEBUG && process.stderr.write(d));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
      if (out.includes('worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${out}`)));
  });
  return w;
}

/** The processes of a process group, from /proc: each one's VmRSS and VmHWM in kB. */
function groupMemory(pgid: number): { rss: number; hwm: number } {
  let rss = 0;
  let hwm = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return { rss, hwm };
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** One planning run per region by `n` workers; with `killOne`, the first worker is killed while it plans. */
async function phase(name: string, n: number, killOne: boolean) {
  const db = database.db;
  const started = await Promise.all(Array.from({ length: n }, () => startWorker()));
  const sampler = setInterval(() => {
    for (const w of started) {
      const m = groupMemory(w.child.pid!);
      w.peakRssKb = Math.max(w.peakRssKb, m.rss);
      w.hwmKb = Math.max(w.hwmKb, m.hwm);
    }
  }, 250);
  const since = new Date();
  const options = iterations !== undefined ? { seed: 1, iterations } : { seed: 1, seconds: timeBudget };
  const t0 = performance.now();
  const runs = await db
    .insert(t.planningRuns)
    .values(regionIds.map((regionId) => ({ regionId, horizonStart: `${YEAR}-01-01`, horizonEnd: `${YEAR}-12-31`, options })))
    .returning({ id: t.planningRuns.id });
  const runIds = runs.map((r) => r.id);
  for (const id of runIds) await enqueueRun(queue, id, 1);
  let killed = '-';
  for (;;) {
    await sleep(500);
    const rows = await db.select({ id: t.planningRuns.id, status: t.planningRuns.status }).from(t.planningRuns).where(inArray(t.planningRuns.id, runIds));
    const done = rows.filter((r) => r.status === 'succeeded' || r.status === 'failed' || r.status === 'cancelled').length;
    const running = rows.filter((r) => r.status === 'running');
    // Kill once a run is stored and both workers hold one (two running): the victim surely plans one.
    if (killOne && killed === '-' && done >= 1 && running.length >= 2) {
      started[0]!.stop('SIGKILL');
      killed = `worker 1 at ${((performance.now() - t0) / 1000).toFixed(1)} s, while runs ${running.map((r) => r.id).join(' and ')} were running (${done} of ${runIds.length} stored)`;
      console.error(`${name}: killed ${killed}`);
    }
    if (done === runIds.length) break;
    if (performance.now() - t0 > 30 * 60_000) throw new Error(`${name}: not done in 30 minutes`);
  }
  const wallS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  for (const w of started) w.stop('SIGTERM');
  await Promise.all(started.map((w) => Promise.race([w.exited, sleep(15_000)])));
  for (const w of started) w.stop('SIGKILL');

  const finished = await db.select().from(t.planningRuns).where(inArray(t.planningRuns.id, runIds));
  const plans = await db
    .select({ regionId: t.plans.regionId, n: sql<number>`count(*)::int` })
    .from(t.plans)
    .where(and(gte(t.plans.createdAt, since), eq(t.plans.status, 'draft')))
    .groupBy(t.plans.regionId);
  const planIds = finished.map((r) => r.planId).filter((x): x is number => x !== null);
  const [stops] = planIds.length ? await db.select({ n: sql<number>`count(*)::int` }).from(t.stops).where(inArray(t.stops.planId, planIds)) : [{ n: 0 }];
  const runS = finished.filter((r) => r.startedAt && r.finishedAt).map((r) => (r.finishedAt!.getTime() - r.startedAt!.getTime()) / 1000);
  return {
    name,
    runs: runIds.length,
    succeeded: finished.filter((r) => r.status === 'succeeded').length,
    failed: finished.filter((r) => r.status === 'failed').length,
    plans: plans.reduce((s, p) => s + p.n, 0),
    duplicated: plans.filter((p) => p.n > 1).length,
    stops: stops!.n,
    wallS,
    meanRunS: runS.reduce((s, x) => s + x, 0) / Math.max(1, runS.length),
    peakRssMb: started.map((w) => Math.round(w.peakRssKb / 1024)),
    hwmMb: started.map((w) => Math.round(w.hwmKb / 1024)),
    killed,
  };
}
