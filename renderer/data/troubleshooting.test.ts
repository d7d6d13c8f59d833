import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { BrandId } from '../../shared/domain/brand';
import type { EventId, TechnicianId, TicketId } from '../../shared/domain/ids';
import { MutationSchema } from '../../shared/sync/mutations';
import { createTicket, type CommandResult, type CreateTicketInput } from './commands';
import { csvCell } from '../../shared/lib/csv';
import {
  knowledgeBaseFor,
  searchIndexFor,
  tallyTroubleshooting,
  troubleshootingReport,
  troubleshootingReportCsv,
  type TroubleshootingEventRow,
  type TroubleshootingInput,
} from './troubleshooting';
import {
  decision,
  intakeForm,
  plainDate,
  setupCounter,
  snapshot,
  type TestCounter,
} from './testkit';

const TODAY = plainDate('2025-07-01');
const tech = (c: TestCounter): TechnicianId => c.techs[0] as TechnicianId;

const kospet = knowledgeBaseFor('kospet');
if (kospet === null) throw new Error('no KOSPET knowledge base');
const pairing = kospet.symptomById.get('pairing');
if (pairing === undefined) throw new Error('no pairing symptom');

/** A KOSPET walk-in on `visitDate`, with the steps tried given. */
function walkIn(
  c: TestCounter,
  over: Partial<CreateTicketInput> = {},
  brand: BrandId = 'kospet',
  visitDate: PlainDate = TODAY,
): CreateTicketInput {
  return {
    form: intakeForm(tech(c), { brand, serial: 'KS20250001PAIR', complaint: 'Won’t connect.' }),
    visitDate,
    decision: decision(visitDate, { policyId: brand }),
    ...over,
  };
}

const tried = (over: Partial<TroubleshootingInput> = {}): TroubleshootingInput => ({
  kb: { brand: 'kospet', version: kospet.version },
  symptomId: 'pairing',
  steps: [
    { index: 0, tried: true, result: 'no_change' },
    { index: 1, tried: true, result: 'helped' },
  ],
  outcome: 'resolved',
  advice: 'Pair from the KOSPET app, not from the phone’s Bluetooth settings.',
  ...over,
});

function value<T>(r: CommandResult<T>): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

async function eventsOf(c: TestCounter, ticketId: TicketId) {
  return c.db.ticketEvents.where('ticketId').equals(ticketId).toArray();
}

describe('a walk-in resolved at the counter', () => {
  it('is a ticket closed as no fault found, with its steps, in one transaction with its outbox entry', async () => {
    const c = await setupCounter();
    const r = value(
      await createTicket(c.deps, walkIn(c, { status: 'no_fault_found', troubleshooting: tried() })),
    );
    const ticket = await c.db.tickets.get(r.ticketId);
    expect(ticket?.status).toBe('no_fault_found');

    const events = await eventsOf(c, r.ticketId);
    expect(events.map((e) => e.kind)).toEqual(['created', 'decision', 'troubleshooting']);
    expect(events[0]).toMatchObject({ kind: 'created', status: 'no_fault_found' });
    const event = events[2];
    expect(event).toMatchObject({
      kind: 'troubleshooting',
      at: c.time.clock(),
      technicianId: tech(c),
      kb: { brand: 'kospet', version: kospet.version },
      symptomId: 'pairing',
      symptomName: pairing.name,
      outcome: 'resolved',
      advice: 'Pair from the KOSPET app, not from the phone’s Bluetooth settings.',
    });
    // Every step of the symptom, in the brand's words; the ones not sent count as not tried.
    expect(event?.kind === 'troubleshooting' && event.steps).toEqual(
      pairing.steps.map((q, index) => ({
        index,
        text: q.text,
        tried: index < 2,
        result: index === 0 ? 'no_change' : index === 1 ? 'helped' : 'not_tried',
      })),
    );

    const entry = (await c.db.outbox.orderBy('mutationId').toArray()).at(-1);
    expect(entry?.mutationId).toBe(r.mutationId);
    if (entry?.name !== 'createTicket') throw new Error('expected the createTicket entry');
    expect(entry.args.ticket.status).toBe('no_fault_found');
    expect(entry.args.events.map((e) => e.kind)).toEqual([
      'created',
      'decision',
      'troubleshooting',
    ]);
    // What HQ validates the entry with.
    const wire: unknown = JSON.parse(JSON.stringify({ name: entry.name, args: entry.args }));
    expect(MutationSchema.safeParse(wire).success).toBe(true);
  });

  it('writes nothing when the transaction fails at its last write', async () => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    c.instrument.failNextWrite('outbox', new Error('disk unplugged'));
    const r = await createTicket(
      c.deps,
      walkIn(c, { status: 'no_fault_found', troubleshooting: tried() }),
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'failed' } });
    expect(await snapshot(c.db)).toEqual(before);
  });
});

describe('a walk-in continued to a repair', () => {
  it('is a received ticket that carries the steps tried', async () => {
    const c = await setupCounter();
    const r = value(
      await createTicket(
        c.deps,
        walkIn(c, {
          troubleshooting: tried({
            outcome: 'continue',
            steps: [
              { index: 0, tried: true, result: 'no_change' },
              { index: 2, tried: true, result: 'no_change' },
            ],
            advice: '',
          }),
        }),
      ),
    );
    expect((await c.db.tickets.get(r.ticketId))?.status).toBe('received');
    const event = (await eventsOf(c, r.ticketId)).find((e) => e.kind === 'troubleshooting');
    expect(event).toMatchObject({ outcome: 'continue', symptomId: 'pairing' });
    expect(event && 'advice' in event).toBe(false);
    expect(event?.kind === 'troubleshooting' && event.steps.map((s) => s.result)).toEqual([
      'no_change',
      'not_tried',
      'no_change',
      'not_tried',
    ]);
  });

  it('a ticket without troubleshooting is created as before', async () => {
    const c = await setupCounter();
    const r = value(await createTicket(c.deps, walkIn(c)));
    expect((await eventsOf(c, r.ticketId)).map((e) => e.kind)).toEqual(['created', 'decision']);
  });
});

describe('combinations that do not add up are refused, beside their field, and nothing is written', () => {
  const cases: readonly [string, (c: TestCounter) => CreateTicketInput, string, RegExp][] = [
    [
      'closed as no fault found without the steps tried',
      (c) => walkIn(c, { status: 'no_fault_found' }),
      'status',
      /only when the steps tried at the counter resolved the complaint/,
    ],
    [
      'closed as no fault found though it continues to a repair',
      (c) =>
        walkIn(c, { status: 'no_fault_found', troubleshooting: tried({ outcome: 'continue' }) }),
      'status',
      /only when the steps tried at the counter resolved the complaint/,
    ],
    [
      'resolved but opened as received',
      (c) => walkIn(c, { troubleshooting: tried() }),
      'status',
      /close the ticket as "No fault found \/ advice given"/,
    ],
    [
      'a status a ticket cannot start in',
      (c) => walkIn(c, { status: 'collected' as 'received' }),
      'status',
      /A new ticket starts as "Received"/,
    ],
    [
      'another brand’s steps',
      (c) => walkIn(c, { troubleshooting: tried({ outcome: 'continue' }) }, 'xinji'),
      'troubleshooting',
      /the steps tried are for KOSPET, but the watch is a XINJI/i,
    ],
    [
      'another version of the knowledge base',
      (c) =>
        walkIn(c, {
          status: 'no_fault_found',
          troubleshooting: tried({ kb: { brand: 'kospet', version: kospet.version + 1 } }),
        }),
      'troubleshooting',
      /choose the symptom again/,
    ],
    [
      'a symptom the brand does not have',
      (c) => walkIn(c, { status: 'no_fault_found', troubleshooting: tried({ symptomId: 'nope' }) }),
      'troubleshooting',
      /no symptom "nope"/,
    ],
    [
      'a step tried without what happened',
      (c) =>
        walkIn(c, {
          status: 'no_fault_found',
          troubleshooting: tried({ steps: [{ index: 0, tried: true, result: 'not_tried' }] }),
        }),
      'troubleshooting.steps[0]',
      /Say what happened after step 1/,
    ],
    [
      'what happened without the step tried',
      (c) =>
        walkIn(c, {
          status: 'no_fault_found',
          troubleshooting: tried({ steps: [{ index: 1, tried: false, result: 'helped' }] }),
        }),
      'troubleshooting.steps[0]',
      /Tick “Tried” for step 2/,
    ],
    [
      'a step the symptom does not have',
      (c) =>
        walkIn(c, {
          status: 'no_fault_found',
          troubleshooting: tried({ steps: [{ index: 9, tried: true, result: 'helped' }] }),
        }),
      'troubleshooting.steps[0]',
      /has no step 10/,
    ],
    [
      'resolved with nothing that helped and no advice',
      (c) =>
        walkIn(c, {
          status: 'no_fault_found',
          troubleshooting: tried({
            steps: [{ index: 0, tried: true, result: 'no_change' }],
            advice: '  ',
          }),
        }),
      'troubleshooting',
      /Mark the step that helped, or write the advice given/,
    ],
    [
      'continued with nothing tried',
      (c) => walkIn(c, { troubleshooting: tried({ outcome: 'continue', steps: [] }) }),
      'troubleshooting',
      /Tick the steps tried at the counter/,
    ],
  ];

  it.each(cases)('%s', async (_name, make, field, message) => {
    const c = await setupCounter();
    const before = await snapshot(c.db);
    const r = await createTicket(c.deps, make(c));
    if (r.ok || r.error.kind !== 'invalid')
      throw new Error(`expected invalid, got ${JSON.stringify(r)}`);
    const shown = r.error.errors.find((e) => e.field === field);
    expect(shown?.message, JSON.stringify(r.error.errors)).toMatch(message);
    expect(await snapshot(c.db)).toEqual(before);
  });
});

describe('the search index', () => {
  it('is built once per brand and puts pairing first for a phone that will not connect', () => {
    const index = searchIndexFor('kospet');
    expect(searchIndexFor('kospet')).toBe(index);
    expect(index?.search("watch won't connect to my phone", { limit: 5 })[0]?.symptom.id).toBe(
      'pairing',
    );
  });
});

describe('the report', () => {
  /** Takes a walk-in in on `day` at 10:00 UTC. */
  async function on(
    c: TestCounter,
    day: string,
    brand: BrandId,
    t: TroubleshootingInput | null,
    status: 'received' | 'no_fault_found' = 'received',
  ) {
    c.time.set(Date.parse(`${day}T10:00:00Z`));
    const visit = plainDate(day);
    return value(
      await createTicket(c.deps, {
        ...walkIn(c, {}, brand, visit),
        ...(t === null ? {} : { troubleshooting: t }),
        status,
      }),
    );
  }

  it('counts walk-ins resolved at the counter and continued, per symptom and per brand, by visit date', async () => {
    const c = await setupCounter();
    const xinjiTried = (outcome: 'resolved' | 'continue') =>
      tried({ kb: { brand: 'xinji', version: 1 }, outcome });
    await on(c, '2025-06-20', 'kospet', tried(), 'no_fault_found'); // far before
    await on(c, '2025-06-30', 'kospet', tried(), 'no_fault_found'); // the day before
    await on(c, '2025-07-01', 'kospet', tried(), 'no_fault_found');
    await on(c, '2025-07-01', 'kospet', tried({ outcome: 'continue' }));
    await on(
      c,
      '2025-07-02',
      'kospet',
      tried({ symptomId: 'notifications', steps: [{ index: 0, tried: true, result: 'helped' }] }),
      'no_fault_found',
    );
    await on(c, '2025-07-02', 'xinji', xinjiTried('continue'));
    await on(c, '2025-07-03', 'xinji', null);
    await on(c, '2025-07-04', 'kospet', tried(), 'no_fault_found'); // the day after
    await on(c, '2025-07-20', 'kospet', tried(), 'no_fault_found'); // far after

    c.instrument.reset();
    const r = await troubleshootingReport(c.db, { from: '2025-07-01', to: '2025-07-03' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const notifications = kospet.symptomById.get('notifications')?.name;
    // In the counter's brand order (XINJI first), the most tried first.
    expect(r.value.bySymptom).toEqual([
      {
        brand: 'xinji',
        symptomId: 'pairing',
        symptomName: pairing.name,
        resolved: 0,
        continued: 1,
      },
      {
        brand: 'kospet',
        symptomId: 'pairing',
        symptomName: pairing.name,
        resolved: 1,
        continued: 1,
      },
      {
        brand: 'kospet',
        symptomId: 'notifications',
        symptomName: notifications,
        resolved: 1,
        continued: 0,
      },
    ]);
    expect(r.value.byBrand).toEqual([
      { brand: 'xinji', walkIns: 2, resolved: 0, continued: 1 },
      { brand: 'kospet', walkIns: 3, resolved: 2, continued: 1 },
    ]);
    expect(r.value.total).toEqual({ walkIns: 5, resolved: 2, continued: 2 });
    // Only the days around the range are read, not the whole table.
    expect(c.instrument.reads.get('tickets')).toBe(7);
  });

  it('refuses a range it cannot read, beside its field', async () => {
    const c = await setupCounter();
    expect(await troubleshootingReport(c.db, { from: '2025-07-05', to: '2025-07-01' })).toEqual({
      ok: false,
      error: [
        { field: 'to', message: 'The last day is before the first (2025-07-05): swap them.' },
      ],
    });
    const bad = await troubleshootingReport(c.db, { from: '', to: '2025-02-30' });
    expect(!bad.ok && bad.error.map((e) => e.field)).toEqual(['from', 'to']);
  });

  it('is written as RFC 4180 CSV, with formulas defused', () => {
    const ticketId = '01970000-0000-7000-8000-0000000000a1' as TicketId;
    const event: TroubleshootingEventRow = {
      id: '01970000-0000-7000-8000-0000000000e1' as EventId,
      ticketId,
      at: 1,
      technicianId: '01970000-0000-7000-8000-000000000001' as TechnicianId,
      kind: 'troubleshooting',
      kb: { brand: 'kospet', version: 1 },
      symptomId: 'pairing',
      symptomName: '=HYPERLINK("http://x.invalid","pair, "now"")',
      steps: [{ index: 0, text: 'x', tried: true, result: 'helped' }],
      outcome: 'resolved',
    };
    const report = tallyTroubleshooting(
      plainDate('2025-07-01'),
      plainDate('2025-07-31'),
      [{ id: ticketId, brand: 'kospet', visitDate: plainDate('2025-07-09') }],
      [event],
    );
    expect(troubleshootingReportCsv(report)).toBe(
      'From,To,Brand,Symptom ID,Symptom,Resolved at the counter,Continued to repair,Walk-ins\r\n' +
        '2025-07-01,2025-07-31,KOSPET,pairing,"\'=HYPERLINK(""http://x.invalid"",""pair, ""now"""")",1,0,\r\n' +
        '2025-07-01,2025-07-31,KOSPET,,All symptoms,1,0,1\r\n' +
        '2025-07-01,2025-07-31,All brands,,All symptoms,1,0,1\r\n',
    );
    expect(['+1', '-3', '@sum', '\tx', 'plain', 'a\nb', 7].map(csvCell)).toEqual([
      "'+1",
      "'-3",
      "'@sum",
      "'\tx",
      'plain',
      '"a\nb"',
      '7',
    ]);
  });
});
