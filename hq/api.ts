import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  API_PATHS,
  EnrollRequestSchema,
  PullQuerySchema,
  PushRequestSchema,
} from '../shared/sync/protocol';
import { authenticate, enroll } from './centers';
import { readChanges } from './changes';
import type { HqContext } from './context';
import { HqError, parseOr400 } from './errors';
import { applyPush } from './push';
import { registryAnswer } from './registry';

/** The counters' API, /v1 (shared/sync/protocol.ts describes every message). */

export interface ApiOptions {
  /** The most a push body may weigh, in bytes (413 above it). */
  readonly bodyLimit: number;
}

function requireJson(req: FastifyRequest): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HqError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
}

export function registerApi(app: FastifyInstance, ctx: HqContext, opts: ApiOptions): void {
  // Counters run in a browser or the desktop app's own origin, and send a bearer token, never a
  // cookie: any origin may call, and no credentials ride along by themselves.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return undefined;
    void reply.header('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      return reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .status(204)
        .send();
    }
    return undefined;
  });

  app.post(API_PATHS.enroll, { bodyLimit: 16 * 1024 }, async (req) => {
    requireJson(req);
    return enroll(ctx, parseOr400(EnrollRequestSchema, req.body, 'The enrollment request'));
  });

  app.post(API_PATHS.push, { bodyLimit: opts.bodyLimit }, async (req) => {
    requireJson(req);
    const device = await authenticate(ctx.db, req.headers.authorization);
    const body = parseOr400(PushRequestSchema, req.body, 'The push request');
    return applyPush(ctx, device, body);
  });

  app.get(API_PATHS.pull, async (req) => {
    const device = await authenticate(ctx.db, req.headers.authorization);
    const { after, limit } = parseOr400(PullQuerySchema, req.query, 'The pull query');
    const page = await readChanges(ctx.db, device.centerCode, after, limit);
    const now = ctx.clock();
    await ctx.db.query('UPDATE devices SET last_pull_at = $2, last_seen_at = $2 WHERE id = $1', [
      device.id,
      now,
    ]);
    return page;
  });

  app.get<{ Params: { serial: string } }>('/v1/devices/:serial', async (req) => {
    await authenticate(ctx.db, req.headers.authorization);
    const answer = await registryAnswer(ctx.db, req.params.serial, ctx.clock());
    if (answer === null) {
      throw new HqError(
        404,
        'unknown_serial',
        'HQ knows nothing of this serial number: not in the registry, never repaired. Check it against the label; the decision stays provisional.',
      );
    }
    return answer;
  });
}
