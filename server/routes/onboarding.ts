import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlanParam, RegionParam, errorResponses } from '../contract/common.js';
import { BulkDecision, BulkDecisionResult, PlanWarnings, TemplateQuery, WorkbookImport, WorkbookQuery, WorkbookResult } from '../contract/onboarding.js';
import { getScopedPlan } from '../db/queries/plans.js';
import { templateNotes, unservedGroupText, vehicleWarningText } from '../i18n/onboarding.js';
import { negotiateLocale } from '../i18n/locale.js';
import { actorOf } from '../plugins/auth.js';
import { NotFoundError } from '../errors.js';
import { decideMany } from '../services/onboarding-bulk.js';
import { workbookErrors } from '../services/onboarding-import.js';
import { importWorkbook } from '../services/onboarding-sheets.js';
import { planWarnings } from '../services/onboarding-warnings.js';
import { workbookTemplate } from '../services/onboarding-workbook.js';
import { download } from './download.js';

/** Getting a region in: the workbook import and its template, bulk decisions, what a draft warns of. */
const onboardingRoutes: FastifyPluginAsyncZod = async (app) => {
  const coordinator = { access: ['coordinator'] as const };
  const tags = ['onboarding'];
  app.get(
    '/workbook-template.xlsx',
    { config: coordinator, schema: { tags, summary: 'The onboarding workbook template (a notes sheet, then one sheet per kind of row) in zh-CN or en', querystring: TemplateQuery } },
    async (req, reply) => {
      const locale = req.query.lang ?? negotiateLocale(req.headers['accept-language']);
      const file = await workbookTemplate(locale, templateNotes(locale));
      return download(reply, `rove-onboarding-${locale}.xlsx`, file);
    },
  );
  app.post(
    '/regions/:regionId/workbook',
    {
      config: coordinator,
      bodyLimit: 60 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a region from one workbook (.xlsx, or one CSV per sheet), all or nothing, by code; ?dryRun=true only reports what would be created, updated and refused',
        params: RegionParam,
        querystring: WorkbookQuery,
        body: WorkbookImport,
        response: { 200: WorkbookResult, ...errorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!actor.coordinatorRegionIds.includes(req.params.regionId)) throw new NotFoundError('region', req.params.regionId);
      // Read in a thread of its own (server/plugins/import-files.ts), off the event loop.
      const wb = await app.readWorkbookFile(req.body.format === 'xlsx' ? { base64: req.body.content } : { sheets: req.body.sheets });
      const today = app.clock.today('Asia/Shanghai');
      const locale = negotiateLocale(req.headers['accept-language']);
      const result = await importWorkbook(app.db, req.params.regionId, wb, { dryRun: req.query.dryRun ?? false, by: { userId: actor.userId, requestId: req.id }, today, locale });
      if (!result.dryRun && !result.ok) throw workbookErrors(result);
      return result;
    },
  );
  app.post(
    '/requests/bulk',
    { config: coordinator, schema: { tags, summary: 'Approve or decline many requests of the region with one reason, all or none', body: BulkDecision, response: { 200: BulkDecisionResult, ...errorResponses } } },
    async (req) => ({ changed: await decideMany(app.db, app.clock.now(), actorOf(req), req.body, req.id) }),
  );

  app.get(
    '/plans/:planId/warnings',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags: ['planning'],
        summary: 'What a draft warns of: each vehicle with no stop and why, and the unserved requests grouped by their cause',
        params: PlanParam,
        response: { 200: PlanWarnings, ...errorResponses },
      },
    },
    async (req) => {
      const plan = await getScopedPlan(app.db, actorOf(req).coordinatorRegionIds, req.params.planId);
      const w = await planWarnings(app.db, plan);
      const locale = negotiateLocale(req.headers['accept-language']);
      return {
        vehicles: w.vehicles.map((v) => ({ ...v, message: vehicleWarningText(v, locale) })),
        unserved: w.unserved.map((g) => ({ ...g, message: unservedGroupText(g, locale) })),
      };
    },
  );
};
export default onboardingRoutes;
