import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParam } from '../contract/common.js';
import { RegionReport, ReportQuery } from '../contract/reports.js';
import { getRegion } from '../db/queries/catalogue.js';
import { actorOf } from '../plugins/auth.js';
import { regionReport, reportCsv } from '../services/reports.js';
import { download } from './download.js';

/** The period asked for, defaulting to the current calendar year in the region's time zone. */
export function period(q: { from?: string | undefined; to?: string | undefined }, today: string) {
  const year = today.slice(0, 4);
  return { from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31` };
}

/** Reports for a region and period: JSON for the UI, CSV to download. */
const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];
  app.get(
    '/regions/:id/reports',
    { config: { access: ['coordinator'] }, schema: { tags, params: IdParam, querystring: ReportQuery, response: { 200: RegionReport, ...errorResponses } } },
    async (req) => {
      const region = await getRegion(app.db, req.params.id, actorOf(req).coordinatorRegionIds);
      const { from, to } = period(req.query, app.clock.today(region.timeZone));
      return regionReport(app.db, region.id, from, to);
    },
  );
  app.get(
    '/regions/:id/reports.csv',
    { config: { access: ['coordinator'] }, schema: { tags, params: IdParam, querystring: ReportQuery, produces: ['text/csv'], response: { 200: z.string(), ...errorResponses } } },
    async (req, reply) => {
      const region = await getRegion(app.db, req.params.id, actorOf(req).coordinatorRegionIds);
      const { from, to } = period(req.query, app.clock.today(region.timeZone));
      const r = await regionReport(app.db, region.id, from, to);
      return download(reply, `report-${req.params.id}-${r.from}-${r.to}.csv`, reportCsv(r));
    },
  );
};
export default reportsRoutes;
