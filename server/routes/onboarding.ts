import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlanParam, errorResponses } from '../contract/common.js';
import { PlanWarnings } from '../contract/onboarding.js';
import { getScopedPlan } from '../db/queries/plans.js';
import { unservedGroupText, vehicleWarningText } from '../i18n/onboarding.js';
import { negotiateLocale } from '../i18n/locale.js';
import { actorOf } from '../plugins/auth.js';
import { planWarnings } from '../services/onboarding-warnings.js';

/** Getting a region in: what a draft warns of. */
const onboardingRoutes: FastifyPluginAsyncZod = async (app) => {
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
