import { hash, verify } from '@node-rs/argon2';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { PasswordChange, PasswordReset, UserCreate, UserView } from '../contract/users.js';
import { insertUser, listUsersInRegions, resetPasswordInRegions, setPassword } from '../db/queries/accounts.js';
import { audit } from '../db/queries/notifications.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import { actorOf } from '../plugins/auth.js';

const ids = (xs: number[]) => (xs.length ? xs : [-1]);

/** People: a coordinator opens accounts for their region's coordinators, hosts and drivers; anyone changes their own password. */
const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['accounts'];
  app.get(
    '/users',
    { config: { access: ['coordinator'] }, schema: { tags, summary: 'Accounts with a role in the coordinator’s regions', response: { 200: z.array(UserView), ...errorResponses } } },
    async (req) => listUsersInRegions(app.db, actorOf(req).coordinatorRegionIds),
  );
  app.post(
    '/users',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'Open an account with one role in the coordinator’s region (host of a venue, driver of a vehicle, coordinator)', body: UserCreate, response: { 201: UserView, ...errorResponses } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const regions = ids(actor.coordinatorRegionIds);
      // The grant's subject must lie in one of the coordinator's regions.
      const [inScope] =
        b.role === 'coordinator' ? await app.db.select({ id: t.regions.id }).from(t.regions).where(and(eq(t.regions.id, b.regionId), inArray(t.regions.id, regions)))
        : b.role === 'host' ? await app.db.select({ id: t.venues.id }).from(t.venues).where(and(eq(t.venues.id, b.venueId), inArray(t.venues.regionId, regions)))
        : await app.db.select({ id: t.vehicles.id }).from(t.vehicles).where(and(eq(t.vehicles.id, b.vehicleId), inArray(t.vehicles.regionId, regions)));
      if (!inScope) {
        const [entity, id] = b.role === 'coordinator' ? ['region', b.regionId] : b.role === 'host' ? ['venue', b.venueId] : ['vehicle', b.vehicleId];
        throw new NotFoundError(entity, id);
      }
      const passwordHash = await hash(b.password);
      const grant = b.role === 'coordinator' ? { role: b.role, regionId: b.regionId } : b.role === 'host' ? { role: b.role, venueId: b.venueId } : { role: b.role, vehicleId: b.vehicleId };
      const user = await app.db.transaction(async (tx) => {
        const u = await insertUser(tx, { username: b.username, displayName: b.displayName, passwordHash, locale: b.locale, grant });
        await audit(tx, { actorUserId: actor.userId, action: 'user.create', entity: 'user', entityId: u.id, after: { username: u.username, grant }, requestId: req.id });
        return u;
      });
      const [view] = (await listUsersInRegions(app.db, actor.coordinatorRegionIds)).filter((u) => u.id === user.id);
      return reply.code(201).send(view!);
    },
  );
  app.post(
    '/users/:id/password',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'Set a new password for someone of the region (their sessions end)', params: IdParam, body: PasswordReset, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const passwordHash = await hash(req.body.password);
      await app.db.transaction(async (tx) => {
        if (!(await resetPasswordInRegions(tx, actor.coordinatorRegionIds, req.params.id, passwordHash))) throw new NotFoundError('user', req.params.id);
        await audit(tx, { actorUserId: actor.userId, action: 'user.password_reset', entity: 'user', entityId: req.params.id, requestId: req.id });
      });
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/password',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Change one’s own password (other sessions end)', body: PasswordChange, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const [user] = await app.db.select().from(t.users).where(eq(t.users.id, actor.userId));
      const ok = user?.passwordHash ? await verify(user.passwordHash, req.body.currentPassword).catch(() => false) : false;
      if (!ok) throw new DomainError('INVALID_CREDENTIALS');
      await setPassword(app.db, actor.userId, await hash(req.body.newPassword), actor.sessionId);
      return reply.code(204).send(null);
    },
  );
};
export default usersRoutes;
