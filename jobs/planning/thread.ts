import { Worker } from 'node:worker_threads';
import type { PlanOutcome, PlanProgress } from './plan.js';
import type { PlanningFacts, PlanningOptions } from './types.js';

export interface ThreadSolve {
  result: Promise<PlanOutcome>;
  /** Stops the thread; `result` then rejects with a CancelledError. */
  cancel(): Promise<void>;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** Plans in a worker thread so that the calling process keeps answering while the solver works. */
export function solveInThread(facts: PlanningFacts, options: PlanningOptions, onProgress: (p: PlanProgress) => void): ThreadSolve {
  const ts = import.meta.url.endsWith('.ts');
  const source = new URL(ts ? './solve-thread.ts' : './solve-thread.js', import.meta.url);
  // Under tsx (development, tests) the thread registers the TypeScript loader before loading the
  // solver: `--import tsx` in a worker's execArgv is not honoured by Node 20.
  const worker = ts
    ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`, { eval: true })
    : new Worker(source);
  let cancelled = false;
  const result = new Promise<PlanOutcome>((resolve, reject) => {
    worker.on('message', (m: { type: string; progress?: PlanProgress; outcome?: PlanOutcome; message?: string; name?: string }) => {
      if (m.type === 'progress') onProgress(m.progress!);
      else if (m.type === 'done') {
        resolve(m.outcome!);
        void worker.terminate();
      } else if (m.type === 'error') {
        const err = new Error(m.message);
        err.name = m.name ?? 'Error';
        reject(err);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', () => {
      if (cancelled) reject(new CancelledError());
    });
  });
  worker.postMessage({ facts, options });
  return {
    result,
    cancel: async () => {
      cancelled = true;
      await worker.terminate();
    },
  };
}
