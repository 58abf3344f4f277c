import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../contract/audit.js';
import { errorResponses } from '../contract/common.js';
import { listAudit } from '../db/queries/audit.js';
import { NotFoundError } from '../errors.js';
import { actorOf } from '../plugins/auth.js';

/** GET /api/audit: the audit log, for a coordinator their regions' entries, for the administrator all. */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: ['coordinator', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Who changed what and when, newest first, a page at a time: a coordinator reads their regions’ entries, the administrator every entry',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { region, actor: actorUserId, from, to, ...rest } = req.query;
      const reach = actor.administrator ? null : actor.coordinatorRegionIds;
      if (region !== undefined && reach && !reach.includes(region)) throw new NotFoundError('region', region);
      return listAudit(app.db, { ...rest, regionIds: reach, region, actorUserId, from: from === undefined ? undefined : new Date(from), to: to === undefined ? undefined : new Date(to) });
    },
  );
};
export default auditRoutes;
