import { parentPort } from 'node:worker_threads';
import { adviseFromFacts, type AdviceInput } from './planning/advice.js';
import type { PlanningFacts } from './planning/types.js';

// A thread of the advice pool (jobs/pool.ts): the CPU half of advice, off the server's event loop.

export interface AdviceTask {
  facts: PlanningFacts;
  advice: AdviceInput;
}

parentPort!.on('message', ({ input }: { input: AdviceTask }) => {
  try {
    parentPort!.postMessage({ ok: true, output: adviseFromFacts(input.facts, input.advice) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message, name: (err as Error).name });
  }
});
parentPort!.postMessage({ ready: true });
