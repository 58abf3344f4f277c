import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';

// The planning queue: one config (retention, attempts, locks) and one sandboxed processor.

export const PLANNING_QUEUE = 'rove-planning';

export interface PlanningJobData {
  runId: number;
}

/** Deterministic job id: a run is enqueued at most once, however often it is asked for. */
export const planningJobId = (runId: number) => `plan-run-${runId}`;

export function planningQueue(connection: Redis, name = PLANNING_QUEUE): Queue<PlanningJobData> {
  return new Queue<PlanningJobData>(name, {
    connection,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
}

/**
 * Queues a run. `priority` (1 = first) is the run's place among its own region's unfinished runs, so
 * a region's first run goes before another region's third: no region's runs starve another's.
 */
export async function enqueueRun(queue: Queue<PlanningJobData>, runId: number, priority = 1): Promise<Job<PlanningJobData>> {
  return queue.add('plan', { runId }, { jobId: planningJobId(runId), priority: Math.min(Math.max(1, priority), 2_097_152) });
}

export interface PlanningWorkerOptions {
  connection: Redis;
  /** The Postgres the sandboxed processor connects to (workers need a shared database). */
  databaseUrl: string;
  queueName?: string;
  concurrency?: number;
  /** How long a job's lock lasts without renewal; a killed worker's job is retried after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/**
 * A worker whose processor runs in a child process (BullMQ's sandbox), so the worker itself stays
 * responsive: it renews locks and closes cleanly while a plan is being solved.
 */
export function startPlanningWorker(o: PlanningWorkerOptions): Worker<PlanningJobData> {
  const ts = import.meta.url.endsWith('.ts');
  const processor = new URL(ts ? './processor.ts' : './processor.js', import.meta.url);
  return new Worker<PlanningJobData>(o.queueName ?? PLANNING_QUEUE, processor, {
    connection: o.connection,
    concurrency: o.concurrency ?? 1,
    lockDuration: o.lockDurationMs ?? 30_000,
    stalledInterval: o.stalledIntervalMs ?? 30_000,
    maxStalledCount: 2,
    workerForkOptions: {
      env: { ...process.env, DATABASE_URL: o.databaseUrl },
      // Under tsx (development, tests) the child needs the TypeScript loader.
      ...(ts ? { execArgv: ['--import', 'tsx'] } : {}),
    },
  });
}
