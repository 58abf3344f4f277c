import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { ClientIdHeaders, VisitReport } from '../contract/itineraries.js';
import { RegionVisitProof, VisitPhoto, VisitProof, VisitProofQuery } from '../contract/visits.js';
import { getRegion } from '../db/queries/catalogue.js';
import { PHOTO_MAX_BYTES } from '../db/schema/visit-photos.js';
import { actorOf } from '../plugins/auth.js';
import { pageOf, rowsFor } from './paging.js';
import { addPhoto, lockReport, photoBytes, regionVisitProofs, visitProof } from '../services/visit-proofs.js';

/** Proof of visits: the report and photos of a stay, a photo's bytes, and the coordinator's lock. */
const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['visits'];
  // A photo comes as its raw bytes, whatever the header says: the service reads the kind from the bytes
  // themselves, so a wrong or missing content type gets PHOTO_NOT_IMAGE rather than Fastify's 415.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const seen = ['coordinator', 'host', 'driver'] as const;
  app.get(
    '/stops/:id/visit',
    { config: { access: seen }, schema: { tags, summary: 'A visit’s report (attendance, activities, note, lock) and its photos', params: IdParam, response: { 200: VisitProof, ...errorResponses } } },
    async (req) => visitProof(app.db, actorOf(req), req.params.id),
  );
  app.post(
    '/stops/:id/photos',
    {
      config: { access: seen },
      // Past the photo limit the service answers PHOTO_TOO_LARGE; far past it Fastify stops reading (413).
      bodyLimit: PHOTO_MAX_BYTES * 16,
      schema: {
        tags,
        summary: `A photo of the visit: JPEG, PNG or WebP as the request body, at most ${PHOTO_MAX_BYTES} bytes (the phone resizes first)`,
        params: IdParam,
        headers: ClientIdHeaders,
        response: { 201: VisitPhoto, 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
      },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.code(201).send(await addPhoto(app.db, app.clock, actorOf(req), req.params.id, body, req.id, req.headers['idempotency-key']));
    },
  );
  app.get(
    '/photos/:id',
    { config: { access: seen }, schema: { tags, summary: 'A photo’s bytes', params: IdParam, produces: ['image/jpeg', 'image/png', 'image/webp'], response: { 200: z.unknown().describe('The image'), ...errorResponses } } },
    async (req, reply) => {
      const p = await photoBytes(app.db, actorOf(req), req.params.id);
      // A photo never changes (migration 0008): the phone may keep it.
      return reply.header('content-type', p.contentType).header('cache-control', 'private, max-age=31536000, immutable').send(p.bytes);
    },
  );
  app.get(
    '/regions/:id/visit-reports',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'The region’s reported visits touching a period, latest first, with their photos (proof of visit)', params: IdParam, querystring: VisitProofQuery, response: { 200: z.array(RegionVisitProof), ...errorResponses } },
    },
    async (req, reply) => {
      const region = await getRegion(app.db, req.params.id, actorOf(req).coordinatorRegionIds);
      return pageOf(req, reply, await regionVisitProofs(app.db, region.id, req.query.from, req.query.to, rowsFor(req.query)), req.query);
    },
  );
  app.post(
    '/stops/:id/report/lock',
    { config: { access: ['coordinator'] }, schema: { tags, summary: 'The coordinator locks a visit’s report: its figures and photos are final', params: IdParam, response: { 200: VisitReport, ...errorResponses } } },
    async (req) => lockReport(app.db, app.clock, actorOf(req), req.params.id, req.id),
  );
};
export default visitRoutes;
