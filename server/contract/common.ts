import { z } from 'zod';

/** The years a day may fall in: from the programme's history to as far as anyone plans. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** A calendar day in the region's time zone, YYYY-MM-DD, between FIRST_YEAR and LAST_YEAR. */
export const IsoDate = z.iso.date().refine((d) => d >= `${FIRST_YEAR}-01-01` && d <= `${LAST_YEAR}-12-31`, { message: `a day from ${FIRST_YEAR} to ${LAST_YEAR}` });

/** A row id: a positive 32-bit integer (what the database's identity columns hold). */
export const Id = z.coerce.number().int().positive().max(2_147_483_647);
/** A row id in a JSON body: a number, never coerced (a missing or "1" value is an error). */
export const BodyId = z.number().int().positive().max(2_147_483_647);
export const IdParam = z.object({ id: Id });
export const RegionParam = z.object({ regionId: Id });
export const PlanParam = z.object({ planId: Id });
/** A calendar year the holiday data can speak of. */
export const YearParam = z.object({ year: z.coerce.number().int().min(2004).max(2100) });

/** The body of every 4xx/5xx answer. */
export const ErrorBody = z.object({
  code: z.string().describe('Stable machine-readable error code'),
  message: z.string().describe('What went wrong and what to do, in the negotiated locale (zh-CN or en)'),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Response schemas shared by every route: the error codes a caller can meet. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody.describe('UNAUTHENTICATED: not signed in'),
  403: ErrorBody.describe('FORBIDDEN (role or scope) or CSRF_TOKEN_INVALID'),
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  500: ErrorBody,
} as const;

/** Paging of a list: `limit` rows from `offset`; a page with more after it says so in a Link rel="next" header. */
export const Paging = (defaultLimit?: number) =>
  z.object({
    limit: (defaultLimit === undefined ? z.coerce.number().int().min(1).max(1000).optional() : z.coerce.number().int().min(1).max(1000).default(defaultLimit)).describe(
      `Rows per page, at most 1000${defaultLimit === undefined ? ' (all when left out)' : ` (default ${defaultLimit})`}`,
    ),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('Rows to skip'),
  });
