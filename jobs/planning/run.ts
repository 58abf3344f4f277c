import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../server/db/client.js';
import * as t from '../../server/db/schema/index.js';
import { loadPlanningFacts } from './load.js';
import type { PlanProgress } from './plan.js';
import { saveRunPlan, type RunRow } from './store.js';
import { CancelledError, solveInThread } from './thread.js';
import type { PlanningOptions } from './types.js';

// One planning run from start to stored draft: the processor BullMQ workers run in their sandbox
// and the in-process runner runs without Redis. Safe to run again for the same run (after a
// crash or a stalled job): a finished run is left alone, and only one plan is ever stored.

/** Bad input that no retry can fix (BullMQ fails it at once). */
export class RunInputError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RunInputError';
  }
}

export interface RunOutcome {
  status: 'succeeded' | 'cancelled' | 'already-finished';
  planId: number | null;
}

export interface ExecuteOptions {
  /** The clock of the run's record timestamps (started, finished): the app's clock, or the worker's. */
  now: () => Date;
  /** Called with each progress report (after it is stored), e.g. BullMQ's job.updateProgress. */
  onProgress?: (p: PlanProgress) => void | Promise<void>;
  /** How often the run's cancel flag is read, in ms. */
  cancelPollMs?: number;
}

export async function executeRun(db: Db, runId: number, o: ExecuteOptions): Promise<RunOutcome> {
  const [run] = await db.select().from(t.planningRuns).where(eq(t.planningRuns.id, runId));
  if (!run) throw new RunInputError('RUN_NOT_FOUND', `planning run ${runId} does not exist`);
  if (run.status === 'succeeded' || run.status === 'cancelled' || run.status === 'failed') return { status: 'already-finished', planId: run.planId };
  if (run.cancelRequestedAt) return markCancelled(db, run, o.now());
  if (run.horizonEnd < run.horizonStart) throw new RunInputError('HORIZON_REVERSED', 'the horizon ends before it starts');

  await db.update(t.planningRuns).set({ status: 'running', startedAt: o.now(), progress: { phase: 'loading', percent: 0 } }).where(eq(t.planningRuns.id, run.id));
  const options = run.options as PlanningOptions;
  const facts = await loadPlanningFacts(db, {
    regionId: run.regionId,
    horizonStart: run.horizonStart,
    horizonEnd: run.horizonEnd,
    replanFrom: run.replanFrom ?? undefined,
    movePublished: options.movePublished,
  });
  if (facts.vehicles.length === 0) throw new RunInputError('NO_VEHICLES', 'the region has no vehicles to plan');

  let pending: Promise<unknown> = Promise.resolve();
  const solving = solveInThread(facts, options, (p) => {
    // Progress is stored in order; a slow write never blocks the solver thread.
    pending = pending.then(async () => {
      await db.update(t.planningRuns).set({ progress: p as unknown as Record<string, unknown> }).where(eq(t.planningRuns.id, run.id));
      await o.onProgress?.(p);
    });
  });
  let stopped = false;
  const poll = setInterval(() => {
    void db
      .select({ c: t.planningRuns.cancelRequestedAt })
      .from(t.planningRuns)
      .where(eq(t.planningRuns.id, run.id))
      .then(([r]) => {
        if (r?.c && !stopped) {
          stopped = true;
          void solving.cancel();
        }
      })
      .catch(() => {});
  }, o.cancelPollMs ?? 500);
  try {
    const outcome = await solving.result;
    await pending;
    const planId = await saveRunPlan(db, { ...run, status: 'running' }, outcome);
    if (planId === null) {
      const [now] = await db.select().from(t.planningRuns).where(eq(t.planningRuns.id, run.id));
      if (now?.cancelRequestedAt && now.status !== 'succeeded') return markCancelled(db, run, o.now());
      return { status: 'already-finished', planId: now?.planId ?? null };
    }
    return { status: 'succeeded', planId };
  } catch (err) {
    if (err instanceof CancelledError) return markCancelled(db, run, o.now());
    throw err;
  } finally {
    clearInterval(poll);
  }
}

async function markCancelled(db: Db, run: RunRow, at: Date): Promise<RunOutcome> {
  await db
    .update(t.planningRuns)
    .set({ status: 'cancelled', finishedAt: at })
    .where(and(eq(t.planningRuns.id, run.id), isNull(t.planningRuns.planId)));
  return { status: 'cancelled', planId: null };
}

/** Marks a run failed with a code a coordinator can read. */
export async function markFailed(db: Db, runId: number, code: string, message: string, at: Date): Promise<void> {
  await db
    .update(t.planningRuns)
    .set({ status: 'failed', finishedAt: at, error: { code, params: { message } } })
    .where(and(eq(t.planningRuns.id, runId), isNull(t.planningRuns.planId)));
}

/** Runs left queued or running by a process that stopped (in-process mode resumes them at start). */
export async function unfinishedRuns(db: Db): Promise<number[]> {
  const rows = await db.select({ id: t.planningRuns.id }).from(t.planningRuns).where(inArray(t.planningRuns.status, ['queued', 'running']));
  return rows.map((r) => r.id);
}
