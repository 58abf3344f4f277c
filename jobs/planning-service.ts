import type { Queue, Worker } from 'bullmq';
import type { Db } from '../server/db/client.js';
import { enqueueRun, planningQueue, startPlanningWorker, type PlanningJobData } from './queue.js';
import { executeRun, markFailed, RunInputError, unfinishedRuns } from './planning/run.js';
import type { JobsRuntime } from './runtime.js';

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
    // The job id is deterministic, so re-adding a run that is already queued is a no-op.
    for (const id of await unfinishedRuns(o.db)) await enqueueRun(queue, id);
    return {
      submit: async (runId) => {
        await enqueueRun(queue, runId);
      },
      idle: async () => {},
      close: async () => {
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
