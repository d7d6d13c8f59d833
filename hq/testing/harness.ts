/**
 * The real HQ, in-process, for tests and benchmarks: migrated, listening on an ephemeral port,
 * on embedded PGlite (in memory) or on a PostgreSQL database. Time and randomness are injected.
 */
import type { FastifyInstance } from 'fastify';
import type { RandomBytes } from '../../shared/domain/ids';
import type { EnrollResponse } from '../../shared/sync/protocol';
import { buildHqApp } from '../app';
import { issueEnrollmentCode } from '../centers';
import type { HqContext } from '../context';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { Db } from '../db/types';
import { sha256 } from '../secrets';
import { nodeRandom } from '../server';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestHq {
  readonly app: FastifyInstance;
  readonly ctx: HqContext;
  readonly db: Db;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly clock: { now: number };
  issueCode(center: string, name?: string): Promise<string>;
  enroll(center: string, deviceName?: string, installationId?: string): Promise<EnrollResponse>;
  close(): Promise<void>;
}

export type DbFactory = () => Promise<Db>;

export const pgliteInMemory: DbFactory = () => openPglite(undefined);
export const postgresAt =
  (createDatabase: () => Promise<string>, max = 10): DbFactory =>
  async () =>
    openPostgres(await createDatabase(), { max });

export async function startTestHq(
  openDb: DbFactory,
  options: {
    readonly bodyLimit?: number;
    readonly random?: RandomBytes;
    readonly start?: number;
  } = {},
): Promise<TestHq> {
  const db = await openDb();
  const clock = { now: options.start ?? Date.UTC(2025, 6, 1, 9, 0, 0) };
  const ctx: HqContext = { db, clock: () => clock.now, random: options.random ?? nodeRandom };
  await migrate(db, clock.now);
  const app = buildHqApp({
    ctx,
    logger: false,
    adminTokenHash: () => sha256(TEST_ADMIN_TOKEN),
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const hq: TestHq = {
    app,
    ctx,
    db,
    url,
    clock,
    issueCode: async (center, name = `Center ${center}`) =>
      (await issueEnrollmentCode(ctx, { center, name })).code,
    enroll: async (center, deviceName = 'Counter 1', installationId) => {
      const code = await hq.issueCode(center);
      const res = await fetch(`${url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code,
          deviceName,
          ...(installationId === undefined ? {} : { installationId }),
        }),
      });
      if (!res.ok) throw new Error(`enroll: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as EnrollResponse;
    },
    close: async () => {
      await app.close();
      await db.close();
    },
  };
  return hq;
}
