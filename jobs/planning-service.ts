import type { Queue, Worker } from 'bullmq';
import type { Db } from '../server/db/client.js';
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
      for (const id of await unfinishedRuns(o.db)) await enqueueRun(queue, id);
    };
    await resume();
    const redis = o.jobs.redis;
    const onReady = () => void resume().catch((err) => o.log?.error({ err }, 'could not queue the unfinished runs again'));
    redis.on('ready', onReady);
    return {
      submit: async (runId) => {
        try {
          if (redis.status !== 'ready') throw new Error(`Redis is ${redis.status}`);
          await within(enqueueRun(queue, runId), ENQUEUE_MS);
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

  // In-process: one run at a time, in submission order; the solver itself runs in a thread.
  let chain: Promise<void> = Promise.resolve();
  const submit = async (runId: number) => {
    chain = chain.then(async () => {
      try {
        await executeRun(o.db, runId, { now: o.now });
      } catch (err) {
        const code = err instanceof RunInputError ? err.code : 'PLANNING_FAILED';
        o.log?.error({ err, runId }, 'planning run failed');
        await markFailed(o.db, runId, code, (err as Error).message, o.now()).catch(() => {});
      }
    });
  };
  for (const id of await unfinishedRuns(o.db)) await submit(id);
  return { submit, idle: () => chain, close: () => chain };
}
