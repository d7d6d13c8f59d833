import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPolicyFiles } from '../policies';
import type { EventId, IdSource, TechnicianId } from '../shared/domain/ids';
import type { TicketStatus } from '../shared/domain/ticket';
import type { MutationOf } from '../shared/sync/mutations';
import type { TroubleshootingOutcome } from '../shared/sync/records';
import type {
  ErrorBody,
  PullResponse,
  PushMutation,
  PushResponse,
  RegistryAnswer,
} from '../shared/sync/protocol';
import { publishCatalog, publishPolicy, markPartReceived } from './publish';
import { importRegistry, parseRegistryCsv } from './registry';
import { testDrivers } from './testing/drivers';
import {
  createTicketMutation,
  fixtureIds,
  noteMutation,
  numbered,
  partsCatalog,
  statusMutation,
  type TicketFixture,
} from './testing/fixtures';
import { startTestHq, type TestHq } from './testing/harness';

const drivers = await testDrivers('hq/api.test.ts');
afterAll(() => {
  drivers.stop();
});

const TECH = '01970000-0000-7000-8000-000000000001';
const AT = Date.UTC(2025, 6, 1, 9);

interface Client {
  readonly token: string;
  readonly deviceId: string;
  push(mutations: readonly PushMutation[]): Promise<PushResponse>;
  pull(after: number, limit?: number): Promise<PullResponse>;
  get(path: string): Promise<Response>;
}

function client(hq: TestHq, token: string, deviceId: string): Client {
  const auth = { authorization: `Bearer ${token}` };
  return {
    token,
    deviceId,
    push: async (mutations) => {
      const res = await fetch(`${hq.url}/v1/sync/push`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ mutations }),
      });
      if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
      return (await res.json()) as PushResponse;
    },
    pull: async (after, limit) => {
      const res = await fetch(
        `${hq.url}/v1/sync/pull?after=${after}${limit === undefined ? '' : `&limit=${limit}`}`,
        { headers: auth },
      );
      if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
      return (await res.json()) as PullResponse;
    },
    get: (path) => fetch(`${hq.url}${path}`, { headers: auth }),
  };
}

async function count(hq: TestHq, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await hq.db.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
  return Number(row?.['n']);
}

const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

/** The ticket opened as `status`, with a support step tried at the counter and its outcome. */
function withTroubleshooting(
  t: TicketFixture,
  ids: IdSource,
  outcome: TroubleshootingOutcome,
  status: TicketStatus,
): MutationOf<'createTicket'> {
  const a = t.mutation.args;
  return {
    name: 'createTicket',
    args: {
      ...a,
      ticket: { ...a.ticket, status },
      events: [
        ...a.events.map((e) => (e.kind === 'created' ? { ...e, status } : e)),
        {
          id: ids() as EventId,
          ticketId: t.ticketId,
          at: AT,
          technicianId: TECH as TechnicianId,
          kind: 'troubleshooting',
          kb: { brand: 'kospet', version: 1 },
          symptomId: 'pairing',
          symptomName: 'Watch will not pair with the phone',
          steps: [
            {
              index: 0,
              text: 'Reset the watch/band. Then delete and reinstall the compatible App.',
              tried: true,
              result: outcome === 'resolved' ? 'helped' : 'no_change',
            },
          ],
          outcome,
        },
      ],
    },
  };
}

describe.each(drivers.drivers)('HQ on $name', ({ openDb }) => {
  let hq: TestHq;
  let centerSeq = 0;
  /** A fresh center per test keeps tests apart in one database. */
  const newCenter = () => `T${String((centerSeq += 1)).padStart(3, '0')}`;
  const enrolled = async (center = newCenter(), installationId?: string) => {
    const e = await hq.enroll(center, 'Front desk', installationId);
    return { center, e, c: client(hq, e.token, e.deviceId) };
  };

  beforeAll(async () => {
    hq = await startTestHq(openDb, { bodyLimit: 256 * 1024 });
  });
  afterAll(async () => {
    await hq.close();
  });

  describe('enrollment and tokens', () => {
    it('spends a code once and gives a token', async () => {
      const code = await hq.issueCode('ENR01', 'Enroll Center');
      const body = JSON.stringify({ code: code.toLowerCase(), deviceName: 'Desk 1' });
      const post = () =>
        fetch(`${hq.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      const first = await post();
      expect(first.status).toBe(200);
      const e = (await first.json()) as {
        token: string;
        centerCode: string;
        lastMutationId: number;
      };
      expect(e.centerCode).toBe('ENR01');
      expect(e.lastMutationId).toBe(0);
      expect(e.token.length).toBeGreaterThanOrEqual(43);
      const second = await post();
      expect(second.status).toBe(403);
      expect((await errorOf(second)).code).toBe('enrollment_code_used');
      // Only hashes are stored.
      expect(await count(hq, 'SELECT 1 FROM devices WHERE token_hash = $1', [e.token])).toBe(0);
    });

    it('refuses an unknown or expired code', async () => {
      const post = (code: string) =>
        fetch(`${hq.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, deviceName: 'Desk' }),
        });
      expect((await errorOf(await post('AAAA-BBBB-CCCC'))).code).toBe('enrollment_code_invalid');
      const code = await hq.issueCode('ENR02', 'Expiring');
      hq.clock.now += 8 * 24 * 3600 * 1000;
      try {
        const res = await post(code);
        expect(res.status).toBe(403);
        expect((await errorOf(res)).code).toBe('enrollment_code_expired');
      } finally {
        hq.clock.now -= 8 * 24 * 3600 * 1000;
      }
    });

    it('answers 401 with a code for a missing, unknown or revoked token', async () => {
      const none = await fetch(`${hq.url}/v1/sync/pull?after=0`);
      expect(none.status).toBe(401);
      expect((await errorOf(none)).code).toBe('missing_token');
      const unknown = await fetch(`${hq.url}/v1/sync/pull?after=0`, {
        headers: { authorization: 'Bearer nope' },
      });
      expect((await errorOf(unknown)).code).toBe('invalid_token');
      const { c } = await enrolled();
      expect((await c.get('/v1/sync/pull?after=0')).status).toBe(200);
      const { revokeDevice } = await import('./centers');
      expect(await revokeDevice(hq.ctx, c.deviceId)).toBe(true);
      const revoked = await c.get('/v1/sync/pull?after=0');
      expect(revoked.status).toBe(401);
      expect((await errorOf(revoked)).code).toBe('revoked_token');
    });

    it('re-enrolling an installation keeps its device id and last applied mutation', async () => {
      const installationId = '01970000-0000-7000-8000-0000000000aa';
      const { center, c } = await enrolled(newCenter(), installationId);
      const ids = fixtureIds(11);
      const t = createTicketMutation({ ids, center, sequence: 1, technicianId: TECH, at: AT });
      expect((await c.push(numbered(1, [t.mutation], AT))).lastMutationId).toBe(1);
      const again = await hq.enroll(center, 'Front desk', installationId);
      expect(again.deviceId).toBe(c.deviceId);
      expect(again.lastMutationId).toBe(1);
      expect((await c.get('/v1/sync/pull?after=0')).status).toBe(401);
      const other = await fetch(`${hq.url}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code: await hq.issueCode(newCenter()),
          deviceName: 'x',
          installationId,
        }),
      });
      expect(other.status).toBe(409);
      expect((await errorOf(other)).code).toBe('installation_elsewhere');
    });
  });

  describe('push', () => {
    it('applies a batch once: the same batch again is acknowledged, nothing twice', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(1);
      const t = createTicketMutation({ ids, center, sequence: 1, technicianId: TECH, at: AT });
      const batch = numbered(
        1,
        [
          t.mutation,
          noteMutation({ ids, ticketId: t.ticketId, technicianId: TECH, at: AT + 1, text: 'hi' }),
          statusMutation({
            ids,
            ticketId: t.ticketId,
            from: 'received',
            to: 'diagnosing',
            technicianId: TECH,
            at: AT + 2,
          }),
        ],
        AT,
      );
      const first = await c.push(batch);
      expect(first.lastMutationId).toBe(3);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
      const again = await c.push(batch);
      expect(again.lastMutationId).toBe(3);
      expect(again.results.map((r) => r.status)).toEqual([
        'already_applied',
        'already_applied',
        'already_applied',
      ]);
      expect(await count(hq, 'SELECT 1 FROM tickets WHERE center_code = $1', [center])).toBe(1);
      expect(
        await count(hq, 'SELECT 1 FROM ticket_events WHERE ticket_id = $1', [t.ticketId]),
      ).toBe(4);
      expect(await count(hq, 'SELECT 1 FROM mutation_log WHERE device_id = $1', [c.deviceId])).toBe(
        3,
      );
      const [row] = await hq.db.query('SELECT status FROM tickets WHERE id = $1', [t.ticketId]);
      expect(row?.['status']).toBe('diagnosing');
    });

    it('stops at a gap and acknowledges only what came before it', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(2);
      const t = createTicketMutation({ ids, center, sequence: 1, technicianId: TECH, at: AT });
      const [a, b, cc, d, e] = ['a', 'b', 'c', 'd', 'e'].map((text) =>
        noteMutation({ ids, ticketId: t.ticketId, technicianId: TECH, at: AT, text }),
      );
      const all = numbered(
        1,
        [t.mutation, a, b, cc, d, e].filter((m) => m !== undefined),
        AT,
      );
      const r = await c.push([...all.slice(0, 2), ...all.slice(3, 5)]);
      expect(r.lastMutationId).toBe(2);
      expect(r.gap).toEqual({ expected: 3, received: 4 });
      expect(r.results.map((x) => x.mutationId)).toEqual([1, 2]);
      expect(await count(hq, 'SELECT 1 FROM mutation_log WHERE device_id = $1', [c.deviceId])).toBe(
        2,
      );
      // A first id past last + 1 applies nothing at all.
      const only = await c.push(all.slice(5, 6));
      expect(only.lastMutationId).toBe(2);
      expect(only.results).toEqual([]);
      // Filling the gap with an overlap: 2 is acknowledged again, 3 and 4 applied.
      const fill = await c.push(all.slice(1, 4));
      expect(fill.lastMutationId).toBe(4);
      expect(fill.results.map((x) => x.status)).toEqual(['already_applied', 'applied', 'applied']);
    });

    it('a number sent again with other contents is a reuse: nothing after it is applied', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(7);
      const note = (text: string) =>
        noteMutation({ ids, ticketId: t.ticketId, technicianId: TECH, at: AT, text });
      const t = createTicketMutation({ ids, center, sequence: 1, technicianId: TECH, at: AT });
      const first = numbered(1, [t.mutation, note('a')], AT);
      await c.push(first);
      const r = await c.push(numbered(2, [note('other'), note('b')], AT));
      expect(r.lastMutationId).toBe(2);
      expect(r.results.map((x) => [x.mutationId, x.status, x.error?.code])).toEqual([
        [2, 'rejected', 'id_reused'],
      ]);
      expect(await count(hq, 'SELECT 1 FROM mutation_log WHERE device_id = $1', [c.deviceId])).toBe(
        2,
      );
      // The same entry again is just acknowledged.
      expect((await c.push(first.slice(1))).results.map((x) => x.status)).toEqual([
        'already_applied',
      ]);
    });

    it('rejects what breaks a rule, records it, and moves on', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(3);
      const t = createTicketMutation({ ids, center, sequence: 1, technicianId: TECH, at: AT });
      const unknownTicket = statusMutation({
        ids,
        ticketId: fixtureIds(99)(),
        from: 'received',
        to: 'diagnosing',
        technicianId: TECH,
        at: AT,
      });
      const badTransition = statusMutation({
        ids,
        ticketId: t.ticketId,
        from: 'received',
        to: 'collected',
        technicianId: TECH,
        at: AT,
      });
      const batch = [
        ...numbered(1, [t.mutation, unknownTicket, badTransition], AT),
        { mutationId: 4, name: 'addNote', args: { event: { kind: 'note' } }, at: AT },
        { mutationId: 5, name: 'launchRocket', args: {}, at: AT },
        ...numbered(
          6,
          [noteMutation({ ids, ticketId: t.ticketId, technicianId: TECH, at: AT, text: 'ok' })],
          AT,
        ),
      ];
      const r = await c.push(batch);
      expect(r.lastMutationId).toBe(6);
      expect(r.results.map((x) => [x.status, x.error?.code])).toEqual([
        ['applied', undefined],
        ['rejected', 'unknown_ticket'],
        ['rejected', 'invalid_transition'],
        ['rejected', 'invalid_args'],
        ['rejected', 'unknown_mutation'],
        ['applied', undefined],
      ]);
      expect(
        await count(hq, 'SELECT 1 FROM rejected_mutations WHERE device_id = $1', [c.deviceId]),
      ).toBe(4);
      const [ticket] = await hq.db.query('SELECT status FROM tickets WHERE id = $1', [t.ticketId]);
      expect(ticket?.['status']).toBe('received');
      // A replay says "rejected" again, with the original reason: a lost response loses nothing.
      const replay = await c.push(batch.slice(1, 3));
      expect(replay.results.map((x) => [x.status, x.error?.code])).toEqual([
        ['rejected', 'unknown_ticket'],
        ['rejected', 'invalid_transition'],
      ]);
      const [dev] = await hq.db.query('SELECT rejected_count FROM devices WHERE id = $1', [
        c.deviceId,
      ]);
      expect(dev?.['rejected_count']).toBe(4);
    });

    it('takes a walk-in resolved at the counter as "No fault found", and only that way', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(12);
      const make = (sequence: number, outcome: TroubleshootingOutcome, status: TicketStatus) => {
        const t = createTicketMutation({ ids, center, sequence, technicianId: TECH, at: AT });
        return { ticketId: t.ticketId, mutation: withTroubleshooting(t, ids, outcome, status) };
      };
      const resolved = make(1, 'resolved', 'no_fault_found');
      const continued = make(2, 'continue', 'received');
      const closedThoughNotResolved = make(3, 'continue', 'no_fault_found');
      const openThoughResolved = make(4, 'resolved', 'received');
      const reopen = statusMutation({
        ids,
        ticketId: resolved.ticketId,
        from: 'no_fault_found',
        to: 'diagnosing',
        technicianId: TECH,
        at: AT + 1,
      });
      const r = await c.push(
        numbered(
          1,
          [
            resolved.mutation,
            continued.mutation,
            closedThoughNotResolved.mutation,
            openThoughResolved.mutation,
            reopen,
          ],
          AT,
        ),
      );
      expect(r.results.map((x) => [x.status, x.error?.code])).toEqual([
        ['applied', undefined],
        ['applied', undefined],
        ['rejected', 'invalid_transition'],
        ['rejected', 'invalid_transition'],
        ['rejected', 'invalid_transition'],
      ]);
      expect(r.results[2]?.error?.message).toContain('only when the steps tried at the counter');
      const rows = await hq.db.query('SELECT id, status FROM tickets WHERE center_code = $1', [
        center,
      ]);
      expect(new Map(rows.map((x) => [x['id'], x['status']]))).toEqual(
        new Map([
          [resolved.ticketId, 'no_fault_found'],
          [continued.ticketId, 'received'],
        ]),
      );
      const [event] = await hq.db.query(
        `SELECT body FROM ticket_events WHERE ticket_id = $1 AND kind = 'troubleshooting'`,
        [resolved.ticketId],
      );
      expect(event?.['body']).toMatchObject({
        outcome: 'resolved',
        symptomId: 'pairing',
        steps: [{ index: 0, tried: true, result: 'helped' }],
      });
    });

    it('a counter cannot touch another center’s ticket', async () => {
      const a = await enrolled();
      const b = await enrolled();
      const ids = fixtureIds(4);
      const t = createTicketMutation({
        ids,
        center: a.center,
        sequence: 1,
        technicianId: TECH,
        at: AT,
      });
      await a.c.push(numbered(1, [t.mutation], AT));
      const foreignStatus = statusMutation({
        ids,
        ticketId: t.ticketId,
        from: 'received',
        to: 'cancelled',
        technicianId: TECH,
        at: AT,
      });
      const foreignCreate = createTicketMutation({
        ids,
        center: a.center,
        sequence: 2,
        technicianId: TECH,
        at: AT,
      });
      const r = await b.c.push(numbered(1, [foreignStatus, foreignCreate.mutation], AT));
      expect(r.lastMutationId).toBe(2);
      expect(r.results.map((x) => x.error?.code)).toEqual(['wrong_center', 'wrong_center']);
      const [row] = await hq.db.query('SELECT status FROM tickets WHERE id = $1', [t.ticketId]);
      expect(row?.['status']).toBe('received');
      expect(await count(hq, 'SELECT 1 FROM tickets WHERE id = $1', [foreignCreate.ticketId])).toBe(
        0,
      );
    });

    it('two copies of one request at once apply it once', async () => {
      const { center, c } = await enrolled();
      const ids = fixtureIds(5);
      const muts = Array.from(
        { length: 20 },
        (_, i) =>
          createTicketMutation({ ids, center, sequence: i + 1, technicianId: TECH, at: AT })
            .mutation,
      );
      const batch = numbered(1, muts, AT);
      const [x, y] = await Promise.all([c.push(batch), c.push(batch)]);
      expect([x.lastMutationId, y.lastMutationId]).toEqual([20, 20]);
      const statuses = [...x.results, ...y.results].map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(20);
      expect(statuses.filter((s) => s === 'already_applied')).toHaveLength(20);
      expect(await count(hq, 'SELECT 1 FROM tickets WHERE center_code = $1', [center])).toBe(20);
    });

    it('answers a body over the limit with 413, bad JSON with 400, other types with 415', async () => {
      const { c } = await enrolled();
      const post = (body: string, type = 'application/json') =>
        fetch(`${hq.url}/v1/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${c.token}`, 'content-type': type },
          body,
        });
      const big = await post(JSON.stringify({ mutations: [], pad: 'x'.repeat(300 * 1024) }));
      expect(big.status).toBe(413);
      expect((await errorOf(big)).code).toBe('body_too_large');
      const broken = await post('{"mutations": [');
      expect(broken.status).toBe(400);
      expect((await errorOf(broken)).code).toBe('malformed_json');
      const text = await post('hello', 'text/plain');
      expect(text.status).toBe(415);
      expect((await errorOf(text)).code).toBe('unsupported_media_type');
      const shape = await post(JSON.stringify({ mutations: [{ mutationId: 'one' }] }));
      expect(shape.status).toBe(400);
      const e = await errorOf(shape);
      expect(e.code).toBe('bad_request');
      expect(e.message).toContain('mutations.0.mutationId');
    });
  });

  describe('pull and HQ-owned data', () => {
    it('hands out policies, catalogs, receipts and registry answers in HQ’s order, per center', async () => {
      const a = await enrolled();
      const b = await enrolled();
      const start = (await a.c.pull(0, 1000)).cursor;

      const xinji = bundledPolicyFiles.find((f) => f.file.includes('xinji'));
      if (xinji === undefined) throw new Error('no xinji policy');
      const doc = xinji.json as { version: number };
      const bad = await publishPolicy(hq.ctx, JSON.stringify({ ...doc, version: 'two' }));
      expect(bad.ok).toBe(false);
      const next = { ...doc, version: doc.version + 100 + centerSeq };
      expect((await publishPolicy(hq.ctx, JSON.stringify(next))).ok).toBe(true);
      const same = await publishPolicy(hq.ctx, JSON.stringify(next));
      expect(same.ok ? '' : same.error).toMatch(/already at version/);
      const catalog = await publishCatalog(hq.ctx, JSON.stringify(partsCatalog(100 + centerSeq)));
      expect(catalog.ok ? null : catalog.error).toBeNull();

      // A defective part of center A comes back to HQ.
      await hq.db.query(
        `INSERT INTO defective_parts (id, center_code, part_number, recorded_at)
         VALUES ($1, $2, 'XJ-C5-LCD', $3)`,
        [`part-${a.center}`, a.center, AT],
      );
      const received = await markPartReceived(hq.ctx, `part-${a.center}`, 'intact');
      expect(received.ok).toBe(true);
      expect((await markPartReceived(hq.ctx, `part-${a.center}`, '')).ok).toBe(false);

      const pageA = await a.c.pull(start, 1000);
      const pageB = await b.c.pull(start, 1000);
      expect(pageA.changes.map((x) => x.kind)).toEqual(['policy', 'catalog', 'partReturnReceipt']);
      expect(pageB.changes.map((x) => x.kind)).toEqual(['policy', 'catalog']);
      const seqs = pageA.changes.map((x) => x.seq);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      expect(pageA.cursor).toBe(seqs.at(-1));
      expect(pageA.hasMore).toBe(false);

      // Paged: one at a time, each page continues after the last.
      const one = await a.c.pull(start, 1);
      expect(one.changes).toHaveLength(1);
      expect(one.hasMore).toBe(true);
      const two = await a.c.pull(one.cursor, 1);
      expect(two.changes[0]?.seq).toBe(seqs[1]);
      // Nothing new: the cursor stays.
      const none = await a.c.pull(pageA.cursor);
      expect(none).toEqual({ changes: [], cursor: pageA.cursor, hasMore: false });
    });

    it('answers a serial from the registry with repairs at any center, and sends it down', async () => {
      const a = await enrolled();
      const b = await enrolled();
      const serial = `RG${a.center}0001`;
      const ids = fixtureIds(6);
      const t = createTicketMutation({
        ids,
        center: a.center,
        sequence: 1,
        serial,
        technicianId: TECH,
        at: AT,
      });
      await a.c.push(numbered(1, [t.mutation], AT));
      const cursorB = (await b.c.pull(0, 1000)).cursor;
      const cursorA = (await a.c.pull(0, 1000)).cursor;

      const unknown = await b.c.get('/v1/devices/NOSUCHSERIAL1');
      expect(unknown.status).toBe(404);
      expect((await errorOf(unknown)).code).toBe('unknown_serial');

      const csv = `serial,brand,model,activation_date,sold_date,sold_country,sold_channel
${serial.toLowerCase()},XINJI,"Cobee C5, black",2025-03-20,2025-03-15,in,authorized_dealer
`;
      const rows = parseRegistryCsv(csv);
      if (!rows.ok) throw new Error(JSON.stringify(rows.error));
      const outcome = await importRegistry(hq.ctx, rows.value);
      expect(outcome).toEqual({ imported: 1, changes: 1 });

      const res = await b.c.get(`/v1/devices/${serial}`);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as RegistryAnswer;
      expect(answer).toMatchObject({
        serial,
        registered: true,
        brand: 'xinji',
        model: 'Cobee C5, black',
        activationDate: '2025-03-20',
        sold: { date: '2025-03-15', country: 'IN', channel: 'authorized_dealer' },
        freeReplacementsGiven: 0,
      });
      expect(answer.repairs).toEqual([
        expect.objectContaining({ centerCode: a.center, ticketNumber: t.number, covered: true }),
      ]);
      // Center A has a ticket for the serial: the answer flows down to it, not to B.
      const pulledA = await a.c.pull(cursorA, 1000);
      expect(pulledA.changes.map((x) => x.kind)).toEqual(['registry']);
      expect((await b.c.pull(cursorB, 1000)).changes).toEqual([]);

      // A new ticket for a registered serial brings the registry answer with the next pull.
      const t2 = createTicketMutation({
        ids,
        center: a.center,
        sequence: 2,
        serial,
        technicianId: TECH,
        at: AT,
      });
      await a.c.push(numbered(2, [t2.mutation], AT));
      const after = await a.c.pull(pulledA.cursor, 1000);
      expect(after.changes).toHaveLength(1);
      expect(after.changes[0]).toMatchObject({ kind: 'registry', serial });
    });
  });

  describe('migrations', () => {
    it('are recorded and applied once', async () => {
      const { migrate } = await import('./db/migrate');
      expect(await migrate(hq.db, 0)).toEqual([]);
      const rows = await hq.db.query('SELECT version, name FROM schema_migrations');
      expect(rows).toEqual([
        { version: 1, name: 'initial' },
        { version: 2, name: 'parts_ledger' },
      ]);
    });

    it('refuse a migration edited after it was applied', async () => {
      const { migrate, readMigrations } = await import('./db/migrate');
      const edited = readMigrations().map((m) => ({ ...m, checksum: 'changed' }));
      await expect(migrate(hq.db, 0, edited)).rejects.toThrow(/changed after it was applied/);
    });
  });
});

describe('the registry CSV', () => {
  it('reports every bad row with its line and imports nothing', () => {
    const csv = [
      'serial,brand,model,activation_date,sold_date,sold_country,sold_channel',
      'XJ0001,xinji,C5,2025-03-20,2025-03-15,IN,authorized_dealer',
      'XJ0002,acme,C5,2025-02-30,,XX,street',
      '',
      'XJ0001,xinji,C5,,,,',
      '"XJ0003",xinji,"multi',
      'line model",,,,',
      'XJ0004,xinji,C5',
    ].join('\r\n');
    const r = parseRegistryCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => p.line)).toEqual([3, 5, 8]);
    expect(r.error[0]?.message).toMatch(
      /brand "acme".*activation_date "2025-02-30".*sold_country "XX".*sold_channel "street"/,
    );
    expect(r.error[1]?.message).toMatch(/already on line 2/);
    expect(r.error[2]?.message).toMatch(/3 fields, expected 7/);
  });

  it('wants the exact header', () => {
    const r = parseRegistryCsv('serial,brand\nX,xinji\n');
    expect(r.ok ? null : r.error[0]?.line).toBe(1);
  });
});
