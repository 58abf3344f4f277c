import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPlanningService, QueueUnavailableError, type PlanningService } from '../../jobs/planning-service.js';
import { DomainError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    planning: PlanningService;
    /** Default solver budget of a run, in seconds. */
    planSeconds: number;
  }
}

export interface PlanningPluginOptions {
  databaseUrl?: string | undefined;
  embeddedWorker?: boolean;
  queueName?: string;
  jobLockMs?: number;
  planSeconds?: number;
}

/** Planning runs: onto BullMQ (with a worker in this process unless turned off) or in-process. */
export default fp(
  async function planning(app: FastifyInstance, opts: PlanningPluginOptions) {
    const service = await createPlanningService({
      jobs: app.jobs,
      db: app.db,
      databaseUrl: opts.databaseUrl,
      embeddedWorker: opts.embeddedWorker ?? true,
      queueName: opts.queueName,
      jobLockMs: opts.jobLockMs,
      log: app.log,
      now: () => app.clock.now(),
    });
    // A run Redis would not take answers 503 with a code, within two seconds, instead of hanging.
    const submit = async (runId: number) => {
      try {
        await service.submit(runId);
      } catch (err) {
        if (err instanceof QueueUnavailableError) throw new DomainError('PLANNING_QUEUE_UNAVAILABLE', {});
        throw err;
      }
    };
    app.decorate('planning', { ...service, submit });
    app.decorate('planSeconds', opts.planSeconds ?? 20);
    app.addHook('onClose', () => service.close());
  },
  { name: 'planning', dependencies: ['clock', 'database', 'jobs'] },
);
