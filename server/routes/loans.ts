import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionParam, errorResponses } from '../contract/common.js';
import { Loan, LoanCreate, LoanParam, LoanQuery } from '../contract/loans.js';
import { listLoans } from '../db/queries/loans.js';
import { actorOf } from '../plugins/auth.js';
import { coordinatedRegion, writtenBy } from './coordinated.js';
import { lend, withdrawLoan } from '../services/loans.js';

/** Lending between regions: a coordinator lends their region's set or caravan to another region and withdraws the loan; both regions list it. */
const loanRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['loans'];
  const coordinator = { access: ['coordinator'] as const };
  const own = coordinatedRegion;
  const by = writtenBy;

  app.get(
    '/regions/:regionId/loans',
    {
      config: coordinator,
      schema: { tags, summary: 'The loans the region gave and got, earliest first (live ones unless withdrawn=true)', params: RegionParam, querystring: LoanQuery, response: { 200: z.array(Loan), ...errorResponses } },
    },
    async (req) => listLoans(app.db, own(req, req.params.regionId), { withdrawn: req.query.withdrawn }),
  );
  app.post(
    '/regions/:regionId/loans',
    {
      config: coordinator,
      schema: {
        tags,
        summary: 'Lend one of the region’s exhibit sets or vehicles to another region for a period (audited); refused over days the region’s timeline books it',
        params: RegionParam,
        body: LoanCreate,
        response: { 201: Loan, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await lend(app.db, own(req, req.params.regionId), req.body, by(req))),
  );
  app.post(
    '/loans/:loanId/withdraw',
    {
      config: coordinator,
      schema: { tags, summary: 'Withdraw a loan the caller’s region gave (audited); refused while the borrower’s timeline books the asset in it', params: LoanParam, response: { 200: Loan, ...errorResponses } },
    },
    async (req) => withdrawLoan(app.db, actorOf(req).coordinatorRegionIds, req.params.loanId, by(req), app.clock.now()),
  );
};
export default loanRoutes;
