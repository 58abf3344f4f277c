import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { CalendarFeed, CalendarFeedCreated, FeedParams } from '../contract/itineraries.js';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../plugins/auth.js';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from '../services/feeds.js';

/** Managing calendar feeds (under /api). */
export const feedAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['calendar feeds'];
  app.post(
    '/vehicles/:id/calendar-feed',
    { config: { access: ['coordinator', 'driver'] }, schema: { tags, summary: 'A new iCalendar feed URL of a vehicle’s stays', params: IdParam, response: { 201: CalendarFeedCreated, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createFeed(app.db, actorOf(req), { vehicleId: req.params.id }, req.id)),
  );
  app.post(
    '/venues/:id/calendar-feed',
    { config: { access: ['coordinator', 'host'] }, schema: { tags, summary: 'A new iCalendar feed URL of a venue’s stays', params: IdParam, response: { 201: CalendarFeedCreated, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createFeed(app.db, actorOf(req), { venueId: req.params.id }, req.id)),
  );
  app.get(
    '/calendar-feeds',
    { config: { access: ['coordinator', 'driver', 'host'] }, schema: { tags, summary: 'Live feeds the caller may revoke', response: { 200: z.array(CalendarFeed), ...errorResponses } } },
    async (req) => listFeeds(app.db, actorOf(req)),
  );
  app.delete(
    '/calendar-feeds/:id',
    { config: { access: ['coordinator', 'driver', 'host'] }, schema: { tags, summary: 'Revoke a feed: its URL stops working at once', params: IdParam, response: { 200: CalendarFeed, ...errorResponses } } },
    async (req) => revokeFeed(app.db, app.clock.now(), actorOf(req), req.params.id, req.id),
  );
};

/** GET /feeds/<token>.ics: public, the token is the credential. */
export const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/feeds/:file',
    {
      config: { access: 'public' },
      schema: { tags: ['calendar feeds'], summary: 'The iCalendar feed behind a token (all-day events in the region’s time zone)', params: FeedParams, produces: ['text/calendar'], response: { 200: z.string(), 404: errorResponses[404] } },
    },
    async (req, reply) => {
      const m = /^([A-Za-z0-9_-]{43})\.ics$/.exec(req.params.file);
      const text = m ? await feedCalendar(app.db, m[1]!) : undefined;
      if (text === undefined) throw new NotFoundError('calendar_feed', 'token');
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(text);
    },
  );
};
