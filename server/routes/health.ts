import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseAnswers } from '../db/client.js';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ kind: z.enum(['embedded', 'postgres']), ok: z.boolean() }),
  jobs: z.object({
    mode: z.enum(['bullmq', 'in-process']).describe('BullMQ on Redis, or planning in this process'),
    ok: z.boolean(),
  }),
  advice: z.object({ running: z.number().int(), waiting: z.number().int() }).describe('Advice tasks in the thread pool and waiting for it'),
});

/** GET /healthz: which database and which job mode this instance runs on, and whether they answer. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: Health, 503: Health } } },
    async (_req, reply) => {
      const dbOk = await databaseAnswers(app.db);
      const jobsOk = await app.jobs.healthy();
      const body = {
        status: dbOk && jobsOk ? ('ok' as const) : ('degraded' as const),
        database: { kind: app.dbKind, ok: dbOk },
        jobs: { mode: app.jobs.mode, ok: jobsOk },
        advice: app.advicePool.load(),
      };
      return reply.code(dbOk ? 200 : 503).send(body);
    },
  );
};
export default health;
