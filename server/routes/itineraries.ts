import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { ClientIdHeaders, Itinerary, ItineraryQuery, StopStepBody, VisitReport, VisitReportBody } from '../contract/itineraries.js';
import { Stop } from '../contract/plans.js';
import { actorOf } from '../plugins/auth.js';
import { itinerary, markStop, reportVisit } from '../services/itineraries.js';
import { printableItinerary } from '../services/printable.js';
import { z } from 'zod';

const crew = ['coordinator', 'driver'] as const;

/** What drivers follow and hosts report: itineraries, arrival and completion, attendance. */
const itineraryRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['itineraries'];
  app.get(
    '/vehicles/:id/itinerary',
    {
      config: { access: crew, etag: 'body' },
      schema: { tags, summary: 'A vehicle’s stays in order, with venue, contact, leg and an AMap link (ETag; If-None-Match answers 304)', params: IdParam, querystring: ItineraryQuery, response: { 200: Itinerary, ...errorResponses } },
    },
    async (req) => itinerary(app.db, actorOf(req), req.params.id, req.query.planId),
  );
  app.get(
    '/vehicles/:id/itinerary.html',
    {
      config: { access: crew },
      schema: { tags, summary: 'The itinerary as a printable page (zh-CN or en)', params: IdParam, querystring: ItineraryQuery, produces: ['text/html'], response: { 200: z.string(), ...errorResponses } },
    },
    async (req, reply) => {
      const data = await itinerary(app.db, actorOf(req), req.params.id, req.query.planId);
      const locale = req.query.lang ?? req.locale;
      return reply.header('content-type', 'text/html; charset=utf-8').send(printableItinerary(data, locale, app.clock.today(data.timeZone)));
    },
  );
  for (const step of ['arrive', 'complete'] as const) {
    app.post(
      `/stops/:id/${step}`,
      {
        config: { access: crew },
        schema: {
          tags,
          summary: step === 'arrive' ? 'The crew has arrived at the stop' : 'The stop is done (its request becomes completed)',
          params: IdParam,
          headers: ClientIdHeaders,
          body: StopStepBody,
          response: { 200: Stop, ...errorResponses },
        },
      },
      async (req) => markStop(app.db, app.clock, actorOf(req), req.params.id, step, req.id, { clientId: req.headers['idempotency-key'], seen: req.body?.seen }),
    );
  }
  app.post(
    '/stops/:id/report',
    {
      config: { access: ['host'] },
      schema: {
        tags,
        summary: 'The host reports attendance and activities (from the last open day on; again to correct, until the coordinator locks it)',
        params: IdParam,
        headers: ClientIdHeaders,
        body: VisitReportBody,
        response: { 200: VisitReport, ...errorResponses },
      },
    },
    async (req) => reportVisit(app.db, app.clock, actorOf(req), req.params.id, req.body, req.id, { clientId: req.headers['idempotency-key'], seen: req.body.seen }),
  );
};
export default itineraryRoutes;
