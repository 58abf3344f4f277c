import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, LocalizedDomainError, fromDatabaseError } from '../errors.js';
import { negotiateLocale } from '../i18n/locale.js';
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
  STAY_CHANGED: 409,
  STAY_CANCELLED: 409,
  CLIENT_ID_REUSED: 409,
  REPORT_LOCKED: 409,
  REPORT_MISSING: 409,
  PHOTO_TOO_LARGE: 413,
  PHOTO_NOT_IMAGE: 415,
  REQUEST_STATUS_CONFLICT: 409,
  IN_USE: 409,
  IF_MATCH_REQUIRED: 428,
  RATE_LIMITED: 429,
  ADVICE_BUSY: 503,
  PLANNING_QUEUE_UNAVAILABLE: 503,
  ADVICE_TIMED_OUT: 503,
  IMPORT_BUSY: 503,
  IMPORT_TIMED_OUT: 503,
  ADVICE_WINDOW_TOO_LONG: 400,
  IMPORT_FILE_INVALID: 400,
  REGION_REQUIRED: 400,
  // The board's undo and redo (issue 12): nothing to undo or redo, or the stay (or an added stay's request) changed since.
  UNDO_STACK_EMPTY: 409,
  REDO_STACK_EMPTY: 409,
  UNDO_STAY_CHANGED: 409,
  UNDO_STAY_NOT_PLANNED: 409,
  UNDO_REQUEST_CHANGED: 409,
  // Lending between regions (issue 15, point 3).
  LOAN_OVERLAP: 409,
  LOAN_ASSET_BOOKED: 409,
  LOAN_STAYS_BOOKED: 409,
  LOAN_UNCHANGEABLE: 409,
  LOAN_NOT_OWNER: 409,
  LOAN_TO_OWN_REGION: 400,
  VEHICLE_NOT_HELD: 409,
  SET_NOT_HELD: 409,
  // Unlisted codes are 422, among them EDIT_BREAKS_RULES and IMPORT_ROWS_INVALID.
};

function send(reply: FastifyReply, req: FastifyRequest, status: number, e: DomainError) {
  // Framework errors reach here before the request is decorated: negotiate from the header then.
  const locale = req.locale ?? negotiateLocale(req.headers['accept-language']);
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

/**
 * Errors Fastify answers before any route or hook (a path parameter past its length, a URL that is
 * not a valid component): the same body as every other 4xx. Pass to Fastify's options.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (err, req, reply) => {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(reply, req, 414, new DomainError('URL_TOO_LONG', {}));
  return send(reply, req, 400, new DomainError('BAD_URL', {}));
};

/**
 * Errors Node's HTTP parser meets before Fastify has a request (headers or URL past the size limit,
 * a malformed request, a client too slow): answered on the socket in the same body, in both
 * languages since no header could be read.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, code] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST_TIMEOUT'] : [400, 'BAD_REQUEST'];
  const body = JSON.stringify({ code, message: `${messageFor(code, 'zh-CN', {})} ${messageFor(code, 'en', {})}` });
  const reason = { 431: 'Request Header Fields Too Large', 408: 'Request Timeout', 400: 'Bad Request' }[status];
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}
