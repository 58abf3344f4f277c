import type { JobsRuntime } from '../../jobs/runtime.js';
import { decorates } from './decorates.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobsRuntime;
  }
}

/** Decorates the app with the jobs runtime (BullMQ or in-process) the caller opened. */
export default decorates('jobs');
