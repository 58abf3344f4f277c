import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createAdvicePool, type AdvicePool } from '../../jobs/advice-pool.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Threads that compute advice (the solver's insertion search) off the event loop. */
    advicePool: AdvicePool;
  }
}

export interface AdvicePluginOptions {
  /** Threads (ROVE_ADVICE_THREADS). */
  threads: number;
  /** Time limit of one advice, seconds (ROVE_ADVICE_SECONDS). */
  seconds: number;
}

/** The advice thread pool: a bounded line, a time limit per advice, closed with the app. */
export default fp(
  async function advice(app: FastifyInstance, opts: AdvicePluginOptions) {
    const pool = createAdvicePool(opts.threads, opts.seconds);
    app.decorate('advicePool', pool);
    app.addHook('onClose', () => pool.close());
  },
  { name: 'advice' },
);
