import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, IdParam, Paging, PlanParam, RegionParam } from '../contract/common.js';
import {
  Breakdown,
  Leg,
  Replan,
  Run,
  RunAccepted,
  RunCreate,
  Unserved,
} from '../contract/planning.js';
import { audit } from '../db/queries/audit.js';
import { getScopedRun, listLegs, listRuns, listUnserved, requestCancel } from '../db/queries/planning.js';
import { getScopedPlan } from '../db/queries/plans.js';
import type * as t from '../db/schema/index.js';
import { NotFoundError } from '../errors.js';
import { runErrorText } from '../i18n/planning.js';
import { reasonText } from '../i18n/reasons.js';
import type { Locale } from '../i18n/locale.js';
import { actorOf } from '../plugins/auth.js';
import { pageOf, rowsFor } from './paging.js';
import { breakDown, replanRegion, startRun } from '../services/planning-runs.js';
import { scopeOf } from '../services/scope.js';

const coordinator = { access: ['coordinator'] as const };
const tags = ['planning'];

type App = Parameters<FastifyPluginAsyncZod>[0];
type Req = Parameters<typeof actorOf>[0];

type RunRow = typeof t.planningRuns.$inferSelect;

/** A run as the API shows it: its error worded in the caller's language. */
export function runView(r: RunRow, locale: Locale) {
  return {
    id: r.id,
    regionId: r.regionId,
    status: r.status,
    horizonStart: r.horizonStart,
    horizonEnd: r.horizonEnd,
    replanFrom: r.replanFrom,
    basePlanId: r.basePlanId,
    options: r.options,
    progress: (r.progress ?? null) as Record<string, unknown> | null,
    planId: r.planId,
    error: r.error ? { code: r.error.code, message: runErrorText(r.error.code, locale) } : null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

const regionsOf = (req: Req) => actorOf(req).coordinatorRegionIds;
/** "Not found" unless the caller coordinates the region. */
function own(req: Req, regionId: number) {
  if (!regionsOf(req).includes(regionId)) throw new NotFoundError('region', regionId);
}

/** Planning: runs with progress and cancellation, their unserved requests and legs, re-plans, breakdowns. */
const planning: FastifyPluginAsyncZod = async (app) => {
  runRoutes(app);
  planResultRoutes(app);
  replanRoutes(app);
};
export default planning;

/** A run's options with the server's default time budget. */
const withDefaults = (app: App, o: z.infer<typeof RunCreate>['options']) => ({ seconds: app.planSeconds, ...(o ?? {}) });

/** Starting, reading, following and cancelling planning runs. */
function runRoutes(app: App) {
  app.post(
    '/regions/:regionId/planning-runs',
    { config: coordinator, schema: { tags, params: RegionParam, body: RunCreate, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      own(req, req.params.regionId);
      const run = await startRun(app.db, app.planning.submit, { regionId: req.params.regionId, horizonStart: req.body.horizonStart, horizonEnd: req.body.horizonEnd, options: withDefaults(app, req.body.options), createdBy: actorOf(req).userId });
      return reply.code(202).send({ runId: run.id, run: runView(run, req.locale) });
    },
  );

  app.get(
    '/planning-runs/:id',
    { config: coordinator, schema: { tags, params: IdParam, response: { 200: Run, ...errorResponses } } },
    async (req) => runView(await getScopedRun(app.db, regionsOf(req), req.params.id), req.locale),
  );

  app.get(
    '/regions/:regionId/planning-runs',
    { config: coordinator, schema: { tags, summary: 'The region’s runs, newest first, 50 a page unless asked (Link rel="next")', params: RegionParam, querystring: Paging(50), response: { 200: z.array(Run), ...errorResponses } } },
    async (req, reply) => {
      own(req, req.params.regionId);
      return pageOf(req, reply, await listRuns(app.db, req.params.regionId, rowsFor(req.query)), req.query).map((r) => runView(r, req.locale));
    },
  );

  // Server-Sent Events: `progress` while the run works, then one of `done`, `failed`, `cancelled`.
  app.get(
    '/planning-runs/:id/events',
    { config: coordinator, schema: { tags, params: IdParam, description: 'Server-Sent Events stream of the run: progress, then done | failed | cancelled' } },
    async (req, reply) => {
      const regionIds = regionsOf(req);
      await getScopedRun(app.db, regionIds, req.params.id);
      reply.hijack();
      await streamRun(app, req.raw, reply.raw, regionIds, req.params.id, req.locale);
    },
  );

  app.post(
    '/planning-runs/:id/cancel',
    { config: coordinator, schema: { tags, params: IdParam, response: { 202: Run, ...errorResponses } } },
    async (req, reply) => {
      const run = await getScopedRun(app.db, regionsOf(req), req.params.id);
      await requestCancel(app.db, run.id);
      const now = await getScopedRun(app.db, regionsOf(req), run.id);
      await audit(app.db, { actorUserId: actorOf(req).userId, action: 'run.cancel', entity: 'planning_run', entityId: run.id, before: { status: run.status }, after: { status: now.status }, requestId: req.id, regionIds: [run.regionId] });
      return reply.code(202).send(runView(now, req.locale));
    },
  );
}

/**
 * Writes a run's events to an open response until it ends or the client goes: its progress when it
 * changes, then `done`, `failed` or `cancelled`; a keep-alive comment every 12 s.
 */
async function streamRun(app: App, request: IncomingMessage, res: ServerResponse, regionIds: number[], runId: number, locale: Locale) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let last = '';
  let closed = false;
  request.on('close', () => (closed = true));
  for (let tick = 0; !closed; tick++) {
    const run = await getScopedRun(app.db, regionIds, runId).catch(() => undefined);
    if (!run) break;
    const progress = JSON.stringify(run.progress ?? null);
    if (progress !== last && run.progress) {
      last = progress;
      send('progress', run.progress);
    }
    if (run.status === 'succeeded' && run.planId !== null) {
      send('progress', { ...(run.progress ?? {}), percent: 100 });
      send('done', { planId: run.planId });
      break;
    }
    if (run.status === 'failed') {
      send('failed', runView(run, locale).error);
      break;
    }
    if (run.status === 'cancelled') {
      send('cancelled', {});
      break;
    }
    if (tick % 30 === 29) res.write(': keep-alive\n\n');
    await new Promise((r) => setTimeout(r, 400));
  }
  res.end();
}

/** A plan's unserved requests (with the reason in words) and its legs. */
function planResultRoutes(app: App) {
  app.get(
    '/plans/:planId/unserved',
    { config: coordinator, schema: { tags, params: PlanParam, response: { 200: z.array(Unserved), ...errorResponses } } },
    async (req) => {
      await getScopedPlan(app.db, regionsOf(req), req.params.planId);
      const locale = req.locale;
      return (await listUnserved(app.db, req.params.planId)).map((r) => ({ ...r, reasonText: reasonText(r.reason, locale) }));
    },
  );

  app.get(
    '/plans/:planId/legs',
    { config: coordinator, schema: { tags, params: PlanParam, response: { 200: z.array(Leg), ...errorResponses } } },
    async (req) => {
      await getScopedPlan(app.db, regionsOf(req), req.params.planId);
      return listLegs(app.db, req.params.planId);
    },
  );
}

/** Re-plans of the published timeline: from a day, or after a vehicle broke down (services/planning-runs.ts). */
function replanRoutes(app: App) {
  app.post(
    '/regions/:regionId/replan',
    { config: coordinator, schema: { tags, params: RegionParam, body: Replan, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      own(req, req.params.regionId);
      const run = await replanRegion(app.db, app.planning.submit, { regionId: req.params.regionId, from: req.body.from, options: withDefaults(app, req.body.options), createdBy: actorOf(req).userId });
      return reply.code(202).send({ runId: run.id, run: runView(run, req.locale) });
    },
  );

  app.post(
    '/vehicles/:id/breakdown',
    { config: coordinator, schema: { tags, params: IdParam, body: Breakdown, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      const actor = actorOf(req);
      const breakdown = { vehicleId: req.params.id, from: req.body.from, options: withDefaults(app, req.body.options) };
      const run = await breakDown(app.db, app.planning.submit, scopeOf(actor), { userId: actor.userId, requestId: req.id }, breakdown);
      return reply.code(202).send({ runId: run.id, run: runView(run, req.locale) });
    },
  );
}
