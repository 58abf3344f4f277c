import type { Queue, Worker } from 'bullmq';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../server/db/client.js';
import * as t from '../server/db/schema/index.js';
import { enqueueRun, planningQueue, startPlanningWorker, type PlanningJobData } from './queue.js';
import { executeRun, markFailed, RunInputError, unfinishedRuns } from './planning/run.js';
import { within, type JobsRuntime } from './runtime.js';

/** Redis does not answer: the run was not queued (it is marked failed with QUEUE_UNAVAILABLE). */
export class QueueUnavailableError extends Error {
  constructor() {
    super('the planning queue (Redis) does not answer');
    this.name = 'QueueUnavailableError';
  }
}

/** How long a submit waits for Redis to take a run. */
const ENQUEUE_MS = 1500;

/** The run's region and its place among that region's unfinished runs (1 = its oldest). */
async function placeInRegion(db: Db, runId: number): Promise<{ regionId: number; place: number }> {
  const [run] = await db.select({ regionId: t.planningRuns.regionId }).from(t.planningRuns).where(eq(t.planningRuns.id, runId));
  if (!run) return { regionId: 0, place: 1 };
  const ahead = await db
    .select({ id: t.planningRuns.id })
    .from(t.planningRuns)
    .where(and(eq(t.planningRuns.regionId, run.regionId), inArray(t.planningRuns.status, ['queued', 'running']), lte(t.planningRuns.id, runId)));
  return { regionId: run.regionId, place: Math.max(1, ahead.length) };
}

/**
 * Runs waiting in this process, taken round-robin across regions: the next run is the oldest of the
 * region whose last turn is longest ago (a region that never had one first), so one region's many
 * runs never hold another's back.
 */
export class RegionRoundRobin {
  private readonly lines = new Map<number, number[]>();
  private readonly lastTurn = new Map<number, number>();
  private turns = 0;

  push(regionId: number, runId: number) {
    const line = this.lines.get(regionId);
    if (line) line.push(runId);
    else this.lines.set(regionId, [runId]);
  }

  /** The next run to start; undefined when none waits. */
  shift(): number | undefined {
    let best: number | undefined;
    for (const [regionId, line] of this.lines) {
      if (best === undefined) {
        best = regionId;
        continue;
      }
      const a = this.lastTurn.get(regionId) ?? -1;
      const b = this.lastTurn.get(best) ?? -1;
      if (a < b || (a === b && line[0]! < this.lines.get(best)![0]!)) best = regionId;
    }
    if (best === undefined) return undefined;
    const line = this.lines.get(best)!;
    const runId = line.shift();
    if (line.length === 0) this.lines.delete(best);
    this.lastTurn.set(best, ++this.turns);
    return runId;
  }
}

/** Where planning runs go: onto the BullMQ queue, or into this process's own runner. */
export interface PlanningService {
  submit(runId: number): Promise<void>;
  /** Resolves when every run submitted in-process so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface PlanningServiceOptions {
  jobs: JobsRuntime;
  db: Db;
  /** Postgres URL for a worker started inside this process (bullmq mode). */
  databaseUrl?: string | undefined;
  embeddedWorker?: boolean;
  queueName?: string;
  jobLockMs?: number;
  log?: { info(msg: string): void; error(obj: unknown, msg: string): void };
  /** The clock of in-process runs' record timestamps (the app's clock). */
  now: () => Date;
}

/** Sets up planning for this process and resumes runs a previous process left unfinished. */
export async function createPlanningService(o: PlanningServiceOptions): Promise<PlanningService> {
  if (o.jobs.mode === 'bullmq' && o.jobs.redis) {
    const queue: Queue<PlanningJobData> = planningQueue(o.jobs.redis, o.queueName);
    let worker: Worker<PlanningJobData> | undefined;
    if (o.embeddedWorker && o.databaseUrl) {
      worker = startPlanningWorker({ connection: o.jobs.redis, databaseUrl: o.databaseUrl, queueName: o.queueName, lockDurationMs: o.jobLockMs, stalledIntervalMs: o.jobLockMs });
      worker.on('failed', (job, err) => o.log?.error({ err, runId: job?.data.runId }, 'planning run failed'));
    }
    // The job id is deterministic, so re-adding a run that is already queued is a no-op: at start,
    // and each time Redis comes back (it may have lost its data), every unfinished run is queued again.
    const resume = async () => {
      for (const id of await unfinishedRuns(o.db)) await enqueueRun(queue, id, (await placeInRegion(o.db, id)).place);
    };
    await resume();
    const redis = o.jobs.redis;
    const onReady = () => void resume().catch((err) => o.log?.error({ err }, 'could not queue the unfinished runs again'));
    redis.on('ready', onReady);
    return {
      submit: async (runId) => {
        try {
          if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
          const { place } = await placeInRegion(o.db, runId);
          await within(enqueueRun(queue, runId, place), ENQUEUE_MS);
        } catch (err) {
          o.log?.error({ err, runId }, 'planning queue unavailable');
          await markFailed(o.db, runId, 'QUEUE_UNAVAILABLE', (err as Error).message, o.now());
          throw new QueueUnavailableError();
        }
      },
      idle: async () => {},
      close: async () => {
        redis.off('ready', onReady);
        await worker?.close();
        await queue.close();
      },
    };
  }

  // In-process: one run at a time, taken round-robin across regions; the solver runs in a thread.
  const waiting = new RegionRoundRobin();
  let draining: Promise<void> | undefined;
  const runOne = async (runId: number) => {
    try {
      await executeRun(o.db, runId, { now: o.now });
    } catch (err) {
      const code = err instanceof RunInputError ? err.code : 'PLANNING_FAILED';
      o.log?.error({ err, runId }, 'planning run failed');
      await markFailed(o.db, runId, code, (err as Error).message, o.now()).catch(() => {});
    }
  };
  const drain = async () => {
    for (let next = waiting.shift(); next !== undefined; next = waiting.shift()) await runOne(next);
    draining = undefined;
  };
  const submit = async (runId: number) => {
    waiting.push((await placeInRegion(o.db, runId)).regionId, runId);
    draining ??= drain();
  };
  for (const id of await unfinishedRuns(o.db)) await submit(id);
  const idle = async () => {
    while (draining) await draining;
  };
  return { submit, idle, close: idle };
}
