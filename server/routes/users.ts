import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Paging, errorResponses } from '../contract/common.js';
import { GrantParams, PasswordChange, PasswordReset, UserCreate, UserView } from '../contract/users.js';
import { listUsersInRegions } from '../db/queries/accounts.js';
import { actorOf } from '../plugins/auth.js';
import { pageOf, rowsFor } from './paging.js';
import { changeOwnPassword, createUser, disableUser, enableAccount, resetPassword, withdrawRole } from '../services/users.js';

/** People: a coordinator opens accounts for their region's coordinators, hosts and drivers; anyone changes their own password. */
const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['accounts'];
  app.get(
    '/users',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'Accounts with a role in the coordinator’s regions, 1000 a page unless asked (Link rel="next")', querystring: Paging(1000), response: { 200: z.array(UserView), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await listUsersInRegions(app.db, actorOf(req).coordinatorRegionIds, rowsFor(req.query)), req.query),
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
      await resetPassword(app.db, app.clock.now(), actorOf(req), req.params.id, req.body.password, req.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/users/:id/disable',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: 'Disable a host’s or driver’s account of the region: sign-in refused, sessions ended, their calendar feeds stop', params: IdParam, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await disableUser(app.db, app.clock.now(), actorOf(req), req.params.id, req.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/users/:id/enable',
    { config: { access: ['coordinator'] }, schema: { tags, summary: 'Enable a disabled account of the region again', params: IdParam, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await enableAccount(app.db, actorOf(req), req.params.id, req.id);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/users/:id/roles/:grantId',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: 'Withdraw a host or driver grant of the region: the user’s sessions end, their feeds stop; an account left with no grant is disabled',
        params: GrantParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await withdrawRole(app.db, app.clock.now(), actorOf(req), req.params.id, req.params.grantId, req.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/auth/password',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['auth'], summary: 'Change one’s own password (other sessions end, one’s calendar feeds stop)', body: PasswordChange, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await changeOwnPassword(app.db, app.clock.now(), actorOf(req), req.body.currentPassword, req.body.newPassword, req.id);
      return reply.code(204).send(null);
    },
  );
};
export default usersRoutes;
