import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IsoDate, errorResponses } from '../contract/common.js';
import { getRegion } from '../db/queries/catalogue.js';
import { actorOf } from '../plugins/auth.js';
import { regionReport, reportCsv } from '../services/reports.js';

const Params = z.object({ id: Id });
const Query = z
  .object({
    from: IsoDate.optional().describe('First day (inclusive); default 1 January of this year'),
    to: IsoDate.optional().describe('Last day (inclusive); default 31 December of this year'),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'to must not be before from', path: ['to'] });

/** The period asked for, defaulting to the current calendar year in the region's time zone. */
function period(q: { from?: string | undefined; to?: string | undefined }, today: string) {
  const year = today.slice(0, 4);
  return { from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31` };
}

export const RegionReport = z.object({
  regionId: z.number().int(),
  from: IsoDate,
  to: IsoDate,
  planId: z.number().int().nullable().describe('The published plan the figures come from'),
  stops: z.number().int(),
  activities: z.number().int().describe('Reported activities; 1 per stay not yet reported'),
  reportedStops: z.number().int(),
  visitors: z.number().int().describe('Reported attendance'),
  kmDriven: z.number().int(),
  countiesReached: z.number().int(),
  keyCountiesReached: z.number().int(),
  keyCountiesTotal: z.number().int(),
  townshipShare: z.number().describe('Share of stays at township or village venues, 0..1'),
  daysOutPerVehicle: z.array(z.object({ vehicleId: z.number().int(), name: z.string(), stops: z.number().int(), daysOut: z.number().int() })),
  setsRepeatedAtCounty: z.number().int().describe('County-theme pairs a roving museum visited more than once (should be 0)'),
  repeatedSets: z.array(z.object({ countyCode: z.string(), theme: z.string(), stays: z.number().int() })),
  requestsByTier: z.array(z.object({ tier: z.enum(['key', 'former_poverty', 'other']), served: z.number().int(), unserved: z.number().int(), pending: z.number().int() })),
});

/** Reports for a region and period: JSON for the UI, CSV to download. */
const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];
  app.get(
    '/regions/:id/reports',
    { config: { access: ['coordinator'] }, schema: { tags, params: Params, querystring: Query, response: { 200: RegionReport, ...errorResponses } } },
    async (req) => {
      const region = await getRegion(app.db, req.params.id, actorOf(req).coordinatorRegionIds);
      const { from, to } = period(req.query, app.clock.today(region.timeZone));
      return regionReport(app.db, region.id, from, to);
    },
  );
  app.get(
    '/regions/:id/reports.csv',
    { config: { access: ['coordinator'] }, schema: { tags, params: Params, querystring: Query, produces: ['text/csv'], response: { 200: z.string(), ...errorResponses } } },
    async (req, reply) => {
      const region = await getRegion(app.db, req.params.id, actorOf(req).coordinatorRegionIds);
      const { from, to } = period(req.query, app.clock.today(region.timeZone));
      const r = await regionReport(app.db, region.id, from, to);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="report-${req.params.id}-${r.from}-${r.to}.csv"`)
        .send(reportCsv(r));
    },
  );
};
export default reportsRoutes;
