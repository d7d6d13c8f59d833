import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/plainDate';
import type { TechnicianId, TicketId } from '../../shared/domain/ids';
import { cents } from '../../shared/domain/money';
import type { TicketStatus } from '../../shared/domain/ticket';
import {
  addNote,
  addTechnician,
  blobFromDataUrl,
  changeStatus,
  createTicket,
  recordDiagnosis,
  setQuote,
  updateSettings,
  type CommandDeps,
  type CommandResult,
  type CreateTicketInput,
  type CreatedTicket,
} from './commands';
import { readAppSettings, readSyncState, ticketCounterKey, type OutboxEntry } from './db';
import { storageProblem } from './storage';
import {
  CENTER,
  decision,
  image,
  intakeForm,
  plainDate,
  setupCounter,
  snapshot,
  type TestCounter,
} from './testkit';

const TODAY = plainDate('2025-07-01');
/** Outbox entries written by setupCounter: settings and two technicians. */
const SETUP_ENTRIES = 3;

const tech = (c: TestCounter): TechnicianId => c.techs[0] as TechnicianId;

function input(c: TestCounter, over: Partial<CreateTicketInput> = {}): CreateTicketInput {
  return {
    form: intakeForm(tech(c)),
    visitDate: TODAY,
    decision: decision(TODAY),
    ...over,
  };
}

function value<T>(r: CommandResult<T>): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function newTicket(c: TestCounter, over: Partial<CreateTicketInput> = {}) {
  return value(await createTicket(c.deps, input(c, over)));
}

async function outbox(c: TestCounter): Promise<OutboxEntry[]> {
  return c.db.outbox.orderBy('mutationId').toArray();
}

const SIGNATURE = `data:image/png;base64,${btoa('signature-bytes')}`;

describe('createTicket', () => {
  it('writes customer, device, ticket, events, photos and its outbox entry together', async () => {
    const c = await setupCounter();
    const r = await newTicket(c, { photos: [image(32), image(64)], signature: SIGNATURE });
    expect(r.number).toBe('BLR01-250701-001');
    expect(r.mutationId).toBe(SETUP_ENTRIES + 1);

    const ticket = await c.db.tickets.get(r.ticketId);
    expect(ticket).toMatchObject({
      number: 'BLR01-250701-001',
      center: 'BLR01',
      status: 'received',
      serial: 'XJ20240001ABCD',
      brand: 'xinji',
      visitDate: '2025-07-01',
      createdAt: c.time.clock(),
      receivedBy: tech(c),
      complaint: 'Screen stays black after charging.',
      accessories: ['charger'],
      decision: { policyId: 'xinji', covered: true, charge: 'free', provisional: false },
      quote: null,
    });
    const customer = await c.db.customers.get(r.customerId);
    expect(customer).toMatchObject({
      name: 'Priya Raman',
      phone: '+919876543210',
      nameWords: ['priya', 'raman'],
      phoneDigits: '919876543210',
      phoneSuffix: '012345678919',
    });
    expect(await c.db.devices.get(r.deviceId)).toMatchObject({
      serial: 'XJ20240001ABCD',
      invoiceNumber: 'INV-7781',
      invoiceDate: '2025-03-15',
      activationDate: null,
    });

    const events = await c.db.ticketEvents.where('ticketId').equals(r.ticketId).toArray();
    expect(events.map((e) => e.kind)).toEqual(['created', 'decision']);
    const first = events[1];
    expect(first?.kind === 'decision' && first.decision).toEqual(decision(TODAY));
    expect(first?.kind === 'decision' && first.facts).toEqual(r.facts);
    expect(first?.kind === 'decision' && first.visitDate).toBe(TODAY);

    const photos = await c.db.photos.where('ticketId').equals(r.ticketId).toArray();
    expect(photos.map((p) => [p.kind, p.size])).toEqual([
      ['intake', 32],
      ['intake', 64],
      ['signature', 'signature-bytes'.length],
    ]);
    expect(await photos[2]?.blob.text()).toBe('signature-bytes');

    const entries = await outbox(c);
    const entry = entries.at(-1);
    expect(entry?.name).toBe('createTicket');
    expect(entry?.mutationId).toBe(r.mutationId);
    expect(entry?.at).toBe(c.time.clock());
    if (entry?.name !== 'createTicket') throw new Error('entry');
    expect(entry.args.ticket.id).toBe(r.ticketId);
    expect(entry.args.customer).toMatchObject({ kind: 'new', customer: { id: r.customerId } });
    expect(entry.args.photos).toHaveLength(3);
    // Plain JSON for HQ: no Blobs, no search keys.
    expect(JSON.parse(JSON.stringify(entry.args))).toEqual(entry.args);
    expect(JSON.stringify(entry.args)).not.toContain('nameWords');
  });

  it('reuses an existing customer and upserts the device by brand and serial', async () => {
    const c = await setupCounter();
    const first = await newTicket(c);
    c.time.advance(60_000);
    const second = await newTicket(c, {
      form: intakeForm(tech(c), {
        customer: { kind: 'existing', id: first.customerId },
        model: 'Cobee C5 (black)',
        invoiceNumber: '',
        activationDate: '2025-03-16',
      }),
    });
    expect(second.customerId).toBe(first.customerId);
    expect(second.deviceId).toBe(first.deviceId);
    expect(await c.db.customers.count()).toBe(1);
    expect(await c.db.devices.count()).toBe(1);
    expect(await c.db.devices.get(first.deviceId)).toMatchObject({
      model: 'Cobee C5 (black)',
      // Left empty this time: what was known stays.
      invoiceNumber: 'INV-7781',
      activationDate: '2025-03-16',
    });
    const entries = await outbox(c);
    expect(entries.at(-1)).toMatchObject({
      args: { customer: { kind: 'existing', id: first.customerId } },
    });
  });

  it('writes nothing when the form is invalid, and says what to fix per field', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    const r = await createTicket(
      c.deps,
      input(c, {
        form: intakeForm(tech(c), {
          customer: { kind: 'new', name: '', phone: 'abc' },
          invoiceDate: '2025-07-02',
          serial: 'X1',
        }),
        photos: [new Blob(['x'], { type: 'text/plain' })],
        signature: 'data:nonsense',
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.error.errors.map((e) => e.field)).toEqual([
      'customer.name',
      'customer.phone',
      'serial',
      'invoiceDate',
      'photos[0]',
      'signature',
    ]);
    expect(await snapshot(c.db)).toEqual(before);
  });

  it('refuses a decision made for another visit, part or policy', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    const r = await createTicket(
      c.deps,
      input(c, {
        decision: decision(addDays(TODAY, -1), { component: 'battery', policyId: 'kospet' }),
      }),
    );
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors.map((e) => e.message)).toEqual([
      'The warranty decision was made for 2025-06-30, not for the visit on 2025-07-01: check the warranty again.',
      'The warranty decision was made for another part of the watch: check the warranty again.',
      'The warranty decision was made with the "kospet" policy, but XINJI watches use "xinji": check the warranty again.',
    ]);
    expect(await snapshot(c.db)).toEqual(before);
  });

  it('refuses an unknown technician and a customer who is not there', async () => {
    const c = await setupCounter();
    const r = await createTicket(
      c.deps,
      input(c, {
        form: intakeForm('0197c2a0-0000-7000-8000-00000000dead', {
          customer: { kind: 'existing', id: '0197c2a0-0000-7000-8000-00000000beef' },
        }),
      }),
    );
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors.map((e) => e.field)).toEqual([
      'technicianId',
      'customer.id',
    ]);
  });

  it('asks to set up the center before the first ticket', async () => {
    const c = await setupCounter();
    await c.db.settings.put({
      key: 'app',
      value: { ...(await readAppSettings(c.db)), center: null },
    });
    const r = await createTicket(c.deps, input(c));
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors[0]?.field).toBe('center');
  });
});

describe('ticket numbers', () => {
  it('count up per center per day, restart each day, and grow past 999', async () => {
    const c = await setupCounter();
    const day1 = [await newTicket(c), await newTicket(c), await newTicket(c)];
    expect(day1.map((t) => t.number)).toEqual([
      'BLR01-250701-001',
      'BLR01-250701-002',
      'BLR01-250701-003',
    ]);
    const day2 = plainDate('2025-07-02');
    const next = await newTicket(c, { visitDate: day2, decision: decision(day2) });
    expect(next.number).toBe('BLR01-250702-001');

    await c.db.settings.put({
      key: ticketCounterKey(CENTER.code as never, day2),
      value: { last: 999 },
    });
    const busy = await newTicket(c, { visitDate: day2, decision: decision(day2) });
    expect(busy.number).toBe('BLR01-250702-1000');
  });

  it('keeps two centers’ sequences apart', async () => {
    const c = await setupCounter();
    expect((await newTicket(c)).number).toBe('BLR01-250701-001');
    value(await updateSettings(c.deps, { center: { ...CENTER, code: 'del02' } }));
    expect((await newTicket(c)).number).toBe('DEL02-250701-001');
    expect((await newTicket(c)).number).toBe('DEL02-250701-002');
    value(await updateSettings(c.deps, { center: CENTER }));
    expect((await newTicket(c)).number).toBe('BLR01-250701-002');
  });

  it('two centers on their own counters number independently', async () => {
    const a = await setupCounter();
    const b = await setupCounter({ center: { ...CENTER, code: 'HYD03' }, seed: 7 });
    expect((await newTicket(a)).number).toBe('BLR01-250701-001');
    expect((await newTicket(b)).number).toBe('HYD03-250701-001');
    expect((await newTicket(a)).number).toBe('BLR01-250701-002');
  });

  it('skips a number that is already taken', async () => {
    const c = await setupCounter();
    const first = await newTicket(c);
    // A restored backup can hold a ticket the day's counter does not know of.
    await c.db.settings.delete(ticketCounterKey(CENTER.code as never, TODAY));
    expect(first.number).toBe('BLR01-250701-001');
    expect((await newTicket(c)).number).toBe('BLR01-250701-002');
  });
});

describe('changeStatus', () => {
  it('moves along the table, attributed and timed, with its outbox entry', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    c.time.advance(5 * 60_000);
    const meera = c.techs[1] as TechnicianId;
    const r = value(
      await changeStatus(c.deps, { ticketId: t.ticketId, to: 'diagnosing', technicianId: meera }),
    );
    expect(r).toEqual({ mutationId: t.mutationId + 1, from: 'received' });
    expect(await c.db.tickets.get(t.ticketId)).toMatchObject({
      status: 'diagnosing',
      updatedAt: c.time.clock(),
    });
    const events = await c.db.ticketEvents.where('ticketId').equals(t.ticketId).toArray();
    expect(events.at(-1)).toMatchObject({
      kind: 'status',
      from: 'received',
      to: 'diagnosing',
      technicianId: meera,
      at: c.time.clock(),
    });
    expect((await outbox(c)).at(-1)).toMatchObject({
      name: 'changeStatus',
      mutationId: r.mutationId,
      args: { event: { kind: 'status', to: 'diagnosing' } },
    });
  });

  it('refuses a move the table does not allow, and writes nothing', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    const before = await snapshot(c.db);
    const r = await changeStatus(c.deps, {
      ticketId: t.ticketId,
      to: 'collected',
      technicianId: tech(c),
    });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'invalid',
        errors: [
          {
            field: 'to',
            message:
              'A ticket that is "Received" cannot go to "Collected"; it can go to "Diagnosing", "No fault found / advice given", "Cancelled".',
          },
        ],
      },
    });
    const cancel = await changeStatus(c.deps, {
      ticketId: t.ticketId,
      to: 'cancelled',
      technicianId: tech(c),
    });
    expect(!cancel.ok && cancel.error.kind === 'invalid' && cancel.error.errors[0]?.field).toBe(
      'reason',
    );
    expect(await snapshot(c.db)).toEqual(before);
  });

  it('asks for approval only of paid work that has a quote', async () => {
    const c = await setupCounter();
    const paid = decision(TODAY, { covered: false, charge: 'paid' });
    const t = await newTicket(c, { decision: paid });
    value(
      await changeStatus(c.deps, { ticketId: t.ticketId, to: 'diagnosing', technicianId: tech(c) }),
    );
    const early = await changeStatus(c.deps, {
      ticketId: t.ticketId,
      to: 'awaiting_approval',
      technicianId: tech(c),
    });
    expect(!early.ok && early.error.kind === 'invalid' && early.error.errors[0]?.message).toBe(
      'Set the quote first: the customer approves a price.',
    );
    value(
      await setQuote(c.deps, {
        ticketId: t.ticketId,
        technicianId: tech(c),
        amount: cents(249900),
      }),
    );
    value(
      await changeStatus(c.deps, {
        ticketId: t.ticketId,
        to: 'awaiting_approval',
        technicianId: tech(c),
      }),
    );
  });
});

describe('addNote, setQuote, recordDiagnosis', () => {
  it('appends a note exactly as typed', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    const text = '  Customer says: <b>don’t</b> reset — 请保留数据 👍 ';
    const r = value(await addNote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), text }));
    const events = await c.db.ticketEvents.where('ticketId').equals(t.ticketId).toArray();
    expect(events.at(-1)).toMatchObject({ kind: 'note', text });
    expect((await outbox(c)).at(-1)).toMatchObject({ mutationId: r.mutationId, name: 'addNote' });
    const blank = await addNote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), text: ' ' });
    expect(!blank.ok && blank.error.kind === 'invalid' && blank.error.errors[0]?.field).toBe(
      'text',
    );
  });

  it('sets a quote in the center’s currency, and refuses a negative one', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    const r = value(
      await setQuote(c.deps, {
        ticketId: t.ticketId,
        technicianId: tech(c),
        amount: cents(149950),
      }),
    );
    expect(r.quote).toEqual({ amount: 149950, currency: 'INR' });
    expect((await c.db.tickets.get(t.ticketId))?.quote).toEqual({
      amount: 149950,
      currency: 'INR',
    });
    const neg = await setQuote(c.deps, {
      ticketId: t.ticketId,
      technicianId: tech(c),
      amount: cents(-1),
    });
    expect(!neg.ok && neg.error.kind === 'invalid' && neg.error.errors[0]?.field).toBe('amount');
    value(await setQuote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), amount: null }));
    expect((await c.db.tickets.get(t.ticketId))?.quote).toBeNull();
  });

  it('appends the diagnosis and its decision to the decision history', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    c.time.advance(3_600_000);
    const facts = { ...t.facts, findings: ['liquid_damage' as const] };
    const excluded = decision(TODAY, { covered: false, charge: 'paid', reasons: [] });
    const r = value(
      await recordDiagnosis(c.deps, {
        ticketId: t.ticketId,
        technicianId: tech(c),
        newFindings: ['liquid_damage'],
        summary: 'Corrosion under the battery connector.',
        facts,
        decision: excluded,
      }),
    );
    const events = await c.db.ticketEvents.where('ticketId').equals(t.ticketId).toArray();
    expect(events.map((e) => e.kind)).toEqual(['created', 'decision', 'diagnosis', 'decision']);
    const decisions = events.filter((e) => e.kind === 'decision');
    expect(decisions.map((e) => [e.cause, e.decision.covered])).toEqual([
      ['intake', true],
      ['diagnosis', false],
    ]);
    expect(await c.db.tickets.get(t.ticketId)).toMatchObject({
      findings: ['liquid_damage'],
      decision: { covered: false, charge: 'paid' },
    });
    expect((await outbox(c)).at(-1)).toMatchObject({
      mutationId: r.mutationId,
      name: 'recordDiagnosis',
    });

    // The decision must be for the visit and contain the new findings.
    const stale = await recordDiagnosis(c.deps, {
      ticketId: t.ticketId,
      technicianId: tech(c),
      newFindings: ['physical_damage'],
      summary: '',
      facts,
      decision: decision(addDays(TODAY, 3)),
    });
    expect(
      !stale.ok && stale.error.kind === 'invalid' && stale.error.errors.map((e) => e.field),
    ).toEqual(['decision', 'decision']);
  });
});

describe('settings and technicians', () => {
  it('validates the center and serial patterns, each error on its field', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    const r = await updateSettings(c.deps, {
      center: {
        name: ' ',
        code: 'B',
        address: '',
        phone: '12',
        country: 'India',
        currency: 'rupees',
      },
      defaultBrand: 'acme',
      serialPatterns: { kospet: { pattern: '(', description: 'x' } },
    });
    expect(!r.ok && r.error.kind === 'invalid' && r.error.errors.map((e) => e.field)).toEqual([
      'center.name',
      'center.code',
      'center.phone',
      'center.country',
      'center.currency',
      'defaultBrand',
      'serialPatterns.kospet',
    ]);
    expect(await snapshot(c.db)).toEqual(before);
  });

  it('stores serial patterns and policies that new tickets then use', async () => {
    const c = await setupCounter();
    value(
      await updateSettings(c.deps, {
        serialPatterns: { xinji: { pattern: 'XJ[0-9]{8}', description: 'XJ and 8 digits' } },
        policyPerBrand: { xinji: 'xinji-2026' },
        defaultBrand: 'kospet',
      }),
    );
    const s = await readAppSettings(c.db);
    expect(s.defaultBrand).toBe('kospet');
    const bad = await createTicket(c.deps, input(c));
    expect(!bad.ok && bad.error.kind === 'invalid' && bad.error.errors.map((e) => e.field)).toEqual(
      ['serial'],
    );
    const good = await createTicket(
      c.deps,
      input(c, {
        form: intakeForm(tech(c), { serial: 'xj12345678' }),
        decision: decision(TODAY, { policyId: 'xinji-2026' }),
      }),
    );
    expect(good.ok).toBe(true);
    value(await updateSettings(c.deps, { serialPatterns: { xinji: null } }));
    expect((await readAppSettings(c.db)).serialPatterns).toEqual({});
  });

  it('adds technicians once each', async () => {
    const c = await setupCounter();
    const dup = await addTechnician(c.deps, { name: ' arjun ' });
    expect(!dup.ok && dup.error.kind === 'invalid' && dup.error.errors[0]?.message).toContain(
      'already on the list',
    );
    const r = value(await addTechnician(c.deps, { name: 'Arjun K.' }));
    expect((await readAppSettings(c.db)).technicians.map((t) => t.name)).toEqual([
      'Arjun',
      'Meera',
      'Arjun K.',
    ]);
    expect((await outbox(c)).at(-1)).toMatchObject({
      mutationId: r.mutationId,
      name: 'addTechnician',
      args: { technician: { id: r.technician.id, name: 'Arjun K.' } },
    });
  });
});

describe('one transaction per command', () => {
  type Prepared = (c: TestCounter, t: CreatedTicket) => Promise<CommandResult<unknown>>;
  const commands: Record<string, Prepared> = {
    createTicket: (c) => createTicket(c.deps, input(c, { photos: [image()] })),
    changeStatus: (c, t) =>
      changeStatus(c.deps, { ticketId: t.ticketId, to: 'diagnosing', technicianId: tech(c) }),
    addNote: (c, t) =>
      addNote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), text: 'called' }),
    setQuote: (c, t) =>
      setQuote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), amount: cents(100) }),
    recordDiagnosis: (c, t) =>
      recordDiagnosis(c.deps, {
        ticketId: t.ticketId,
        technicianId: tech(c),
        newFindings: [],
        summary: 'No fault found.',
        facts: t.facts,
        decision: decision(TODAY),
      }),
    updateSettings: (c) => updateSettings(c.deps, { defaultBrand: 'coros' }),
    addTechnician: (c) => addTechnician(c.deps, { name: 'Kiran' }),
  };

  for (const [name, run] of Object.entries(commands)) {
    it(`${name}: writes its rows and outbox entry, or — when the outbox write fails — neither`, async () => {
      const c = await setupCounter();
      const t = await newTicket(c);
      const before = await snapshot(c.db);
      const { nextMutationId } = await readSyncState(c.db);

      // A row already holding the next mutation id makes the outbox write fail last of all.
      await c.db.outbox.add({
        name: 'addNote',
        args: {} as never,
        mutationId: nextMutationId,
        at: 0,
      });
      const failed = await run(c, t);
      expect(failed.ok).toBe(false);
      expect(!failed.ok && failed.error.kind).toBe('failed');
      expect(!failed.ok && failed.error.kind === 'failed' && failed.error.detail).toContain(
        'ConstraintError',
      );
      await c.db.outbox.delete(nextMutationId);
      expect(await snapshot(c.db)).toEqual(before);
      expect(c.storage.problem()).toBeNull();

      // Without the obstacle the same command writes, with the next id.
      const done = await run(c, t);
      expect(done.ok).toBe(true);
      const entries = await outbox(c);
      expect(entries.map((e) => e.mutationId)).toEqual(
        Array.from({ length: nextMutationId }, (_, i) => i + 1),
      );
      expect(entries.at(-1)?.name).toBe(name);
      expect(await snapshot(c.db)).not.toEqual(before);
    });
  }

  it('a failure in the middle (the event write) leaves neither the ticket nor the outbox entry', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    c.instrument.failNextWrite('ticketEvents', new Error('disk hiccup'));
    const r = await createTicket(c.deps, input(c, { photos: [image()] }));
    expect(r).toMatchObject({ ok: false, error: { kind: 'failed', detail: 'Error: disk hiccup' } });
    expect(await snapshot(c.db)).toEqual(before);
    // The day's counter rolled back too: the next ticket still gets 001.
    expect((await newTicket(c)).number).toBe('BLR01-250701-001');
  });
});

describe('mutation ids', () => {
  type Step =
    | { kind: 'create' }
    | { kind: 'note'; valid: boolean }
    | { kind: 'status'; to: TicketStatus }
    | { kind: 'quote'; amount: number }
    | { kind: 'technician'; name: string }
    | { kind: 'settings'; brand: string };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.constant<Step>({ kind: 'create' }),
    fc.boolean().map<Step>((valid) => ({ kind: 'note', valid })),
    fc
      .constantFrom<TicketStatus>('diagnosing', 'repairing', 'cancelled', 'collected')
      .map<Step>((to) => ({
        kind: 'status',
        to,
      })),
    fc.integer({ min: -5, max: 100_000 }).map<Step>((amount) => ({ kind: 'quote', amount })),
    fc
      .constantFrom('Arjun', 'Ravi', 'Sana', '')
      .map<Step>((name) => ({ kind: 'technician', name })),
    fc.constantFrom('coros', 'kospet', 'nope').map<Step>((brand) => ({ kind: 'settings', brand })),
  );

  async function apply(c: TestCounter, deps: CommandDeps, tickets: TicketId[], s: Step) {
    const last = tickets.at(-1);
    switch (s.kind) {
      case 'create': {
        const r = await createTicket(deps, input(c));
        if (r.ok) tickets.push(r.value.ticketId);
        return r;
      }
      case 'note':
        return last === undefined
          ? null
          : addNote(deps, { ticketId: last, technicianId: tech(c), text: s.valid ? 'ok' : ' ' });
      case 'status':
        return last === undefined
          ? null
          : changeStatus(deps, {
              ticketId: last,
              to: s.to,
              technicianId: tech(c),
              reason: 'customer asked',
            });
      case 'quote':
        return last === undefined
          ? null
          : setQuote(deps, { ticketId: last, technicianId: tech(c), amount: cents(s.amount) });
      case 'technician':
        return addTechnician(deps, { name: s.name });
      case 'settings':
        return updateSettings(deps, { defaultBrand: s.brand });
    }
  }

  it('any sequence of commands, valid or not, yields outbox ids 1..n with no gaps, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const c = await setupCounter();
        const tickets: TicketId[] = [];
        let written = SETUP_ENTRIES;
        for (const s of steps) {
          c.time.advance(1000);
          const r = await apply(c, c.deps, tickets, s);
          if (r?.ok === true) written += 1;
        }
        const entries = await outbox(c);
        expect(entries.map((e) => e.mutationId)).toEqual(
          Array.from({ length: written }, (_, i) => i + 1),
        );
        // Taken in the order the actions happened.
        const times = entries.map((e) => e.at);
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        expect((await readSyncState(c.db)).nextMutationId).toBe(written + 1);
        c.db.close();
      }),
      { numRuns: 25 },
    );
  });
});

describe('blocked storage', () => {
  it('a known storage problem blocks every command before it writes', async () => {
    const c = await setupCounter();
    const t = await newTicket(c);
    const before = await snapshot(c.db);
    const problem = storageProblem('quota_exceeded', 'test');
    c.storage.block(problem);
    const results = await Promise.all([
      createTicket(c.deps, input(c)),
      changeStatus(c.deps, { ticketId: t.ticketId, to: 'diagnosing', technicianId: tech(c) }),
      addNote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), text: 'x' }),
      setQuote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), amount: cents(1) }),
      updateSettings(c.deps, { defaultBrand: 'coros' }),
      addTechnician(c.deps, { name: 'Kiran' }),
    ]);
    for (const r of results) expect(r).toEqual({ ok: false, error: { kind: 'storage', problem } });
    expect(await snapshot(c.db)).toEqual(before);
    c.storage.clear();
    expect(
      (await addNote(c.deps, { ticketId: t.ticketId, technicianId: tech(c), text: 'x' })).ok,
    ).toBe(true);
  });

  it('a full disk during a write is reported, blocks later writes and drops nothing silently', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    const seen: unknown[] = [];
    c.storage.subscribe((p) => seen.push(p?.kind));
    c.instrument.failNextWrite(
      'tickets',
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const r = await createTicket(c.deps, input(c));
    expect(r).toMatchObject({
      ok: false,
      error: { kind: 'storage', problem: { kind: 'quota_exceeded' } },
    });
    expect(!r.ok && r.error.kind === 'storage' && r.error.problem.message).toContain(
      'no room left',
    );
    expect(c.storage.problem()?.kind).toBe('quota_exceeded');
    expect(seen).toEqual(['quota_exceeded']);
    expect(await snapshot(c.db)).toEqual(before);
    // The next action is refused up front, with the same explanation.
    const next = await addTechnician(c.deps, { name: 'Kiran' });
    expect(next).toMatchObject({
      ok: false,
      error: { kind: 'storage', problem: { kind: 'quota_exceeded' } },
    });
  });
});

describe('blobFromDataUrl', () => {
  it('decodes base64 data URLs and rejects anything else', async () => {
    const b = blobFromDataUrl(SIGNATURE);
    expect(b?.type).toBe('image/png');
    expect(await b?.text()).toBe('signature-bytes');
    expect(blobFromDataUrl('data:image/png,plain')).toBeNull();
    expect(blobFromDataUrl('https://example.com/x.png')).toBeNull();
  });
});
