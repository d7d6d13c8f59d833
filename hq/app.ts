import {
  fastify,
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { ErrorBody, HqErrorCode } from '../shared/sync/protocol';
import { registerAdmin } from './admin/routes';
import { registerApi } from './api';
import type { HqContext } from './context';
import { HqError } from './errors';

export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export interface HqAppOptions {
  readonly ctx: HqContext;
  /** Fastify's pino logger: JSON lines; false in tests. */
  readonly logger: FastifyServerOptions['logger'];
  /** Largest push body, in bytes. */
  readonly bodyLimit?: number;
  /** SHA-256 of the admin token (read per request: it can be rotated); null turns /admin off. */
  readonly adminTokenHash: () => string | null;
  readonly secureCookie?: boolean;
  /** Extra routes (the running server's forwarded CLI). */
  readonly extend?: (app: FastifyInstance) => void;
}

const errorBody = (code: HqErrorCode, message: string): ErrorBody => ({ error: { code, message } });

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

/** HQ's HTTP service: the counters' API under /v1, the admin pages under /admin. */
export function buildHqApp(opts: HqAppOptions): FastifyInstance {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = fastify({
    logger: opts.logger,
    bodyLimit,
    // A counter's push is one transaction; nothing useful takes longer than this.
    requestTimeout: 120_000,
  });
  // JSON or forms only: a text body to the API is a mistake, answered with 415.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((e: unknown, req, reply) => {
    if (e instanceof HqError) {
      return reply.status(e.status).send(errorBody(e.code, e.message));
    }
    if (isFastifyError(e)) {
      switch (e.code) {
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply
            .status(413)
            .send(
              errorBody(
                'body_too_large',
                `The request is larger than HQ accepts (${bodyLimit} bytes): send fewer changes at once.`,
              ),
            );
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return reply.status(400).send(errorBody('malformed_json', 'The body is not valid JSON.'));
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply
            .status(415)
            .send(errorBody('unsupported_media_type', 'Send the body as application/json.'));
        default:
          if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
            return reply.status(e.statusCode).send(errorBody('bad_request', e.message));
          }
      }
    }
    req.log.error({ err: e }, 'request failed');
    return reply
      .status(500)
      .send(
        errorBody('internal', 'HQ could not handle this request; it is logged. Try again later.'),
      );
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send(errorBody('not_found', `There is nothing at ${req.method} ${req.url}.`)),
  );

  registerApi(app, opts.ctx, { bodyLimit });
  registerAdmin(app, opts.ctx, {
    adminTokenHash: opts.adminTokenHash,
    secureCookie: opts.secureCookie ?? false,
  });
  opts.extend?.(app);
  return app;
}
