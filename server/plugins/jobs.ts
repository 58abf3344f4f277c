import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { JobsRuntime } from '../../jobs/runtime.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobsRuntime;
  }
}

/** Decorates the app with the jobs runtime (BullMQ or in-process) the caller opened. */
export default fp(
  async function jobs(app: FastifyInstance, opts: { jobs: JobsRuntime }) {
    app.decorate('jobs', opts.jobs);
  },
  { name: 'jobs' },
);
