import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Paging } from '../contract/common.js';
import { pageOf, rowsFor } from './paging.js';
import { EditResult, IfMatchHeaders, Plan, PlanQuery, PlanStopParams, PlanStopsParams, Stop, StopCreate, StopEdit } from '../contract/plans.js';
import { getScopedPlan, getVisiblePlan, listPlans, planView, type PlanScope } from '../db/queries/plans.js';
import { listPlanStops } from '../db/queries/stops.js';
import { actorOf, type Actor } from '../plugins/auth.js';
import { addCheckedStop, editStop, etagOf, revisionFromIfMatch } from '../services/plan-edits.js';
import { planCsv, planWorkbook } from '../services/exports.js';
import { download } from './download.js';
import undoRoutes from './undo.js';

const coordinator = ['coordinator'] as const;
const anyRole = ['coordinator', 'host', 'driver'] as const;

function planScope(actor: Actor): PlanScope {
  return { coordinatorRegionIds: actor.coordinatorRegionIds, memberRegionIds: actor.roles.filter((g) => g.role !== 'coordinator').map((g) => g.inRegionId) };
}
const editErrors = {
  ...errorResponses,
  428: errorResponses[400].describe('IF_MATCH_REQUIRED'),
};

/** Plans, their stops, checked edits (what a drag on the calendar sends) and exports. */
const plansRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];
  await app.register(undoRoutes); // the board's undo and redo (issue 12)
  app.get(
    '/plans',
    {
      config: { access: anyRole },
      schema: { tags, summary: 'Plans, newest first: all of a coordinator’s regions; hosts and drivers see the published one', querystring: PlanQuery, response: { 200: z.array(Plan), ...errorResponses } },
    },
    async (req, reply) => pageOf(req, reply, await listPlans(app.db, planScope(actorOf(req)), req.query, rowsFor(req.query)), req.query),
  );
  app.get(
    '/plans/:planId',
    { config: { access: anyRole, etag: 'header' }, schema: { tags, summary: 'A plan; the ETag header is its revision (If-None-Match answers 304 while it holds)', params: PlanStopsParams, response: { 200: Plan, ...errorResponses } } },
    async (req, reply) => {
      const plan = await getVisiblePlan(app.db, planScope(actorOf(req)), req.params.planId);
      return reply.header('etag', etagOf(plan.revision)).send(planView(plan));
    },
  );
  app.get(
    '/plans/:planId/stops',
    {
      config: { access: anyRole, etag: 'body' },
      schema: {
        tags,
        summary: 'Stops of a plan: all for its coordinator; a host’s venues’ or a driver’s vehicle’s otherwise; by page if asked (ETag; If-None-Match answers 304)',
        params: PlanStopsParams,
        querystring: Paging(),
        response: { 200: z.array(Stop), ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const plan = await getVisiblePlan(app.db, planScope(actor), req.params.planId);
      const all = actor.coordinatorRegionIds.includes(plan.regionId);
      const stops = await listPlanStops(app.db, plan.id, all ? undefined : { venueIds: actor.hostVenueIds, vehicleIds: actor.driverVehicleIds }, rowsFor(req.query));
      return reply.send(pageOf(req, reply, stops, req.query));
    },
  );
  app.post(
    '/plans/:planId/stops',
    {
      config: { access: coordinator },
      schema: {
        tags,
        summary: 'Add a stay (or schedule an approved/unserved request), checked against the planning rules; If-Match: the plan revision',
        params: PlanStopsParams,
        headers: IfMatchHeaders,
        body: StopCreate,
        response: { 201: EditResult, ...editErrors },
      },
    },
    async (req, reply) => {
      const expected = revisionFromIfMatch(req.headers['if-match']);
      const result = await addCheckedStop(app.db, { actor: actorOf(req), requestId: req.id }, req.params.planId, expected, req.body);
      return reply.code(201).header('etag', etagOf(result.revision)).send(result);
    },
  );
  app.patch(
    '/plans/:planId/stops/:stopId',
    {
      config: { access: coordinator },
      schema: {
        tags,
        summary: 'Move a stay, change its length, or give it to another vehicle or set; checked against the planning rules',
        description:
          'If-Match: the plan revision the edit was made on (428 without, 409 PLAN_REVISION_STALE when stale: nothing is written). ' +
          '422 EDIT_BREAKS_RULES lists the rules the edit would break (details.violations[{kind, stopId, message}]); ' +
          'an overlap with another stay of the same vehicle, set or venue is 409 STOP_OVERLAP_VEHICLE / _SET / _VENUE.',
        params: PlanStopParams,
        headers: IfMatchHeaders,
        body: StopEdit,
        response: { 200: EditResult, ...editErrors },
      },
    },
    async (req, reply) => {
      const expected = revisionFromIfMatch(req.headers['if-match']);
      const result = await editStop(app.db, { actor: actorOf(req), requestId: req.id }, req.params.planId, req.params.stopId, expected, req.body);
      return reply.header('etag', etagOf(result.revision)).send(result);
    },
  );
  app.get(
    '/plans/:planId/export.csv',
    {
      config: { access: coordinator },
      schema: { tags, summary: 'The plan as CSV (UTF-8 with BOM, one row per stay), streamed', params: PlanStopsParams, produces: ['text/csv'], response: { 200: z.any().describe('CSV text'), ...errorResponses } },
    },
    async (req, reply) => {
      const plan = await getScopedPlan(app.db, actorOf(req).coordinatorRegionIds, req.params.planId);
      const csv = await planCsv(app.db, plan);
      return download(reply, `plan-${plan.id}-r${plan.revision}.csv`, csv);
    },
  );
  app.get(
    '/plans/:planId/export.xlsx',
    {
      config: { access: coordinator },
      schema: {
        tags,
        summary: 'The plan as an Excel workbook: one sheet per vehicle, one for unserved requests',
        params: PlanStopsParams,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const plan = await getScopedPlan(app.db, actorOf(req).coordinatorRegionIds, req.params.planId);
      const body = await planWorkbook(app.db, plan, app.clock.now());
      return download(reply, `plan-${plan.id}-r${plan.revision}.xlsx`, body);
    },
  );
};
export default plansRoutes;
