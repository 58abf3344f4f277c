import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3 document generated from the routes' zod schemas, with the UI at /docs. */
export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Rove API',
          description: 'Plans and runs the tours of science caravans and roving science museums.',
          version: '0.1.0',
          license: { name: 'AGPL-3.0-or-later' },
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'rove_session', description: 'Set by POST /api/auth/login' },
            csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'From the login answer; on POST/PUT/PATCH/DELETE' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    // staticCSP: the UI's own Content-Security-Policy replaces helmet's stricter default on /docs.
    // Without upgrade-insecure-requests, as for the app: the docs must load over plain http too.
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
    });
  },
  { name: 'openapi' },
);
