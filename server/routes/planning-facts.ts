import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, RegionParam, YearParam } from '../contract/common.js';
import { HolidayUpload, HolidayYear, RoadMatrixUpload } from '../contract/planning.js';
import { assertCoordinates } from '../db/queries/catalogue.js';
import { actorOf } from '../plugins/auth.js';
import { holidayYear, loadHolidayYear, loadRoadMatrix } from '../services/planning-facts.js';
import { scopeOf } from '../services/scope.js';

const coordinator = { access: ['coordinator'] as const };

/** The facts the planner reads besides the catalogue: public holidays by year, a region's road distances. */
const planningFacts: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  const by = (req: Parameters<typeof actorOf>[0]) => ({ userId: actorOf(req).userId, requestId: req.id });

  // Which arrangement a year uses, and loading the official one when it appears.
  app.get(
    '/holidays/:year',
    { config: { access: 'signed-in' }, schema: { tags, params: YearParam, response: { 200: HolidayYear, ...errorResponses } } },
    async (req) => holidayYear(app.db, req.params.year),
  );

  // National data: one calendar for every region of the deployment, so only an administrator loads it.
  app.put(
    '/holidays/:year',
    { config: { access: ['admin'] }, schema: { tags, params: YearParam, body: HolidayUpload, response: { 200: HolidayYear, ...errorResponses } } },
    async (req) => loadHolidayYear(app.db, req.params.year, req.body.days, by(req)),
  );

  // A region's own road distance matrix replaces great-circle × road factor in later runs.
  app.put(
    '/regions/:regionId/road-distances',
    {
      config: coordinator,
      schema: { tags, params: RegionParam, body: RoadMatrixUpload, response: { 200: z.object({ entries: z.number().int() }), ...errorResponses } },
    },
    async (req) => {
      assertCoordinates(scopeOf(actorOf(req)), req.params.regionId);
      return loadRoadMatrix(app.db, req.params.regionId, req.body.entries, by(req));
    },
  );
};
export default planningFacts;
