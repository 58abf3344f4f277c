import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Centre,
  ExhibitSet,
  Region,
  RegionScopedQuery,
  Vehicle,
  Venue,
  VenueCreate,
  VenueQuery,
} from '../contract/catalogue.js';
import { IdParam, errorResponses } from '../contract/common.js';
import {
  getVenue,
  insertVenue,
  listCentres,
  listExhibitSets,
  listRegions,
  listVehicles,
  listVenues,
} from '../db/queries/catalogue.js';

/** The catalogue: regions, centres, venues, exhibit sets, vehicles. */
const catalogue: FastifyPluginAsyncZod = async (app) => {
  const tags = ['catalogue'];
  app.get('/regions', { schema: { tags, response: { 200: z.array(Region) } } }, async () => listRegions(app.db));
  app.get('/centres', { schema: { tags, querystring: RegionScopedQuery, response: { 200: z.array(Centre) } } }, async (req) =>
    listCentres(app.db, req.query),
  );
  app.get('/venues', { schema: { tags, querystring: VenueQuery, response: { 200: z.array(Venue) } } }, async (req) =>
    listVenues(app.db, req.query),
  );
  app.get(
    '/venues/:id',
    { schema: { tags, params: IdParam, response: { 200: Venue, ...errorResponses } } },
    async (req) => getVenue(app.db, req.params.id),
  );
  // Until accounts exist (roles issue), writes are open on a trusted network only.
  app.post(
    '/venues',
    { schema: { tags, body: VenueCreate, response: { 201: Venue, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await insertVenue(app.db, req.body)),
  );
  app.get(
    '/exhibit-sets',
    { schema: { tags, querystring: RegionScopedQuery, response: { 200: z.array(ExhibitSet) } } },
    async (req) => listExhibitSets(app.db, req.query),
  );
  app.get('/vehicles', { schema: { tags, querystring: RegionScopedQuery, response: { 200: z.array(Vehicle) } } }, async (req) =>
    listVehicles(app.db, req.query),
  );
};
export default catalogue;
