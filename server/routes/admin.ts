import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccountOpen, AccountOpened, AdminRegion, RegionOpen, RegionOpened } from '../contract/admin.js';
import { Paging, RegionParam, errorResponses } from '../contract/common.js';
import { actorOf } from '../plugins/auth.js';
import { pageOf, rowsFor } from './paging.js';
import { listAllRegions, openCoordinator, openRegion } from '../services/onboarding-admin.js';

/** The deployment's administrator: opens regions and their first coordinators. */
const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['admin'];
  const admin = { access: ['admin'] as const };
  app.get(
    '/admin/regions',
    {
      config: admin,
      schema: { tags, summary: 'Every region of the deployment, with its number of coordinators, 1000 a page unless asked (Link rel="next")', querystring: Paging(1000), response: { 200: z.array(AdminRegion), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await listAllRegions(app.db, rowsFor(req.query)), req.query),
  );
  app.post(
    '/admin/regions',
    { config: admin, schema: { tags, summary: 'Open a region with its first coordinator (both or neither)', body: RegionOpen, response: { 201: RegionOpened, ...errorResponses } } },
    async (req, reply) => {
      const { coordinator, ...region } = req.body;
      return reply.code(201).send(await openRegion(app.db, actorOf(req).userId, region, coordinator, req.id));
    },
  );
  app.post(
    '/admin/regions/:regionId/coordinators',
    { config: admin, schema: { tags, summary: 'Open another coordinator account for a region', params: RegionParam, body: AccountOpen, response: { 201: AccountOpened, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await openCoordinator(app.db, actorOf(req).userId, req.params.regionId, req.body, req.id)),
  );
};
export default adminRoutes;
