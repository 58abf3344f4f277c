import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, errorResponses } from '../contract/common.js';
import { Advice, AdviceRequest } from '../contract/planning.js';
import { CancelBody, DeclineBody, Request, RequestCreate, RequestDetail, RequestQuery } from '../contract/requests.js';
import { reasonText } from '../i18n/reasons.js';
import { actorOf } from '../plugins/auth.js';
import { pageOf, rowsFor } from './paging.js';
import { adviseVisit } from '../services/advice.js';
import { createRequest, getRequest, listRequests, transitionRequest } from '../services/requests.js';

const both = ['coordinator', 'host'] as const;

/** The booking workflow: hosts request visits, coordinators approve or decline, either can cancel. */
const requestsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['requests'];
  app.get(
    '/requests',
    {
      config: { access: both },
      schema: { tags, summary: 'Requests: a host’s venues’, a coordinator’s region’s', querystring: RequestQuery, response: { 200: z.array(Request), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await listRequests(app.db, actorOf(req), req.query, rowsFor(req.query)), req.query),
  );
  app.post(
    '/requests',
    {
      config: { access: both },
      schema: { tags, summary: 'Request a visit (host: for one of their venues)', body: RequestCreate, response: { 201: Request, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await createRequest(app.db, actorOf(req), req.body)),
  );
  // The earliest dates a new request could be served, for the host's request form.
  app.post(
    '/requests/advice',
    { config: { access: both }, schema: { tags: ['planning'], body: AdviceRequest, response: { 200: Advice, ...errorResponses } } },
    async (req) => {
      const advice = await adviseVisit(app.db, app.clock, app.advicePool, actorOf(req), req.body);
      const locale = req.locale;
      return { ...advice, reason: advice.reason && { code: advice.reason.code, message: reasonText(advice.reason, locale) } };
    },
  );
  app.get(
    '/requests/:id',
    {
      config: { access: both },
      schema: { tags, summary: 'A request with its status history and, if declined or unserved, the reason in words', params: IdParam, response: { 200: RequestDetail, ...errorResponses } },
    },
    async (req) => getRequest(app.db, actorOf(req), req.params.id, req.locale),
  );
  const step = (action: 'approve' | 'decline' | 'cancel' | 'confirm', who: readonly ('coordinator' | 'host')[], summary: string, body?: typeof DeclineBody | typeof CancelBody) =>
    app.post(
      `/requests/:id/${action}`,
      {
        config: { access: who },
        schema: { tags, summary, params: IdParam, ...(body ? { body } : {}), response: { 200: RequestDetail, ...errorResponses } },
      },
      async (req) => {
        const note = (req.body as { reason?: string } | undefined)?.reason;
        const actor = actorOf(req);
        await transitionRequest(app.db, app.clock.now(), actor, req.params.id, action, note, req.id);
        return getRequest(app.db, actor, req.params.id, req.locale);
      },
    );
  step('approve', ['coordinator'], 'Approve a request (requested → approved)');
  step('decline', ['coordinator'], 'Decline a request with a reason the host reads', DeclineBody);
  step('cancel', both, 'Cancel a request; a scheduled stay is freed in the draft and published plans', CancelBody);
  step('confirm', ['host'], 'Confirm the scheduled dates (scheduled → confirmed); the stay is pinned');
};
export default requestsRoutes;
