import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../contract/common.js';
import { County, CountyParams } from '../contract/counties.js';
import { getCounty } from '../db/queries/counties.js';

/** The county facts a venue form fills in from a county code (issue 12: the priority tier follows the key-county status). */
const countyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/counties/:code',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags: ['catalogue'],
        summary: 'A county by its 6-digit code: name, prefecture, seat point and whether it is a national key assistance county',
        params: CountyParams,
        response: { 200: County, ...errorResponses },
      },
    },
    async (req) => getCounty(app.db, req.params.code),
  );
};
export default countyRoutes;
