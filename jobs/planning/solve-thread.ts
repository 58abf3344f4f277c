import { parentPort } from 'node:worker_threads';
import { planFromFacts, type PlanProgress } from './plan.js';
import type { PlanningFacts, PlanningOptions } from './types.js';

// Runs the adapter and the solver off the caller's event loop; progress and the result go back
// as messages. One plan per thread; the caller terminates the thread to cancel.
parentPort!.once('message', (msg: { facts: PlanningFacts; options: PlanningOptions }) => {
  try {
    let last = 0;
    const outcome = planFromFacts(msg.facts, msg.options, (p: PlanProgress) => {
      const now = performance.now();
      if (now - last < 250 && p.phase === 'solving') return;
      last = now;
      parentPort!.postMessage({ type: 'progress', progress: p });
    });
    parentPort!.postMessage({ type: 'done', outcome });
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: (err as Error).message, name: (err as Error).name });
  }
});
