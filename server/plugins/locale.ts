import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { negotiateLocale, type Locale } from '../i18n/locale.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language to answer this request in, negotiated from its Accept-Language header. */
    readonly locale: Locale;
  }
}

/** Decorates every request with `locale` (zh-CN unless English is preferred), read when first asked for. */
export default fp(
  async function locale(app: FastifyInstance) {
    app.decorateRequest('locale', {
      getter(this: FastifyRequest) {
        return negotiateLocale(this.headers['accept-language']);
      },
    });
  },
  { name: 'locale' },
);
