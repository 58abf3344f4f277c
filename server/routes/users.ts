import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { PasswordChange, PasswordReset, UserCreate, UserView } from '../contract/users.js';
import { listUsersInRegions } from '../db/queries/accounts.js';
import { actorOf } from '../plugins/auth.js';
import { changeOwnPassword, createUser, resetPassword } from '../services/users.js';

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
    async (req, reply) => reply.code(201).send(await createUser(app.db, actorOf(req), req.body, req.id)),
  );
  app.post(
    '/users/:id/password',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'Set a new password for someone of the region (their sessions end)', params: IdParam, body: PasswordReset, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await resetPassword(app.db, actorOf(req), req.params.id, req.body.password, req.id);
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
      await changeOwnPassword(app.db, actorOf(req), req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  );
};
export default usersRoutes;
