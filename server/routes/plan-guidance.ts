import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../contract/common.js';
import { FeasibleStarts, FeasibleStartsQuery, PlanRequestParams, RequestStarts } from '../contract/guidance.js';
import { PlanStopParams } from '../contract/plans.js';
import { actorOf } from '../plugins/auth.js';
import { feasibleStarts, requestStarts } from '../services/feasible-starts.js';

/** Guidance for the board's edits (issue 12): where a dragged stay may go, by the checked edit's own rules. */
const planGuidanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/plans/:planId/stops/:stopId/feasible-starts',
    {
      config: { access: ['coordinator'] as const },
      schema: {
        tags: ['plans'],
        summary: 'The days a stay may start on, per board row (each vehicle, each roving-museum set), by the checks a move meets',
        description:
          'Runs of start days with the same answer over at most 186 days within the plan’s horizon (default: a quarter either side of the stay). ' +
          'A day is ok when PATCH …/stops/:stopId moving the whole stay there (and to that row) would pass: no overlap of vehicle, set or venue, no new planning-rule violation. ' +
          'Refused runs name the stays in the way. Computed on the plan as it stands; the edit itself still decides.',
        params: PlanStopParams,
        querystring: FeasibleStartsQuery,
        response: { 200: FeasibleStarts, ...errorResponses },
      },
    },
    async (req) => feasibleStarts(app.db, actorOf(req), req.params.planId, req.params.stopId, req.query),
  );
  app.get(
    '/plans/:planId/requests/:requestId/starts',
    {
      config: { access: ['coordinator'] as const },
      schema: {
        tags: ['plans'],
        summary: 'Where an approved or unserved request could be scheduled in this plan: the first accepted stay on each vehicle',
        description: 'A stay of the planner’s shape (set-up, the open days in a row, tear-down) within the request’s window and the horizon, checked as POST …/stops checks it; send an option back as it is.',
        params: PlanRequestParams,
        response: { 200: RequestStarts, ...errorResponses },
      },
    },
    async (req) => requestStarts(app.db, actorOf(req), req.params.planId, req.params.requestId),
  );
};
export default planGuidanceRoutes;
