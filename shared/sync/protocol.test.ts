import { describe, expect, it } from 'vitest';
import { PARTS_MUTATION_NAMES } from '../parts/mutations';
import {
  MUTATION_NAMES,
  MutationSchema,
  isMutationName,
  mutationTicketId,
  rawMutationTicketId,
  type Mutation,
} from './mutations';
import {
  PullChangeSchema,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
} from './protocol';
import { TicketEventSchema } from './records';

const ID = '01970000-0000-7000-8000-000000000001';
const TICKET = '01970000-0000-7000-8000-000000000002';

const note = (over: Record<string, unknown> = {}) => ({
  id: ID,
  ticketId: TICKET,
  at: 1,
  technicianId: ID,
  kind: 'note',
  text: 'Checked the strap.',
  ...over,
});

describe('mutations', () => {
  it('lists every name the counter emits', () => {
    expect([...MUTATION_NAMES].sort()).toEqual(
      [
        'addNote',
        'addTechnician',
        'changeStatus',
        'createTicket',
        'recordDiagnosis',
        'setQuote',
        'updateSettings',
        ...PARTS_MUTATION_NAMES,
      ].sort(),
    );
    expect(isMutationName('addNote')).toBe(true);
    expect(isMutationName('toString')).toBe(false);
  });

  it('checks ids, dates and enums with the domain’s own rules', () => {
    expect(MutationSchema.safeParse({ name: 'addNote', args: { event: note() } }).success).toBe(
      true,
    );
    const bad = [
      note({ id: 'not-a-uuid' }),
      note({ ticketId: '01970000-0000-4000-8000-000000000002' }), // a v4 id
      note({ at: -1 }),
      note({ kind: 'graffiti' }),
    ];
    for (const event of bad) {
      expect(MutationSchema.safeParse({ name: 'addNote', args: { event } }).success).toBe(false);
    }
    const status = { ...note(), kind: 'status', from: 'received', to: 'teleported', reason: '' };
    expect(TicketEventSchema.safeParse(status).success).toBe(false);
  });

  it('finds the ticket of a mutation, even a malformed one', () => {
    expect(rawMutationTicketId('addNote', { event: note() })).toBe(TICKET);
    expect(rawMutationTicketId('addNote', { event: { ticketId: 'x' } })).toBe('x');
    expect(rawMutationTicketId('recordDiagnosis', { events: [{ ticketId: 'y' }] })).toBe('y');
    expect(rawMutationTicketId('updateSettings', null)).toBeNull();
    expect(rawMutationTicketId('addPartLine', { line: { ticketId: 'z' } })).toBe('z');
    expect(rawMutationTicketId('recordDefectivePart', { part: { ticketId: 'w' } })).toBe('w');
    expect(rawMutationTicketId('saveCatalogPart', { part: { partNumber: 'X' } })).toBeNull();
  });

  it('takes the parts ledger’s mutations with their own schemas', () => {
    const threshold = {
      name: 'setLowStockThreshold',
      args: { partNumber: 'XJ-C5-LCD', threshold: 3 },
    };
    expect(MutationSchema.safeParse(threshold).success).toBe(true);
    expect(
      MutationSchema.safeParse({ ...threshold, args: { ...threshold.args, threshold: -1 } })
        .success,
    ).toBe(false);
    expect(isMutationName('packReturnShipment')).toBe(true);
  });

  it('finds the ticket of a parts mutation, and never throws for a name it does not know', () => {
    const part = { ticketId: TICKET };
    const as = (m: unknown) => m as Mutation;
    expect(mutationTicketId(as({ name: 'addPartLine', args: { line: part } }))).toBe(TICKET);
    expect(mutationTicketId(as({ name: 'removePartLine', args: { line: part } }))).toBe(TICKET);
    expect(mutationTicketId(as({ name: 'recordDefectivePart', args: { part } }))).toBe(TICKET);
    for (const name of ['receiveStock', 'returnStockToHq', 'recordStockCount']) {
      expect(mutationTicketId(as({ name, args: { movements: [] } }))).toBeNull();
    }
    expect(mutationTicketId(as({ name: 'packReturnShipment', args: {} }))).toBeNull();
    expect(mutationTicketId(as({ name: 'fromTheFuture', args: { line: part } }))).toBeNull();
  });
});

describe('messages', () => {
  it('a push envelope takes any arguments: they are checked one by one at HQ', () => {
    const r = PushRequestSchema.safeParse({
      mutations: [{ mutationId: 1, name: 'whatever', args: { odd: true }, at: 5 }],
    });
    expect(r.success).toBe(true);
    expect(
      PushRequestSchema.safeParse({ mutations: [{ mutationId: 0, name: 'x', at: 1 }] }).success,
    ).toBe(false);
  });

  it('a pull page keeps changes of kinds the counter does not know yet', () => {
    const page = PullResponseSchema.parse({
      changes: [
        { seq: 3, kind: 'catalog', version: 1, document: { parts: [] }, publishedAt: 1 },
        { seq: 4, kind: 'holograms', x: 1 },
      ],
      cursor: 4,
      hasMore: false,
    });
    expect(page.changes.map((c) => PullChangeSchema.safeParse(c).success)).toEqual([true, false]);
  });

  it('reads the pull query with defaults and bounds', () => {
    expect(PullQuerySchema.parse({})).toEqual({ after: 0, limit: 500 });
    expect(PullQuerySchema.parse({ after: '42', limit: '10' })).toEqual({ after: 42, limit: 10 });
    expect(PullQuerySchema.safeParse({ after: '-1' }).success).toBe(false);
    expect(PullQuerySchema.safeParse({ limit: '5000' }).success).toBe(false);
  });
});
