import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../contract/common.js';
import { audit } from '../db/queries/notifications.js';
import { actorOf } from '../plugins/auth.js';
import { download } from './download.js';

/** GET /api/admin/backup: the administrator downloads a consistent copy of the whole database. */
const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/backup',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'A backup of the whole database while it runs: pg_dump custom format on Postgres, a gzipped data folder embedded (restore with npm run restore)',
        response: { 200: z.unknown().describe('The backup file'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const stamp = app.clock.now().toISOString().slice(0, 19).replace(/[-:T]/g, '');
      const ext = app.dbKind === 'postgres' ? 'pgdump' : 'tar.gz';
      await audit(app.db, { actorUserId: actorOf(req).userId, action: 'database.backup', entity: 'database', entityId: app.dbKind, requestId: req.id });
      return download(reply.header('cache-control', 'no-store'), `rove-${stamp}.${ext}`, await app.backupDatabase());
    },
  );
};
export default backupRoutes;
