import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { z } from 'zod';
import type { RandomBytes } from '../shared/domain/ids';
import { ensureAdminToken } from './adminToken';
import { buildHqApp } from './app';
import { runCommand } from './cli';
import type { HqConfig } from './config';
import type { HqContext } from './context';
import { migrate } from './db/migrate';
import { openHqDb } from './db/open';
import type { Db } from './db/types';
import { acquireDataLock, type HeldLock } from './lock';
import { newToken, sameHash, sha256 } from './secrets';

export const nodeRandom: RandomBytes = (n) => new Uint8Array(randomBytes(n));

/** Opens HQ's database (taking HQ_DATA's lock for PGlite) and brings its schema up to date. */
export async function openMigrated(
  config: Pick<HqConfig, 'databaseUrl' | 'dataDir'>,
  clock: () => number,
): Promise<{ readonly db: Db; readonly lock: HeldLock | null }> {
  let lock: HeldLock | null = null;
  if (config.databaseUrl === null) {
    const taken = acquireDataLock(config.dataDir);
    if (!taken.ok) {
      throw new Error(
        `${config.dataDir} is in use by HQ process ${taken.heldBy.pid}${taken.heldBy.url === null ? '' : ` (${taken.heldBy.url})`}: stop it first`,
      );
    }
    lock = taken.lock;
  }
  try {
    const db = await openHqDb(config);
    await migrate(db, clock());
    return { db, lock };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

const ForwardedSchema = z.object({ argv: z.array(z.string()).max(20) });

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export interface RunningHq {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly ctx: HqContext;
  close(): Promise<void>;
}

export async function startHq(
  config: HqConfig,
  options: {
    readonly logger: FastifyServerOptions['logger'];
    readonly announceAdminToken: (token: string) => void;
  },
): Promise<RunningHq> {
  const clock = () => Date.now();
  const { db, lock } = await openMigrated(config, clock);
  try {
    const ctx: HqContext = { db, clock, random: nodeRandom };
    let adminHash: string | null = await ensureAdminToken(
      db,
      config.adminToken,
      nodeRandom,
      options.announceAdminToken,
    );
    const cliSecret = newToken(nodeRandom);
    const app = buildHqApp({
      ctx,
      logger: options.logger,
      bodyLimit: config.bodyLimit,
      adminTokenHash: () => adminHash,
      secureCookie: config.secureCookie,
      extend: (a) => {
        // `npm run hq -- COMMAND` while this server holds HQ_DATA: from this machine, with the
        // secret from the lock file (readable only by this user).
        a.post('/internal/cli', { bodyLimit: 64 * 1024 }, async (req, reply) => {
          const secret = req.headers['x-hq-cli-secret'];
          if (
            lock === null ||
            !isLoopback(req.ip) ||
            typeof secret !== 'string' ||
            !sameHash(sha256(secret), sha256(cliSecret))
          ) {
            return reply.status(404).send({ error: { code: 'not_found', message: 'Not here.' } });
          }
          const { argv } = ForwardedSchema.parse(req.body);
          return runCommand(ctx, argv, {
            onAdminTokenHash: (hash) => {
              if (config.adminToken === null) adminHash = hash;
            },
          });
        });
      },
    });
    const url = await app.listen({ port: config.port, host: config.host });
    lock?.update({ url, secret: cliSecret });
    return {
      app,
      url,
      ctx,
      close: async () => {
        await app.close();
        await db.close();
        lock?.release();
      },
    };
  } catch (e) {
    await db.close();
    lock?.release();
    throw e;
  }
}
