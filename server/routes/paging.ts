import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A page of rows read with one row more than the limit: the page itself, with a Link rel="next"
 * header (the same URL with the next offset) when that extra row shows there is more.
 */
export function pageOf<T>(req: FastifyRequest, reply: FastifyReply, rows: T[], page: { limit?: number | undefined; offset: number }): T[] {
  if (page.limit === undefined || rows.length <= page.limit) return rows;
  const url = new URL(req.url, 'http://x');
  url.searchParams.set('offset', String(page.offset + page.limit));
  url.searchParams.set('limit', String(page.limit));
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  return rows.slice(0, page.limit);
}

/** The SQL window for a page: one row past the limit, so pageOf can tell whether more follow. */
export const rowsFor = (page: { limit?: number | undefined; offset: number }) => ({ limit: page.limit === undefined ? undefined : page.limit + 1, offset: page.offset });
