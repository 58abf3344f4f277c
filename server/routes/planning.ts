import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { errorResponses, IdParam, PlanParam, RegionParam } from '../contract/common.js';
import {
  Breakdown,
  Leg,
  Replan,
  Run,
  RunAccepted,
  RunCreate,
  Unserved,
} from '../contract/planning.js';
import { createRun, getScopedRun, listLegs, listUnserved, requestCancel } from '../db/queries/planning.js';
import { audit } from '../db/queries/notifications.js';
import { getScopedPlan, publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import { runErrorText, unservedReasonText } from '../i18n/planning.js';
import type { Locale } from '../i18n/locale.js';
import { actorOf } from '../plugins/auth.js';

const coordinator = { access: ['coordinator'] as const };

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


/** Planning: runs with progress and cancellation, publishing, diffs, re-plans, breakdowns, advice. */
const planning: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  const regionsOf = (req: Parameters<typeof actorOf>[0]) => actorOf(req).coordinatorRegionIds;
  const own = (req: Parameters<typeof actorOf>[0], regionId: number) => {
    if (!regionsOf(req).includes(regionId)) throw new NotFoundError('region', regionId);
  };
  const startRun = async (r: Parameters<typeof createRun>[1]) => {
    const run = await createRun(app.db, r);
    await app.planning.submit(run.id);
    return run;
  };
  const defaults = (o: z.infer<typeof RunCreate>['options']) => ({ seconds: app.planSeconds, ...(o ?? {}) });

  app.post(
    '/regions/:regionId/planning-runs',
    { config: coordinator, schema: { tags, params: RegionParam, body: RunCreate, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      own(req, req.params.regionId);
      const run = await startRun({ regionId: req.params.regionId, horizonStart: req.body.horizonStart, horizonEnd: req.body.horizonEnd, options: defaults(req.body.options), createdBy: actorOf(req).userId });
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
    { config: coordinator, schema: { tags, params: RegionParam, response: { 200: z.array(Run), ...errorResponses } } },
    async (req) => {
      own(req, req.params.regionId);
      const rows = await app.db.select().from(t.planningRuns).where(eq(t.planningRuns.regionId, req.params.regionId));
      const locale = req.locale;
      return rows.sort((a, b) => b.id - a.id).slice(0, 50).map((r) => runView(r, locale));
    },
  );

  // Server-Sent Events: `progress` while the run works, then one of `done`, `failed`, `cancelled`.
  app.get(
    '/planning-runs/:id/events',
    { config: coordinator, schema: { tags, params: IdParam, description: 'Server-Sent Events stream of the run: progress, then done | failed | cancelled' } },
    async (req, reply) => {
      const regionIds = regionsOf(req);
      const locale = req.locale;
      await getScopedRun(app.db, regionIds, req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      let last = '';
      let closed = false;
      req.raw.on('close', () => (closed = true));
      for (let tick = 0; !closed; tick++) {
        const run = await getScopedRun(app.db, regionIds, req.params.id).catch(() => undefined);
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
    },
  );

  app.post(
    '/planning-runs/:id/cancel',
    { config: coordinator, schema: { tags, params: IdParam, response: { 202: Run, ...errorResponses } } },
    async (req, reply) => {
      const run = await getScopedRun(app.db, regionsOf(req), req.params.id);
      await requestCancel(app.db, run.id);
      const now = await getScopedRun(app.db, regionsOf(req), run.id);
      return reply.code(202).send(runView(now, req.locale));
    },
  );

  app.get(
    '/plans/:planId/unserved',
    { config: coordinator, schema: { tags, params: PlanParam, response: { 200: z.array(Unserved), ...errorResponses } } },
    async (req) => {
      await getScopedPlan(app.db, regionsOf(req), req.params.planId);
      const locale = req.locale;
      return (await listUnserved(app.db, req.params.planId)).map((r) => ({ ...r, reasonText: unservedReasonText(r.reason, locale) }));
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

  app.post(
    '/regions/:regionId/replan',
    { config: coordinator, schema: { tags, params: RegionParam, body: Replan, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      own(req, req.params.regionId);
      const base = await publishedPlan(app.db, req.params.regionId);
      if (!base) throw new DomainError('NO_PUBLISHED_PLAN');
      if (req.body.from > base.horizonEnd) throw new DomainError('REPLAN_AFTER_HORIZON', { horizonEnd: base.horizonEnd });
      // The draft proposes only from the re-plan day on: everything before it is not its to change.
      const run = await startRun({ regionId: base.regionId, horizonStart: req.body.from, horizonEnd: base.horizonEnd, replanFrom: req.body.from, basePlanId: base.id, options: defaults(req.body.options), createdBy: actorOf(req).userId });
      return reply.code(202).send({ runId: run.id, run: runView(run, req.locale) });
    },
  );

  // A breakdown: the vehicle is out of service from the day given; its stays from then on are
  // planned again (onto other vehicles, or reported unserved), everything before stays put.
  app.post(
    '/vehicles/:id/breakdown',
    { config: coordinator, schema: { tags, params: IdParam, body: Breakdown, response: { 202: RunAccepted, ...errorResponses } } },
    async (req, reply) => {
      const regionIds = regionsOf(req);
      const [vehicle] = await app.db.select().from(t.vehicles).where(and(eq(t.vehicles.id, req.params.id), inArray(t.vehicles.regionId, regionIds.length ? regionIds : [-1])));
      if (!vehicle) throw new NotFoundError('vehicle', req.params.id);
      const base = await publishedPlan(app.db, vehicle.regionId);
      if (!base) throw new DomainError('NO_PUBLISHED_PLAN');
      const until = DateTime.fromISO(req.body.from).minus({ days: 1 }).toISODate()!;
      const run = await app.db.transaction(async (tx) => {
        await tx.update(t.vehicles).set({ availableUntil: until }).where(eq(t.vehicles.id, vehicle.id));
        await audit(tx, { actorUserId: actorOf(req).userId, action: 'breakdown', entity: 'vehicle', entityId: vehicle.id, before: { availableUntil: vehicle.availableUntil }, after: { availableUntil: until }, requestId: req.id });
        return createRun(tx, { regionId: vehicle.regionId, horizonStart: req.body.from > base.horizonEnd ? base.horizonEnd : req.body.from, horizonEnd: base.horizonEnd, replanFrom: req.body.from, basePlanId: base.id, options: defaults(req.body.options), createdBy: actorOf(req).userId });
      });
      await app.planning.submit(run.id);
      return reply.code(202).send({ runId: run.id, run: runView(run, req.locale) });
    },
  );

};
export default planning;
