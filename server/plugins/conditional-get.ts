import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Conditional reads: 'body' sends a weak ETag of the answer's bytes, 'header' keeps the ETag the
     * route set (a plan's revision); either way an If-None-Match naming it is answered 304 with no body.
     */
    etag?: 'body' | 'header';
  }
}

/** Whether an If-None-Match header names this tag (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string, tag: string) {
  const bare = (x: string) => x.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((x) => bare(x) === bare(tag));
}

/** ETag and 304 on the reads that declare `config.etag`: a client polling a plan or an itinerary gets 304 while nothing changed. */
export default fp(
  async function conditionalGet(app: FastifyInstance) {
    app.addHook('onSend', async (req, reply, payload) => {
      const mode = req.routeOptions.config.etag;
      if (!mode || req.method !== 'GET' || reply.statusCode !== 200) return payload;
      let tag = reply.getHeader('etag') as string | undefined;
      if (mode === 'body' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        tag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
        reply.header('etag', tag);
      }
      // Private: the answer depends on who asks; revalidate each time, which is cheap when it is a 304.
      reply.header('cache-control', 'private, no-cache');
      const asked = req.headers['if-none-match'];
      if (!tag || !asked || !matches(asked, tag)) return payload;
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    });
  },
  { name: 'conditional-get' },
);
