import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, LocalizedDomainError, fromDatabaseError } from '../errors.js';
import { messageFor } from '../i18n/messages.js';

/** HTTP status of each domain error code; anything unlisted is 422 (understood but not acceptable). */
const statusOf: Record<string, number> = {
  VALIDATION_FAILED: 400,
  INVALID_DATE: 400,
  RESOURCE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  STOP_OVERLAP_VEHICLE: 409,
  STOP_OVERLAP_SET: 409,
  STOP_OVERLAP_VENUE: 409,
  STOP_OVERLAP: 409,
  DUPLICATE: 409,
  PLAN_NOT_DRAFT: 409,
  STAY_IS_A_FACT: 409,
  STAY_CONFIRMED_NEEDS_DECISION: 409,
  PUBLISH_CONFLICTS: 409,
  NUMBER_OUT_OF_RANGE: 400,
  INVALID_TEXT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NO_PUBLISHED_PLAN: 404,
  PLAN_REVISION_STALE: 409,
  PLAN_NOT_EDITABLE: 409,
  STOP_NOT_EDITABLE: 409,
  STOP_STATUS_CONFLICT: 409,
  REQUEST_STATUS_CONFLICT: 409,
  IN_USE: 409,
  IF_MATCH_REQUIRED: 428,
  RATE_LIMITED: 429,
  ADVICE_BUSY: 503,
  PLANNING_QUEUE_UNAVAILABLE: 503,
  ADVICE_TIMED_OUT: 503,
  ADVICE_WINDOW_TOO_LONG: 400,
  IMPORT_FILE_INVALID: 400,
  REGION_REQUIRED: 400,
  // Unlisted codes are 422, among them EDIT_BREAKS_RULES and IMPORT_ROWS_INVALID.
};

function send(reply: FastifyReply, req: FastifyRequest, status: number, e: DomainError) {
  const locale = req.locale;
  const details = e instanceof LocalizedDomainError ? e.localize(locale) : e.details;
  return reply
    .code(status)
    .header('content-language', locale)
    .send({
      code: e.code,
      message: messageFor(e.code, locale, e.params),
      ...(details === undefined ? {} : { details }),
      requestId: req.id,
    });
}

/** The one error handler: domain and database errors become 4xx with a code; the rest a bare 500. */
export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        const issues = err.validation.map((v) => ({
          path: `${err.validationContext ?? ''}${v.instancePath || ''}`,
          message: v.message ?? '',
        }));
        return send(reply, req, 400, new DomainError('VALIDATION_FAILED', {}, { issues }));
      }
      const domain = err instanceof DomainError ? err : fromDatabaseError(err);
      if (domain) return send(reply, req, statusOf[domain.code] ?? 422, domain);
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        // Fastify's own 4xx (bad JSON, body too large, unsupported media type): keep its status and code.
        const e = new DomainError(err.code ?? 'BAD_REQUEST', {}, { reason: err.message });
        return send(reply, req, err.statusCode, e);
      }
      req.log.error({ err }, 'unhandled error');
      return send(reply, req, 500, new DomainError('INTERNAL', { requestId: req.id }));
    });
    app.setNotFoundHandler((req, reply) =>
      send(reply, req, 404, new DomainError('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] })),
    );
  },
  { name: 'errors' },
);
