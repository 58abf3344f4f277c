import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { openDatabase, type Database } from '../server/db/client.js';
import { systemNow } from './clock.js';
import type { PlanningJobData } from './queue.js';
import { executeRun, markFailed, RunInputError } from './planning/run.js';

// BullMQ's sandboxed processor for planning runs: a child process of the worker, with its own
// database connection (DATABASE_URL, passed by the worker).

let database: Promise<Database> | undefined;
const db = () => (database ??= openDatabase({ databaseUrl: process.env.DATABASE_URL }));

export default async function processPlanningJob(job: SandboxedJob<PlanningJobData>) {
  const { runId } = job.data ?? {};
  if (!Number.isInteger(runId) || runId <= 0) throw new UnrecoverableError('job data needs a positive integer runId');
  const { db: handle } = await db();
  try {
    return await executeRun(handle, runId, { now: systemNow, onProgress: (p) => job.updateProgress(p as unknown as object) });
  } catch (err) {
    if (err instanceof RunInputError) {
      await markFailed(handle, runId, err.code, err.message, systemNow());
      throw new UnrecoverableError(`${err.code}: ${err.message}`);
    }
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markFailed(handle, runId, 'PLANNING_FAILED', (err as Error).message, systemNow());
    throw err;
  }
}
