import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { JobsRuntime } from '../jobs/runtime.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import clockPlugin from './plugins/clock.js';
import databasePlugin from './plugins/database.js';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.js';
import localePlugin from './plugins/locale.js';
import advicePlugin from './plugins/advice.js';
import importFilesPlugin from './plugins/import-files.js';
import jobsPlugin from './plugins/jobs.js';
import openapiPlugin from './plugins/swagger.js';
import authPlugin, { collectRouteAccess } from './plugins/auth.js';
import securityPlugin from './plugins/security.js';
import conditionalGetPlugin from './plugins/conditional-get.js';
import authRoutes from './routes/auth.js';
import { feedAdminRoutes, feedRoutes } from './routes/feeds.js';
import itineraryRoutes from './routes/itineraries.js';
import visitRoutes from './routes/visits.js';
import notificationRoutes from './routes/notifications.js';
import reportsRoutes from './routes/reports.js';
import requestsRoutes from './routes/requests.js';
import usersRoutes from './routes/users.js';
import catalogueRoutes from './routes/catalogue.js';
import healthRoutes from './routes/health.js';
import plansRoutes from './routes/plans.js';
import planningPlugin, { type PlanningPluginOptions } from './plugins/planning.js';
import planningRoutes from './routes/planning.js';
import planningFactsRoutes from './routes/planning-facts.js';
import timelineRoutes from './routes/timeline.js';
// The board's guidance while a stay is dragged (issue 12, point 2).
import planGuidanceRoutes from './routes/plan-guidance.js';
import backupRoutes from './routes/backup.js';
import onboardingRoutes from './routes/onboarding.js';
import adminRoutes from './routes/admin.js';
import regionSettingsRoutes from './routes/region-settings.js';
// Lending between regions (issue 15, point 3).
import loanRoutes from './routes/loans.js';
import auditRoutes from './routes/audit.js';
// County facts for the venue form (issue 12, point 7).
import countyRoutes from './routes/counties.js';
// National view (issue 15): the administrator's figures of every region.
import nationalRoutes from './routes/national.js';

export interface AppOptions {
  /** Settings; the account ones default to the values of an unset environment (tests pass only webDir). */
  config: Pick<Config, 'webDir'> & Partial<Pick<Config, 'sessionHours' | 'cookieSecure' | 'loginAttemptsPerMinute' | 'loginPauseMs' | 'adviceThreads' | 'adviceSeconds' | 'importSeconds'>>;
  database: Database;
  jobs: JobsRuntime;
  /** Where planning runs go; defaults suit tests (in-process, or BullMQ with a worker). */
  planning?: PlanningPluginOptions;
  /** Where "now" and "today" come from; the system clock unless ROVE_NOW or a test fixes it. */
  clock?: Clock;
}

/** The whole app as a plugin: external plugins, then app services, then routes. */
export async function app(fastify: FastifyInstance, opts: AppOptions) {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  const { sessionHours = 24 * 14, cookieSecure = 'auto', loginAttemptsPerMinute = 10, loginPauseMs = 2000, adviceThreads = 1, adviceSeconds = 10, importSeconds = 120 } = opts.config;
  await fastify.register(clockPlugin, { value: opts.clock ?? systemClock });
  await fastify.register(localePlugin);
  await fastify.register(errorsPlugin);
  await fastify.register(securityPlugin);
  await fastify.register(conditionalGetPlugin);
  await fastify.register(openapiPlugin);
  await fastify.register(databasePlugin, { database: opts.database });
  await fastify.register(jobsPlugin, { value: opts.jobs });
  await fastify.register(planningPlugin, opts.planning ?? {});
  await fastify.register(advicePlugin, { threads: adviceThreads, seconds: adviceSeconds });
  await fastify.register(importFilesPlugin, { seconds: importSeconds });
  await fastify.register(authPlugin, { sessionHours, cookieSecure });

  await fastify.register(healthRoutes);
  await fastify.register(feedRoutes);
  await fastify.register(
    async (api) => {
      await api.register(authRoutes, { sessionHours, loginAttemptsPerMinute, loginPauseMs });
      await api.register(catalogueRoutes);
      await api.register(plansRoutes);
      await api.register(requestsRoutes);
      await api.register(itineraryRoutes);
      await api.register(visitRoutes);
      await api.register(feedAdminRoutes);
      await api.register(notificationRoutes);
      await api.register(reportsRoutes);
      await api.register(usersRoutes);
      await api.register(planningRoutes);
      await api.register(planningFactsRoutes);
      await api.register(timelineRoutes);
      await api.register(planGuidanceRoutes); // issue 12: feasible start days
      await api.register(backupRoutes);
      await api.register(onboardingRoutes);
      await api.register(adminRoutes);
      await api.register(regionSettingsRoutes);
      await api.register(loanRoutes);
      await api.register(auditRoutes);
      await api.register(countyRoutes); // issue 12: county facts for the venue form
      await api.register(nationalRoutes); // issue 15: national view
    },
    { prefix: '/api' },
  );
  if (existsSync(opts.config.webDir)) {
    await fastify.register(fastifyStatic, { root: opts.config.webDir, wildcard: false });
  }
}

/** Builds a ready Fastify instance around an opened database and jobs runtime (used by main and tests). */
export async function buildApp(opts: AppOptions, server: FastifyServerOptions = {}) {
  const fastify = Fastify({ logger: false, frameworkErrors, clientErrorHandler, ...server }).withTypeProvider<ZodTypeProvider>();
  collectRouteAccess(fastify);
  await fastify.register(app, opts);
  await fastify.ready();
  return fastify;
}
