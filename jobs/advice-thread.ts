import { answerTasks } from './pool.js';
import { adviseFromFacts, type AdviceInput } from './planning/advice.js';
import type { PlanningFacts } from './planning/types.js';

// A thread of the advice pool (jobs/pool.ts): the CPU half of advice, off the server's event loop.

export interface AdviceTask {
  facts: PlanningFacts;
  advice: AdviceInput;
}

answerTasks((input: AdviceTask) => adviseFromFacts(input.facts, input.advice));
