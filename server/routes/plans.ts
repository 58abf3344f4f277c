import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../contract/common.js';
import { PlanStopsParams, Stop, StopCreate } from '../contract/plans.js';
import { addStop, listPlanStops } from '../db/queries/stops.js';

/** Plans and their stops. */
const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];
  app.get(
    '/plans/:planId/stops',
    { config: { access: ['coordinator'] }, schema: { tags, params: PlanStopsParams, response: { 200: z.array(Stop), ...errorResponses } } },
    async (req) => listPlanStops(app.db, req.params.planId),
  );
  app.post(
    '/plans/:planId/stops',
    { config: { access: ['coordinator'] }, schema: { tags, params: PlanStopsParams, body: StopCreate, response: { 201: Stop, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await addStop(app.db, req.params.planId, req.body)),
  );
};
export default plansRoutes;
