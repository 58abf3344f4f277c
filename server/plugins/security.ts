import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../errors.js';

/**
 * Security headers on every answer, and the rate limiter routes opt into (login). The limiter's
 * refusal is a DomainError, so it reaches the user as 429 RATE_LIMITED in their language.
 */
export default fp(
  async function security(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          // AMap navigation links open in a new tab; nothing of AMap is loaded into the page.
          'img-src': ["'self'", 'data:', 'blob:'],
          // Rove also runs on plain http (127.0.0.1, a LAN): do not make browsers rewrite to https.
          'upgrade-insecure-requests': null,
        },
      },
    });
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) => new DomainError('RATE_LIMITED', { seconds: Math.ceil(ctx.ttl / 1000) }),
    });
  },
  { name: 'security' },
);
