import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { adviseRequest } from '../../jobs/planning/advice.js';
import { HolidayCalendar } from '../../jobs/planning/calendar.js';
import { errorResponses, IdParam } from '../contract/common.js';
import {
  Advice,
  AdviceRequest,
  Breakdown,
  HolidayUpload,
  HolidayYear,
  Leg,
  Replan,
  RoadMatrixUpload,
  Run,
  RunAccepted,
  RunCreate,
  Unserved,
} from '../contract/planning.js';
import { createRun, getScopedRun, listLegs, listUnserved, requestCancel } from '../db/queries/planning.js';
import { audit } from '../db/queries/notifications.js';
import { getScopedPlan, planView, publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { DomainError, NotFoundError } from '../errors.js';
import { runErrorText, unservedReasonText } from '../i18n/planning.js';
import type { Locale } from '../i18n/locale.js';
import { negotiateLocale } from '../i18n/locale.js';
import { actorOf } from '../plugins/auth.js';
import { scopeOf } from '../services/scope.js';

const RegionParam = z.object({ regionId: z.coerce.number().int().positive() });
const PlanParam = z.object({ planId: z.coerce.number().int().positive() });
const YearParam = z.object({ year: z.coerce.number().int().min(2004).max(2100) });
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
      return reply.code(202).send({ runId: run.id, run: runView(run, negotiateLocale(req.headers['accept-language'])) });
    },
  );

  app.get(
    '/planning-runs/:id',
    { config: coordinator, schema: { tags, params: IdParam, response: { 200: Run, ...errorResponses } } },
    async (req) => runView(await getScopedRun(app.db, regionsOf(req), req.params.id), negotiateLocale(req.headers['accept-language'])),
  );

  app.get(
    '/regions/:regionId/planning-runs',
    { config: coordinator, schema: { tags, params: RegionParam, response: { 200: z.array(Run), ...errorResponses } } },
    async (req) => {
      own(req, req.params.regionId);
      const rows = await app.db.select().from(t.planningRuns).where(eq(t.planningRuns.regionId, req.params.regionId));
      const locale = negotiateLocale(req.headers['accept-language']);
      return rows.sort((a, b) => b.id - a.id).slice(0, 50).map((r) => runView(r, locale));
    },
  );

  // Server-Sent Events: `progress` while the run works, then one of `done`, `failed`, `cancelled`.
  app.get(
    '/planning-runs/:id/events',
    { config: coordinator, schema: { tags, params: IdParam, description: 'Server-Sent Events stream of the run: progress, then done | failed | cancelled' } },
    async (req, reply) => {
      const regionIds = regionsOf(req);
      const locale = negotiateLocale(req.headers['accept-language']);
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
      return reply.code(202).send(runView(now, negotiateLocale(req.headers['accept-language'])));
    },
  );

  app.get(
    '/plans/:planId/unserved',
    { config: coordinator, schema: { tags, params: PlanParam, response: { 200: z.array(Unserved), ...errorResponses } } },
    async (req) => {
      await getScopedPlan(app.db, regionsOf(req), req.params.planId);
      const locale = negotiateLocale(req.headers['accept-language']);
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
      return reply.code(202).send({ runId: run.id, run: runView(run, negotiateLocale(req.headers['accept-language'])) });
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
      return reply.code(202).send({ runId: run.id, run: runView(run, negotiateLocale(req.headers['accept-language'])) });
    },
  );

  // The earliest dates a new request could be served, for the host's request form.
  app.post(
    '/requests/advice',
    { config: { access: ['coordinator', 'host'] }, schema: { tags, body: AdviceRequest, response: { 200: Advice, ...errorResponses } } },
    async (req) => {
      const scope = scopeOf(actorOf(req));
      const [venue] = await app.db.select().from(t.venues).where(eq(t.venues.id, req.body.venueId));
      if (!venue || !(scope.hostVenueIds.includes(venue.id) || scope.coordinatorRegionIds.includes(venue.regionId))) throw new NotFoundError('venue', req.body.venueId);
      const [region] = await app.db.select().from(t.regions).where(eq(t.regions.id, venue.regionId));
      const today = app.clock.today(region!.timeZone);
      const result = await adviseRequest(app.db, {
        regionId: venue.regionId,
        venueId: venue.id,
        setKind: req.body.setKind,
        exhibitSetId: req.body.exhibitSetId ?? null,
        theme: req.body.theme ?? null,
        windowStart: req.body.windowStart,
        windowEnd: req.body.windowEnd,
        openDays: req.body.openDays,
        today,
      });
      const locale = negotiateLocale(req.headers['accept-language']);
      return {
        options: result.options,
        reason: result.reasonCode ? { code: result.reasonCode, message: unservedReasonText({ code: result.reasonCode, params: { windowStart: req.body.windowStart, windowEnd: req.body.windowEnd, floorAreaM2: venue.floorAreaM2, powerKw: venue.powerKw, months: region!.noveltyMonths, theme: req.body.theme ?? null, tier: venue.priorityTier } }, locale) } : null,
        provisionalYears: result.provisionalYears,
      };
    },
  );

  // Public holidays: which arrangement a year uses, and loading the official one when it appears.
  app.get(
    '/holidays/:year',
    { config: { access: 'signed-in' }, schema: { tags, params: YearParam, response: { 200: HolidayYear } } },
    async (req) => {
      const { year } = req.params;
      const rows = await app.db.select().from(t.holidayDays);
      const cal = new HolidayCalendar(rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name })));
      const days: z.infer<typeof HolidayYear>['days'] = [];
      for (let d = DateTime.fromObject({ year, month: 1, day: 1 }); d.year === year; d = d.plus({ days: 1 })) {
        const iso = d.toISODate()!;
        const name = cal.holidayName(iso);
        if (name !== undefined) days.push({ day: iso, kind: 'holiday', name });
        else if (cal.isMakeupWorkday(iso)) days.push({ day: iso, kind: 'workday', name: '' });
      }
      return { year, source: cal.source(year), days };
    },
  );

  app.put(
    '/holidays/:year',
    { config: coordinator, schema: { tags, params: YearParam, body: HolidayUpload, response: { 200: HolidayYear, ...errorResponses } } },
    async (req) => {
      const { year } = req.params;
      const wrong = req.body.days.find((d) => Number(d.day.slice(0, 4)) !== year);
      if (wrong) throw new DomainError('HOLIDAY_OUTSIDE_YEAR', { day: wrong.day, year });
      await app.db.transaction(async (tx) => {
        const all = await tx.select().from(t.holidayDays);
        const old = all.filter((r) => r.day.startsWith(`${year}-`)).map((r) => r.day);
        if (old.length) await tx.delete(t.holidayDays).where(inArray(t.holidayDays.day, old));
        await tx.insert(t.holidayDays).values(req.body.days);
        await audit(tx, { actorUserId: actorOf(req).userId, action: 'load-holidays', entity: 'holidays', entityId: year, before: old, after: req.body.days, requestId: req.id });
      });
      const rows = await app.db.select().from(t.holidayDays);
      return {
        year,
        source: 'official' as const,
        days: rows.filter((r) => r.day.startsWith(`${year}-`)).sort((a, b) => a.day.localeCompare(b.day)).map((r) => ({ day: r.day, kind: r.kind, name: r.name })),
      };
    },
  );

  // A region's own road distance matrix replaces great-circle × road factor in later runs.
  app.put(
    '/regions/:regionId/road-distances',
    { config: coordinator, schema: { tags, params: RegionParam, body: RoadMatrixUpload, response: { 200: z.object({ entries: z.number().int() }), ...errorResponses } } },
    async (req) => {
      own(req, req.params.regionId);
      const regionId = req.params.regionId;
      await app.db.transaction(async (tx) => {
        await tx.delete(t.roadDistances).where(eq(t.roadDistances.regionId, regionId));
        const rows = req.body.entries.map((e) => ({ regionId, fromPlace: e.from, toPlace: e.to, distanceM: e.distanceM, driveMinutes: e.driveMinutes }));
        for (let i = 0; i < rows.length; i += 2000) await tx.insert(t.roadDistances).values(rows.slice(i, i + 2000)).onConflictDoNothing();
        await audit(tx, { actorUserId: actorOf(req).userId, action: 'load-road-distances', entity: 'region', entityId: regionId, after: { entries: rows.length }, requestId: req.id });
      });
      return { entries: req.body.entries.length };
    },
  );
};
export default planning;
