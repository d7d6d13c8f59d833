import { describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../../shared/dates/plainDate';
import type { TechnicianId, TicketId } from '../../shared/domain/ids';
import type { IntakeForm } from '../../shared/domain/intake';
import type { TicketStatus } from '../../shared/domain/ticket';
import { addNote, changeStatus, createTicket, recordDiagnosis } from './commands';
import type { TicketRow } from './db';
import {
  deviceHistory,
  findCustomers,
  getPhotoBlob,
  getTicket,
  searchTickets,
  type PageCursor,
  type TicketSearch,
} from './queries';
import { decision, image, intakeForm, plainDate, setupCounter, type TestCounter } from './testkit';

const TODAY = plainDate('2025-07-01');

interface Seeded {
  readonly c: TestCounter;
  readonly byName: Map<string, TicketId[]>;
  readonly all: TicketId[];
}

const PEOPLE = {
  priyaRaman: {
    name: 'Priya Raman',
    phone: '+91 98765 43210',
    serial: 'XJ20240001ABCD',
    brand: 'xinji',
  },
  jose: { name: 'José Ñúñez', phone: '+34 612 345 678', serial: 'KW77665544', brand: 'kospet' },
  rahul: { name: 'राहुल शर्मा', phone: '080 2345 6789', serial: 'CR12345678', brand: 'coros' },
  // An all-digit serial that is also the tail of Priya Raman's phone number.
  priyaSharma: {
    name: 'Priya Sharma',
    phone: '+91 99000 11122',
    serial: '9876543210',
    brand: 'kospet',
  },
} as const;

async function ticketFor(
  c: TestCounter,
  who: keyof typeof PEOPLE,
  over: Partial<IntakeForm> = {},
  visitDate: PlainDate = TODAY,
) {
  const p = PEOPLE[who];
  const existing = (await findCustomers(c.db, p.phone))[0];
  const r = await createTicket(c.deps, {
    form: intakeForm(c.techs[0], {
      customer: existing
        ? { kind: 'existing', id: existing.id }
        : { kind: 'new', name: p.name, phone: p.phone },
      serial: p.serial,
      brand: p.brand,
      ...over,
    }),
    visitDate,
    decision: decision(visitDate, { policyId: p.brand }),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Ten tickets a minute apart: the oldest first. */
async function seed(): Promise<Seeded> {
  const c = await setupCounter();
  const order: (keyof typeof PEOPLE)[] = [
    'priyaRaman',
    'jose',
    'rahul',
    'priyaSharma',
    'priyaRaman',
    'jose',
    'rahul',
    'jose',
    'priyaSharma',
    'priyaRaman',
  ];
  const byName = new Map<string, TicketId[]>();
  const all: TicketId[] = [];
  for (const who of order) {
    c.time.advance(60_000);
    const t = await ticketFor(c, who);
    all.push(t.ticketId);
    byName.set(who, [...(byName.get(who) ?? []), t.ticketId]);
  }
  return { c, byName, all };
}

function nth<T>(list: readonly T[], i: number): T {
  const x = list[i];
  if (x === undefined) throw new Error(`no item ${i}`);
  return x;
}

const newestFirst = (ids: readonly TicketId[]) => [...ids].reverse();
const ids = async (c: TestCounter, s: TicketSearch) =>
  (await searchTickets(c.db, s)).items.map((i) => i.ticket.id);

async function move(c: TestCounter, id: TicketId, ...path: TicketStatus[]) {
  for (const to of path) {
    const r = await changeStatus(c.deps, {
      ticketId: id,
      to,
      technicianId: c.techs[0] as TechnicianId,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
}

async function allPages(c: TestCounter, s: TicketSearch): Promise<TicketId[]> {
  const out: TicketId[] = [];
  let after: PageCursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await searchTickets(c.db, { ...s, after });
    out.push(...page.items.map((i) => i.ticket.id));
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('pagination did not end');
}

describe('searchTickets', () => {
  it('lists all tickets newest first, with customer and device', async () => {
    const { c, all } = await seed();
    const page = await searchTickets(c.db, {});
    expect(page.matchedAs).toBe('all');
    expect(page.items.map((i) => i.ticket.id)).toEqual(newestFirst(all));
    expect(page.next).toBeNull();
    expect(page.items[0]?.customer?.name).toBe('Priya Raman');
    expect(page.items[0]?.device?.model).toBe('XINJI Cobee C5');
  });

  it('finds a ticket by its number, as typed', async () => {
    const { c, all } = await seed();
    const page = await searchTickets(c.db, { text: ' blr01-250701-003 ' });
    expect(page.matchedAs).toBe('ticket_number');
    expect(page.items.map((i) => i.ticket.id)).toEqual([all[2]]);
    expect(await ids(c, { text: 'BLR01-250701-099' })).toEqual([]);
    expect(await ids(c, { text: 'BLR01-250701-003', status: 'collected' })).toEqual([]);
  });

  it('finds by exact serial, normalized', async () => {
    const { c, byName } = await seed();
    const page = await searchTickets(c.db, { text: 'kw77 665 544' });
    expect(page.matchedAs).toBe('serial');
    expect(page.items.map((i) => i.ticket.id)).toEqual(newestFirst(byName.get('jose') ?? []));
    expect(await ids(c, { text: 'KW7766554' })).toEqual([]);
  });

  it('finds by phone: international, local, last digits', async () => {
    const { c, byName } = await seed();
    const rahul = newestFirst(byName.get('rahul') ?? []);
    expect(await ids(c, { text: '080 2345 6789' })).toEqual(rahul);
    expect(await ids(c, { text: '(080) 2345-6789' })).toEqual(rahul);
    expect(await ids(c, { text: '6789' })).toEqual(rahul);
    const jose = newestFirst(byName.get('jose') ?? []);
    expect(await ids(c, { text: '+34 612 345 678' })).toEqual(jose);
    expect(await ids(c, { text: '612345678' })).toEqual(jose);
    expect((await searchTickets(c.db, { text: '+34 612' })).matchedAs).toBe('phone');
    expect(await ids(c, { text: '+34 612' })).toEqual(jose);
  });

  it('searches digits that could be a serial or a phone as both', async () => {
    const { c, byName } = await seed();
    const page = await searchTickets(c.db, { text: '9876543210' });
    expect(page.matchedAs).toBe('serial_or_phone');
    const expected = [...(byName.get('priyaRaman') ?? []), ...(byName.get('priyaSharma') ?? [])]
      .sort()
      .reverse();
    expect(page.items.map((i) => i.ticket.id)).toEqual(expected);
  });

  it('finds by the start of any name word, in any script, without accents', async () => {
    const { c, byName } = await seed();
    const priyas = [...(byName.get('priyaRaman') ?? []), ...(byName.get('priyaSharma') ?? [])]
      .sort()
      .reverse();
    expect(await ids(c, { text: 'pri' })).toEqual(priyas);
    expect(await ids(c, { text: 'PRIYA ram' })).toEqual(
      newestFirst(byName.get('priyaRaman') ?? []),
    );
    expect(await ids(c, { text: 'sharma' })).toEqual(newestFirst(byName.get('priyaSharma') ?? []));
    expect(await ids(c, { text: 'nunez' })).toEqual(newestFirst(byName.get('jose') ?? []));
    expect(await ids(c, { text: 'Ñúñ' })).toEqual(newestFirst(byName.get('jose') ?? []));
    expect(await ids(c, { text: 'राहुल' })).toEqual(newestFirst(byName.get('rahul') ?? []));
    expect(await ids(c, { text: 'nobody' })).toEqual([]);
    expect((await searchTickets(c.db, { text: 'pri' })).matchedAs).toBe('name');
  });

  it('filters by status, newest first, alone or with text', async () => {
    const { c, all, byName } = await seed();
    const [a, b, d] = [nth(all, 1), nth(all, 4), nth(all, 7)];
    await move(c, a, 'diagnosing');
    await move(c, b, 'diagnosing');
    await move(c, d, 'diagnosing', 'repairing');
    expect(await ids(c, { status: 'diagnosing' })).toEqual([b, a]);
    expect(await ids(c, { status: 'repairing' })).toEqual([d]);
    expect(await ids(c, { status: 'received' })).toHaveLength(7);
    expect(await ids(c, { text: 'jose', status: 'diagnosing' })).toEqual([a]);
    expect(await ids(c, { text: 'KW77665544', status: 'repairing' })).toEqual([d]);
    expect(byName.get('jose')).toContain(d);
  });

  it('pages with a cursor: every ticket once, in order, whatever the page size', async () => {
    const { c, all, byName } = await seed();
    for (const limit of [1, 2, 3, 4, 10, 11]) {
      expect(await allPages(c, { limit }), `limit ${limit}`).toEqual(newestFirst(all));
    }
    const priyas = [...(byName.get('priyaRaman') ?? []), ...(byName.get('priyaSharma') ?? [])]
      .sort()
      .reverse();
    expect(await allPages(c, { text: 'priya', limit: 2 })).toEqual(priyas);
    expect(await allPages(c, { text: 'XJ20240001ABCD', limit: 1 })).toEqual(
      newestFirst(byName.get('priyaRaman') ?? []),
    );
    expect(await allPages(c, { status: 'received', limit: 3 })).toEqual(newestFirst(all));
  });

  it('pages correctly through tickets made in the same millisecond', async () => {
    const c = await setupCounter();
    const made: TicketId[] = [];
    for (let i = 0; i < 7; i++) made.push((await ticketFor(c, 'jose')).ticketId);
    expect(new Set((await c.db.tickets.toArray()).map((t) => t.createdAt)).size).toBe(1);
    for (const limit of [1, 2, 3]) {
      expect(await allPages(c, { limit })).toEqual(newestFirst(made));
      expect(await allPages(c, { limit, status: 'received' })).toEqual(newestFirst(made));
      expect(await allPages(c, { limit, text: 'jose' })).toEqual(newestFirst(made));
    }
  });
});

describe('searchTickets on a large counter', () => {
  /** Bulk rows shaped as createTicket writes them, for index tests at scale. */
  async function bulk(c: TestCounter, n: number) {
    const template = await c.db.tickets.toCollection().first();
    if (template === undefined) throw new Error('template');
    const statuses: TicketStatus[] = ['received', 'diagnosing', 'repairing', 'collected'];
    const rows: TicketRow[] = Array.from({ length: n }, (_, i) => ({
      ...template,
      id: c.deps.ids() as TicketId,
      number: `BLR01-250701-${String(i + 2).padStart(3, '0')}` as TicketRow['number'],
      serial: `SN${String(i % 500).padStart(8, '0')}` as TicketRow['serial'],
      status: statuses[i % statuses.length] ?? 'received',
      createdAt: template.createdAt + (i + 1) * 1000,
    }));
    await c.db.tickets.bulkAdd(rows);
    return rows;
  }

  it('reads about one page of rows, not the whole table', async () => {
    const c = await setupCounter();
    await ticketFor(c, 'jose');
    const rows = await bulk(c, 3000);
    const reads = async (s: TicketSearch) => {
      c.instrument.reset();
      const page = await searchTickets(c.db, s);
      return { page, tickets: c.instrument.reads.get('tickets') ?? 0 };
    };

    const first = await reads({ limit: 20 });
    expect(first.page.items).toHaveLength(20);
    expect(first.tickets).toBeLessThanOrEqual(21);
    const second = await reads({ limit: 20, after: first.page.next });
    expect(second.page.items[0]?.ticket.id).toBe(rows[rows.length - 21]?.id);
    expect(second.tickets).toBeLessThanOrEqual(22);

    const byStatus = await reads({ status: 'collected', limit: 20 });
    expect(byStatus.page.items.every((i) => i.ticket.status === 'collected')).toBe(true);
    expect(byStatus.tickets).toBeLessThanOrEqual(21);
    const byStatus2 = await reads({ status: 'collected', limit: 20, after: byStatus.page.next });
    expect(byStatus2.page.items).toHaveLength(20);
    expect(byStatus2.tickets).toBeLessThanOrEqual(22);

    const bySerial = await reads({ text: 'SN00000042' });
    expect(bySerial.page.items).toHaveLength(6);
    expect(bySerial.tickets).toBeLessThanOrEqual(6);

    const byNumber = await reads({ text: 'BLR01-250701-1500' });
    expect(byNumber.page.items).toHaveLength(1);
    expect(byNumber.tickets).toBeLessThanOrEqual(1);
  });
});

describe('getTicket', () => {
  it('returns the ticket with its events in order, decision history and photos', async () => {
    const c = await setupCounter();
    const r = await createTicket(c.deps, {
      form: intakeForm(c.techs[0]),
      visitDate: TODAY,
      decision: decision(TODAY),
      photos: [image(10)],
      signature: new Blob(['sig'], { type: 'image/png' }),
    });
    if (!r.ok) throw new Error('create');
    const id = r.value.ticketId;
    const tech = c.techs[1] as TechnicianId;
    // All in the same millisecond: order comes from the ids, which increase.
    await addNote(c.deps, { ticketId: id, technicianId: tech, text: 'first' });
    await addNote(c.deps, { ticketId: id, technicianId: tech, text: 'second' });
    await recordDiagnosis(c.deps, {
      ticketId: id,
      technicianId: tech,
      newFindings: ['liquid_damage'],
      summary: 'Water inside',
      facts: { ...r.value.facts, findings: ['liquid_damage'] },
      decision: decision(TODAY, { covered: false, charge: 'paid' }),
    });
    const t = await getTicket(c.db, id);
    expect(t?.ticket.number).toBe('BLR01-250701-001');
    expect(t?.customer?.name).toBe('Priya Raman');
    expect(t?.customer && 'nameWords' in t.customer).toBe(false);
    expect(t?.device?.serial).toBe('XJ20240001ABCD');
    expect(t?.events.map((e) => (e.kind === 'note' ? e.text : e.kind))).toEqual([
      'created',
      'decision',
      'first',
      'second',
      'diagnosis',
      'decision',
    ]);
    expect(t?.decisions.map((d) => d.decision.covered)).toEqual([true, false]);
    expect(t?.photos.map((p) => p.kind)).toEqual(['intake', 'signature']);
    expect(t?.photos[0] && 'blob' in t.photos[0]).toBe(false);
    const sig = t?.photos[1];
    expect(sig && (await (await getPhotoBlob(c.db, sig.id))?.text())).toBe('sig');
    expect(await getTicket(c.db, '0197c2a0-0000-7000-8000-00000000dead' as TicketId)).toBeNull();
  });
});

describe('deviceHistory', () => {
  it('lists a watch’s tickets and flags a repeat repair under 90 days', async () => {
    const c = await setupCounter();
    const first = plainDate('2025-03-01');
    c.time.set(Date.UTC(2025, 2, 1, 9));
    await ticketFor(c, 'priyaRaman', { invoiceDate: '2025-01-15' }, first);
    c.time.set(Date.UTC(2025, 4, 1, 9));
    const second = plainDate('2025-05-01');
    const t2 = await ticketFor(c, 'priyaRaman', { invoiceDate: '2025-01-15' }, second);

    const at89 = await deviceHistory(c.db, ' xj2024 0001 abcd', addDays(second, 89));
    expect(at89.serial).toBe('XJ20240001ABCD');
    expect(at89.devices).toHaveLength(1);
    expect(at89.tickets.map((t) => t.ticket.visitDate)).toEqual(['2025-05-01', '2025-03-01']);
    expect(at89.tickets[0]?.ticket.id).toBe(t2.ticketId);
    expect(at89.lastVisit).toBe('2025-05-01');
    expect(at89.daysSinceLastVisit).toBe(89);
    expect(at89.repeatRepair).toBe(true);

    const at90 = await deviceHistory(c.db, 'XJ20240001ABCD', addDays(second, 90));
    expect(at90.repeatRepair).toBe(false);
    expect(at90.daysSinceLastVisit).toBe(90);
  });

  it('knows nothing of a new watch', async () => {
    const c = await setupCounter();
    expect(await deviceHistory(c.db, 'NEW0000001', TODAY)).toEqual({
      serial: 'NEW0000001',
      devices: [],
      tickets: [],
      lastVisit: null,
      daysSinceLastVisit: null,
      repeatRepair: false,
    });
    expect((await deviceHistory(c.db, '   ', TODAY)).repeatRepair).toBe(false);
  });
});

describe('findCustomers', () => {
  it('finds by phone (start or end) and by name words, sorted by name', async () => {
    const { c } = await seed();
    // Four digits at least: "+91" alone would list half the country.
    expect(await findCustomers(c.db, '+91 9')).toEqual([]);
    expect((await findCustomers(c.db, '+91 98765')).map((x) => x.name)).toEqual(['Priya Raman']);
    expect((await findCustomers(c.db, '9199')).map((x) => x.name)).toEqual(['Priya Sharma']);
    expect((await findCustomers(c.db, '1122')).map((x) => x.name)).toEqual(['Priya Sharma']);
    expect((await findCustomers(c.db, '43210')).map((x) => x.name)).toEqual(['Priya Raman']);
    expect((await findCustomers(c.db, 'priya')).map((x) => x.name)).toEqual([
      'Priya Raman',
      'Priya Sharma',
    ]);
    expect((await findCustomers(c.db, 'jose n')).map((x) => x.name)).toEqual(['José Ñúñez']);
    expect(await findCustomers(c.db, '')).toEqual([]);
    expect(await findCustomers(c.db, '12')).toEqual([]);
    expect(await findCustomers(c.db, 'priya', 1)).toHaveLength(1);
  });
});
