import { desc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, Id } from '../contract/common.js';
import { HistoryImport, HistoryImportResult, PlanDiff, Publication, PublishBody, PublishResult, type StayChange as StayChangeView } from '../contract/timeline.js';
import type { DbOrTx } from '../db/client.js';
import { getScopedPlan, planView, publishedPlan } from '../db/queries/plans.js';
import * as t from '../db/schema/index.js';
import { DomainError, LocalizedDomainError, NotFoundError } from '../errors.js';
import type { Locale } from '../i18n/locale.js';
import { reasonText } from '../i18n/reasons.js';
import { actorOf } from '../plugins/auth.js';
import { audienceOf, changeSetOf, type Reason, type StayChange, type StayPlace } from '../services/changes.js';
import { importHistory } from '../services/history-import.js';
import { publishDraft } from '../services/publish.js';

const coordinator = { access: ['coordinator'] as const };
/** The history file's header and one example line (venue by id or name, vehicle by id, name or plate, set by id or code). */
const HISTORY_TEMPLATE = '\uFEFFvenue,vehicle,set,startsOn,opensOn,closesOn,endsOn,attendance\n1,KP-01,RM-01,2024-03-04,2024-03-11,2024-05-26,2024-05-31,32000\n';
const PlanParam = z.object({ planId: Id });
const RegionParam = z.object({ regionId: Id });

/** Names for the places of a set of changes, read once. */
async function namesOf(db: DbOrTx, places: StayPlace[]) {
  const venueIds = [...new Set(places.map((p) => p.venueId))];
  const vehicleIds = [...new Set(places.map((p) => p.vehicleId))];
  const setIds = [...new Set(places.map((p) => p.exhibitSetId))];
  const venues = venueIds.length ? await db.select({ id: t.venues.id, name: t.venues.name, countyName: t.venues.countyName }).from(t.venues).where(inArray(t.venues.id, venueIds)) : [];
  const vehicles = vehicleIds.length ? await db.select({ id: t.vehicles.id, name: t.vehicles.name }).from(t.vehicles).where(inArray(t.vehicles.id, vehicleIds)) : [];
  const sets = setIds.length ? await db.select({ id: t.exhibitSets.id, code: t.exhibitSets.code }).from(t.exhibitSets).where(inArray(t.exhibitSets.id, setIds)) : [];
  const venue = new Map(venues.map((v) => [v.id, v]));
  const vehicle = new Map(vehicles.map((v) => [v.id, v.name]));
  const set = new Map(sets.map((s) => [s.id, s.code]));
  return (p: StayPlace | null) =>
    p && { ...p, venueName: venue.get(p.venueId)?.name ?? '', countyName: venue.get(p.venueId)?.countyName ?? '', vehicleName: vehicle.get(p.vehicleId) ?? '', setCode: set.get(p.exhibitSetId) ?? '' };
}

const worded = (r: Reason | null, locale: Locale) => r && { ...r, text: reasonText(r, locale) };

/** Changes with names and reasons in words, for the coordinator. */
async function changeViews(db: DbOrTx, changes: StayChange[], locale: Locale): Promise<StayChangeView[]> {
  const named = await namesOf(db, changes.flatMap((c) => [c.before, c.after].filter((p): p is StayPlace => p !== null)));
  return changes.map((c) => ({ ...c, before: named(c.before), after: named(c.after), reason: worded(c.reason, locale) }));
}

/** The timeline: what publishing a draft changes (diff), publishing it, its versions, and history import. */
const timeline: FastifyPluginAsyncZod = async (app) => {
  const tags = ['planning'];
  const regionsOf = (req: Parameters<typeof actorOf>[0]) => actorOf(req).coordinatorRegionIds;

  app.get(
    '/plans/:planId/diff',
    {
      config: coordinator,
      schema: { tags, description: 'What publishing this draft would change on the region’s timeline, and who would be told', params: PlanParam, response: { 200: PlanDiff, ...errorResponses } },
    },
    async (req) => {
      const plan = await getScopedPlan(app.db, regionsOf(req), req.params.planId);
      if (plan.status !== 'draft') throw new DomainError('PLAN_NOT_DRAFT', { status: plan.status });
      const locale = req.locale;
      const cs = await changeSetOf(app.db, plan);
      const views = await changeViews(app.db, cs.changes, locale);
      const of = (k: StayChange['kind']) => views.filter((c) => c.kind === k);
      return {
        timelinePlanId: cs.timeline?.id ?? null,
        horizonStart: plan.horizonStart,
        horizonEnd: plan.horizonEnd,
        added: of('added'),
        moved: of('moved'),
        reassigned: of('reassigned'),
        removed: of('removed'),
        conflicts: views.filter((c) => c.needsDecision),
        skipped: cs.skipped.map((s) => ({ ...s, reason: worded(s.reason, locale)! })),
        notify: await audienceOf(app.db, cs.changes),
      };
    },
  );

  app.post(
    '/plans/:planId/publish',
    {
      config: coordinator,
      schema: {
        tags,
        description: 'Applies the draft to the region’s timeline over its horizon. 409 PUBLISH_CONFLICTS lists confirmed stays it would move or drop; send them back in `accept` with a reason each.',
        params: PlanParam,
        body: PublishBody,
        response: { 200: PublishResult, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      try {
        const out = await publishDraft(app.db, req.params.planId, regionsOf(req), req.body?.accept ?? [], { userId: actor.userId, requestId: req.id }, app.clock.now());
        return reply.header('etag', `"${out.plan.revision}"`).send({ plan: planView(out.plan), version: out.version, summary: out.summary });
      } catch (err) {
        if (err instanceof DomainError && err.code === 'PUBLISH_CONFLICTS') {
          const conflicts = (err.details as { conflicts: StayChange[] }).conflicts;
          const en = await changeViews(app.db, conflicts, 'en');
          const zh = await changeViews(app.db, conflicts, 'zh-CN');
          throw new LocalizedDomainError(err.code, err.params, (locale) => ({ conflicts: locale === 'en' ? en : zh }));
        }
        throw err;
      }
    },
  );

  app.get(
    '/regions/:regionId/publications',
    { config: coordinator, schema: { tags, description: 'The versions published into the region’s timeline, newest first', params: RegionParam, response: { 200: z.array(Publication), ...errorResponses } } },
    async (req) => {
      if (!regionsOf(req).includes(req.params.regionId)) throw new NotFoundError('region', req.params.regionId);
      const live = await publishedPlan(app.db, req.params.regionId);
      if (!live) return [];
      const rows = await app.db.select().from(t.planPublications).where(eq(t.planPublications.planId, live.id)).orderBy(desc(t.planPublications.version));
      return rows.map((r) => ({
        version: r.version,
        draftPlanId: r.draftPlanId,
        horizonStart: r.horizonStart,
        horizonEnd: r.horizonEnd,
        summary: ((r.changes as { summary?: Record<string, number> }).summary ?? {}),
        publishedBy: r.publishedBy,
        publishedAt: r.publishedAt.toISOString(),
      }));
    },
  );

  app.post(
    '/regions/:regionId/history',
    {
      config: coordinator,
      bodyLimit: 30 * 1024 * 1024,
      schema: {
        tags,
        description: 'Imports past stays (CSV or .xlsx; columns venue, vehicle, set, startsOn, opensOn, closesOn, endsOn, attendance) onto the timeline as facts, all or nothing',
        params: RegionParam,
        body: HistoryImport,
        response: { 200: HistoryImportResult, ...errorResponses },
      },
    },
    async (req) => {
      if (!regionsOf(req).includes(req.params.regionId)) throw new NotFoundError('region', req.params.regionId);
      const [region] = await app.db.select({ timeZone: t.regions.timeZone }).from(t.regions).where(eq(t.regions.id, req.params.regionId));
      const actor = actorOf(req);
      return importHistory(app.db, req.params.regionId, req.body, { userId: actor.userId, requestId: req.id }, app.clock.today(region!.timeZone));
    },
  );

  app.get(
    '/history-template.csv',
    { config: { access: ['coordinator'] }, schema: { tags, description: 'An empty history file with its header row and one example line', response: { 200: z.string() } } },
    async (_req, reply) => reply.type('text/csv; charset=utf-8').send(HISTORY_TEMPLATE),
  );
};

export default timeline;
