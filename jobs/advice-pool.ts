import type { AdviceTask } from './advice-thread.js';
import type { AdviceResult } from './planning/advice.js';
import { ThreadPool } from './pool.js';

// What server/ sees of the advice threads: one pool, its two refusals. The thread module and the
// pool itself stay inside jobs/.

export { PoolBusyError, PoolTimeoutError } from './pool.js';
export type { AdviceTask } from './advice-thread.js';

export type AdvicePool = ThreadPool<AdviceTask, AdviceResult>;

/** A pool of `threads` advice threads; a task waits in a line of at most 16 per thread and runs at most `seconds`. */
export function createAdvicePool(threads: number, seconds: number): AdvicePool {
  // Under tsx (tests, development) the thread is the TypeScript source; built, the compiled module.
  const ts = import.meta.url.endsWith('.ts');
  const source = new URL(ts ? './advice-thread.ts' : './advice-thread.js', import.meta.url);
  return new ThreadPool<AdviceTask, AdviceResult>(source, { size: threads, maxWaiting: threads * 16, timeoutMs: seconds * 1000 });
}
