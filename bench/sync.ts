/**
 * Sync throughput against the real HQ, in-process:
 *
 * (a) a counter's backlog of 10,000 outbox entries drains to HQ on embedded PGlite through the
 *     real engine, HTTP transport and push handler, beside a raw batched INSERT of the same rows
 *     (the mutation log and the current-state rows HQ ends up with) into the same database in the
 *     same run: the price of the protocol, validation and business rules over the bare writes;
 * (b) 50 counters pushing at once against one HQ (PostgreSQL where a server is installed, else
 *     PGlite): pushes per second and latency percentiles. The load comes from plain protocol
 *     clients, so the figure is HQ's, not 50 IndexedDBs'.
 *
 * HQ and the load share this process and its cores; figures are reported, not enforced.
 */
import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { Db } from '../hq/db/types';
import { startPgCluster } from '../hq/testing/postgres';
import { backlog } from '../hq/testing/fixtures';
import { pgliteInMemory, postgresAt, startTestHq, type TestHq } from '../hq/testing/harness';
import { createCounterDb, type OutboxEntry } from '../renderer/data/db';
import { createSyncStore } from '../renderer/data/syncStore';
import { createSyncEngine } from '../renderer/sync/engine';
import { memoryVault } from '../renderer/sync/testing';
import { createHttpTransport, type FetchLike } from '../renderer/sync/transport';
import { createUuidV7Source } from '../shared/domain/ids';
import { MutationSchema } from '../shared/sync/mutations';
import type { PushMutation, PushResponse } from '../shared/sync/protocol';
import { median, percentile, type BenchResult } from './stats';

const BACKLOG = Number(process.env['BENCH_SYNC_BACKLOG'] ?? 10_000);
const DEVICES = Number(process.env['BENCH_SYNC_DEVICES'] ?? 50);
const ROUNDS_PER_DEVICE = Number(process.env['BENCH_SYNC_ROUNDS'] ?? 10);
const MUTATIONS_PER_PUSH = 20;
const TECH = '01970000-0000-7000-8000-000000000001';
const BATCH = 200;

const ms = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------
// (a) A backlog drains

/** The rows a push of `mutations` writes, as HQ's tables hold them. */
function rowsOf(deviceId: string, center: string, mutations: readonly PushMutation[]) {
  const log: object[] = [];
  const customers: object[] = [];
  const watches: object[] = [];
  const tickets = new Map<string, Record<string, unknown>>();
  const events: object[] = [];
  for (const raw of mutations) {
    const m = MutationSchema.parse({ name: raw.name, args: raw.args });
    log.push({
      device_id: deviceId,
      mutation_id: raw.mutationId,
      name: raw.name,
      args: raw.args,
      client_at: raw.at,
      status: 'applied',
      digest: createHash('sha256')
        .update(`${raw.name}\n${JSON.stringify(raw.args)}`)
        .digest('hex'),
    });
    const evs = m.name === 'createTicket' ? m.args.events : 'event' in m.args ? [m.args.event] : [];
    if (m.name === 'createTicket') {
      const { customer, device: w, ticket: t } = m.args;
      if (customer.kind === 'new') {
        const c = customer.customer;
        customers.push({
          id: c.id,
          center_code: center,
          name: c.name,
          phone: c.phone,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        });
      }
      watches.push({
        id: w.id,
        center_code: center,
        brand: w.brand,
        serial: w.serial,
        model: w.model,
        invoice_number: w.invoiceNumber,
        invoice_date: w.invoiceDate,
        activation_date: w.activationDate,
        purchase_channel: w.purchaseChannel,
        purchase_country: w.purchaseCountry,
        created_at: w.createdAt,
        updated_at: w.updatedAt,
      });
      tickets.set(t.id, {
        id: t.id,
        center_code: center,
        device_id: deviceId,
        number: t.number,
        customer_id: t.customerId,
        watch_id: t.deviceId,
        serial: t.serial,
        brand: t.brand,
        status: t.status,
        visit_date: t.visitDate,
        component: t.component,
        findings: t.findings,
        decision: t.decision,
        quote: t.quote,
        received_by: t.receivedBy,
        complaint: t.complaint,
        accessories: t.accessories,
        created_at: t.createdAt,
        updated_at: t.updatedAt,
      });
    }
    for (const e of evs) {
      events.push({
        id: e.id,
        ticket_id: e.ticketId,
        kind: e.kind,
        at: e.at,
        technician_id: e.technicianId,
        body: e,
        device_id: deviceId,
        mutation_id: raw.mutationId,
      });
      const t = tickets.get(e.ticketId);
      if (t !== undefined && e.kind === 'status') t['status'] = e.to;
    }
  }
  return { log, customers, watches, tickets: [...tickets.values()], events };
}

/** Batched multi-row INSERTs of the same rows, 200 mutations' worth per transaction. */
async function rawInsert(
  db: Db,
  deviceId: string,
  center: string,
  mutations: readonly PushMutation[],
): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < mutations.length; i += BATCH) {
    const r = rowsOf(deviceId, center, mutations.slice(i, i + BATCH));
    await db.transaction(async (tx) => {
      const insert = async (sql: string, rows: readonly object[]) => {
        if (rows.length > 0) await tx.query(sql, [JSON.stringify(rows)]);
      };
      await insert(
        `INSERT INTO customers SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, name text, phone text, created_at bigint, updated_at bigint)`,
        r.customers,
      );
      await insert(
        `INSERT INTO watches SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, brand text, serial text, model text, invoice_number text, invoice_date text, activation_date text, purchase_channel text, purchase_country text, created_at bigint, updated_at bigint)`,
        r.watches,
      );
      await insert(
        `INSERT INTO tickets SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, center_code text, device_id text, number text, customer_id text, watch_id text, serial text, brand text, status text, visit_date text, component text, findings jsonb, decision jsonb, quote jsonb, received_by text, complaint text, accessories jsonb, created_at bigint, updated_at bigint)`,
        r.tickets,
      );
      await insert(
        `INSERT INTO ticket_events SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, ticket_id text, kind text, at bigint, technician_id text, body jsonb, device_id text, mutation_id bigint)`,
        r.events,
      );
      await insert(
        `INSERT INTO mutation_log (device_id, mutation_id, name, args, client_at, received_at, status, digest) SELECT device_id, mutation_id, name, args, client_at, 0, status, digest FROM jsonb_to_recordset($1::jsonb) AS r(device_id text, mutation_id bigint, name text, args jsonb, client_at bigint, status text, digest text)`,
        r.log,
      );
    });
  }
  return performance.now() - t0;
}

async function drainBench(): Promise<Record<string, number | string>> {
  const hq = await startTestHq(pgliteInMemory);
  try {
    // The counter: its own IndexedDB holding a backlog of BACKLOG entries.
    let t = Date.UTC(2025, 6, 1);
    const db = createCounterDb('bench-sync', {
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      ids: createUuidV7Source(
        () => (t += 1),
        (n) => crypto.getRandomValues(new Uint8Array(n)),
      ),
    });
    await db.open();
    const entries = backlog(BACKLOG, 'BNCH1', 1, TECH).map((m): OutboxEntry => ({
      ...MutationSchema.parse({ name: m.name, args: m.args }),
      mutationId: m.mutationId,
      at: m.at,
    }));
    await db.outbox.bulkAdd(entries);
    const sync = await db.settings.get('sync');
    if (sync?.key !== 'sync') throw new Error('no sync state');
    await db.settings.put({ key: 'sync', value: { ...sync.value, nextMutationId: BACKLOG + 1 } });

    let pushMs = 0;
    let pushes = 0;
    const timed: FetchLike = async (url, init) => {
      const t0 = performance.now();
      const res = await fetch(url, init);
      const body = await res.arrayBuffer();
      if (url.endsWith('/v1/sync/push')) {
        pushMs += performance.now() - t0;
        pushes += 1;
      }
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const store = createSyncStore(db);
    const vault = memoryVault();
    const engine = createSyncEngine({
      transport: createHttpTransport({
        fetch: timed,
        tokens: vault,
        baseUrl: async () => (await store.readMeta()).hqUrl,
        timeoutMs: 120_000,
      }),
      store,
      tokens: vault,
    });
    const enrolled = await engine.enroll(hq.url, await hq.issueCode('BNCH1'), 'bench');
    if (!enrolled.ok) throw new Error(enrolled.error);

    const t0 = performance.now();
    const outcome = await engine.syncNow();
    const drainMs = performance.now() - t0;
    if (!outcome.ok || outcome.pushed !== BACKLOG || outcome.rejected !== 0) {
      throw new Error(`the backlog did not drain: ${JSON.stringify(outcome)}`);
    }
    if ((await store.countOutbox()) !== 0) throw new Error('entries left in the outbox');

    // The same rows, raw, into the same database (another center, so nothing collides).
    const raw = await hq.enroll('BNCH2', 'raw');
    const rawMs = await rawInsert(hq.db, raw.deviceId, 'BNCH2', backlog(BACKLOG, 'BNCH2', 2, TECH));
    const [counts] = await hq.db.query(
      `SELECT (SELECT count(*)::int FROM mutation_log) AS log, (SELECT count(*)::int FROM ticket_events) AS events`,
    );
    return {
      'drain: backlog (mutations)': BACKLOG,
      'drain: pushes (batches of 200)': pushes,
      'drain: total ms (PGlite)': ms(drainMs),
      'drain: mutations/s': Math.round(BACKLOG / (drainMs / 1000)),
      'drain: in HTTP round trips to HQ ms': ms(pushMs),
      'drain: in the counter (IndexedDB, JSON) ms': ms(drainMs - pushMs),
      'raw batched INSERT of the same rows ms': ms(rawMs),
      'drain / raw (goal ≤ 3)': Math.round((drainMs / rawMs) * 100) / 100,
      'HQ round trips / raw': Math.round((pushMs / rawMs) * 100) / 100,
      'rows check: mutation_log': Number(counts?.['log']),
    };
  } finally {
    await hq.close();
  }
}

// ---------------------------------------------------------------------------------------------
// (b) 50 counters at once

async function concurrentBench(): Promise<Record<string, number | string>> {
  const pg = await startPgCluster();
  const database = pg.ok ? `PostgreSQL ${pg.version}` : `PGlite (${pg.reason})`;
  let hq: TestHq | null = null;
  try {
    hq = await startTestHq(
      pg.ok ? postgresAt(() => pg.cluster.createDatabase(), 20) : pgliteInMemory,
    );
    const h = hq;
    const devices = await Promise.all(
      Array.from({ length: DEVICES }, async (_, i) => {
        const center = `LD${String(i % 10).padStart(2, '0')}`;
        const e = await h.enroll(
          center,
          `Counter ${i}`,
          `01970000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        );
        return { e, work: backlog(ROUNDS_PER_DEVICE * MUTATIONS_PER_PUSH, center, 100 + i, TECH) };
      }),
    );
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      devices.map(async ({ e, work }) => {
        const headers = { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' };
        let cursor = 0;
        for (let r = 0; r < ROUNDS_PER_DEVICE; r++) {
          const mutations = work.slice(r * MUTATIONS_PER_PUSH, (r + 1) * MUTATIONS_PER_PUSH);
          const s = performance.now();
          const res = await fetch(`${h.url}/v1/sync/push`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ mutations }),
          });
          const body = (await res.json()) as PushResponse;
          latencies.push(performance.now() - s);
          if (res.status !== 200 || body.results.some((x) => x.status !== 'applied')) {
            throw new Error(`push failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
          }
          const pull = await fetch(`${h.url}/v1/sync/pull?after=${cursor}`, { headers });
          cursor = ((await pull.json()) as { cursor: number }).cursor;
        }
      }),
    );
    const wallMs = performance.now() - t0;
    const pushes = DEVICES * ROUNDS_PER_DEVICE;
    return {
      'concurrent: database': database,
      'concurrent: counters': DEVICES,
      'concurrent: pushes (each 20 mutations, then a pull)': pushes,
      'concurrent: wall ms': ms(wallMs),
      'concurrent: pushes/s': Math.round(pushes / (wallMs / 1000)),
      'concurrent: mutations/s': Math.round((pushes * MUTATIONS_PER_PUSH) / (wallMs / 1000)),
      'concurrent: push latency p50 ms': ms(median(latencies)),
      'concurrent: push latency p99 ms': ms(percentile(latencies, 99)),
    };
  } finally {
    await hq?.close();
    if (pg.ok) pg.cluster.stop();
  }
}

export async function runSyncBench(): Promise<BenchResult> {
  const drain = await drainBench();
  const concurrent = await concurrentBench();
  const ratio = Number(drain['drain / raw (goal ≤ 3)']);
  return {
    name: 'sync',
    figures: { ...drain, ...concurrent },
    goals: [
      {
        what: `a ${BACKLOG.toLocaleString('en')}-entry backlog drains within 3x of a raw batched INSERT of the same rows (${ratio}x)`,
        met: ratio <= 3,
      },
    ],
  };
}
