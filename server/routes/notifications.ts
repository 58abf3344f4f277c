import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { Notification, NotificationQuery } from '../contract/itineraries.js';
import { listNotifications, markNotificationRead } from '../db/queries/notifications.js';
import { noticeText } from '../i18n/notices.js';
import { actorOf } from '../plugins/auth.js';
import { withNames } from '../services/notice-names.js';
import { pageOf, rowsFor } from './paging.js';

/** In-app notices: a request's status or a stop's dates changed. */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['notifications'];
  app.get(
    '/notifications',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'The caller’s notices, newest first, 200 a page unless asked (Link rel="next")', querystring: NotificationQuery, response: { 200: z.array(Notification), ...errorResponses } } },
    async (req, reply) => {
      const locale = req.locale;
      const rows = pageOf(req, reply, await listNotifications(app.db, actorOf(req).userId, req.query, rowsFor(req.query)), req.query);
      const named = await withNames(app.db, rows);
      return rows.map((n) => ({ ...n, text: noticeText(n.kind, named(n.params), locale) }));
    },
  );
  app.post(
    '/notifications/:id/read',
    { config: { access: 'signed-in' }, schema: { tags, params: IdParam, response: { 200: Notification, ...errorResponses } } },
    async (req) => {
      const n = await markNotificationRead(app.db, actorOf(req).userId, req.params.id, app.clock.now());
      const named = await withNames(app.db, [n]);
      return { ...n, text: noticeText(n.kind, named(n.params), req.locale) };
    },
  );
};
export default notificationRoutes;
