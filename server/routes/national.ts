import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../contract/common.js';
import { NationalQuery, NationalReport } from '../contract/national.js';
import { nationalCsv, nationalReport, nationalWorkbook } from '../services/national-report.js';
import { download } from './download.js';
import { period } from './reports.js';

// The deployment is national: a period's default year is the one in China's time zone.
const NATIONAL_ZONE = 'Asia/Shanghai';

/** The deployment administrator's national view: every region's figures for a period, as JSON, CSV and Excel. */
const nationalRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['national'];
  const admin = { access: ['admin'] as const };
  const report = (q: z.infer<typeof NationalQuery>) => {
    const { from, to } = period(q, app.clock.today(NATIONAL_ZONE));
    return nationalReport(app.db, from, to);
  };
  app.get(
    '/national/report',
    { config: admin, schema: { tags, summary: 'Every region’s coverage of key counties, roving stays, caravan activities, visitors and km for a period', querystring: NationalQuery, response: { 200: NationalReport, ...errorResponses } } },
    async (req) => report(req.query),
  );
  app.get(
    '/national/report.csv',
    { config: admin, schema: { tags, summary: 'The national report as CSV (UTF-8 with BOM)', querystring: NationalQuery, produces: ['text/csv'], response: { 200: z.string(), ...errorResponses } } },
    async (req, reply) => {
      const r = await report(req.query);
      return download(reply, `national-${r.from}-${r.to}.csv`, nationalCsv(r));
    },
  );
  app.get(
    '/national/report.xlsx',
    {
      config: admin,
      schema: { tags, summary: 'The national report as an Excel workbook, for the annual report', querystring: NationalQuery, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: z.any(), ...errorResponses } },
    },
    async (req, reply) => {
      const r = await report(req.query);
      return download(reply, `national-${r.from}-${r.to}.xlsx`, await nationalWorkbook(r, app.clock.now()));
    },
  );
};
export default nationalRoutes;
