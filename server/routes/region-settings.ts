import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RegionParam, YearParam, errorResponses } from '../contract/common.js';
import { ClosureYear, ClosureYearParam, ClosureYearPut, RegionSettings, RegionSettingsPatch } from '../contract/region-settings.js';
import { DomainError } from '../errors.js';
import { negotiateLocale } from '../i18n/locale.js';
import { templateWords } from '../i18n/onboarding.js';
import { coordinatedRegion, writtenBy } from './coordinated.js';
import { closuresOf, closuresOutsideYear, regionSettings, replaceClosures, schoolCalendarTemplate, updateRegionSettings } from '../services/onboarding-settings.js';

/** A region's planning settings and its closures per venue kind and year. */
const regionSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['regions'];
  const coordinator = { access: ['coordinator'] as const };
  const own = coordinatedRegion;
  const by = writtenBy;

  app.get(
    '/regions/:regionId/settings',
    { config: coordinator, schema: { tags, summary: 'The region’s planning settings', params: RegionParam, response: { 200: RegionSettings, ...errorResponses } } },
    async (req) => regionSettings(app.db, own(req, req.params.regionId)),
  );
  app.patch(
    '/regions/:regionId/settings',
    {
      config: coordinator,
      schema: { tags, summary: 'Change some of the region’s planning settings (audited); later planning runs use them', params: RegionParam, body: RegionSettingsPatch, response: { 200: RegionSettings, ...errorResponses } },
    },
    async (req) => updateRegionSettings(app.db, own(req, req.params.regionId), req.body, by(req)),
  );
  app.get(
    '/regions/:regionId/closures/:year',
    { config: coordinator, schema: { tags, summary: 'The region’s closures that begin in a year (school breaks, exam days, farming seasons)', params: ClosureYearParam, response: { 200: ClosureYear, ...errorResponses } } },
    async (req) => ({ year: req.params.year, closures: await closuresOf(app.db, own(req, req.params.regionId), req.params.year) }),
  );
  app.put(
    '/regions/:regionId/closures/:year',
    {
      config: coordinator,
      schema: { tags, summary: 'Replace the closures that begin in a year (each must begin in it); audited', params: ClosureYearParam, body: ClosureYearPut, response: { 200: ClosureYear, ...errorResponses } },
    },
    async (req) => {
      const regionId = own(req, req.params.regionId);
      const outside = closuresOutsideYear(req.params.year, req.body.closures);
      if (outside.length) {
        throw new DomainError('VALIDATION_FAILED', {}, { issues: outside.map((i) => ({ path: `/body/closures/${i}/startsOn`, message: `must lie in ${req.params.year}` })) });
      }
      return { year: req.params.year, closures: await replaceClosures(app.db, regionId, req.params.year, req.body.closures, by(req)) };
    },
  );
  app.get(
    '/closure-template/:year',
    { config: coordinator, schema: { tags, summary: 'The usual Chinese school and farming calendar of a year, to adjust and PUT as a region’s closures', params: YearParam, response: { 200: ClosureYear, ...errorResponses } } },
    async (req) => {
      const locale = negotiateLocale(req.headers['accept-language']);
      return { year: req.params.year, closures: schoolCalendarTemplate(req.params.year).map(({ word, ...c }) => ({ ...c, reason: templateWords[word]![locale] })) };
    },
  );
};
export default regionSettingsRoutes;
