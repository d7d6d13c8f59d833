import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCivil, parsePlainDate, type PlainDate } from '../dates/plainDate';
import {
  INITIAL_STATUSES,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  checkInitialStatus,
  checkTransition,
  formatTicketNumber,
  isFinalStatus,
  nextStatuses,
  normalizeTicketNumber,
  parseCenterCode,
  parseTicketNumber,
  statusStage,
  type CenterCode,
  type InitialStatus,
  type TicketStatus,
  type TransitionContext,
} from './ticket';

const date = (s: string): PlainDate => {
  const d = parsePlainDate(s);
  if (d === null) throw new Error(`bad date ${s}`);
  return d;
};
const center = (s: string): CenterCode => {
  const c = parseCenterCode(s);
  if (c === null) throw new Error(`bad center ${s}`);
  return c;
};

const paidQuoted: TransitionContext = { charge: 'paid', hasQuote: true };
const free: TransitionContext = { charge: 'free', hasQuote: false };

describe('ticket transitions', () => {
  it('allows exactly the table, and says why anything else is refused', () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const r = checkTransition(from, to, paidQuoted);
        expect(r.allowed, `${from} → ${to}`).toBe(TICKET_TRANSITIONS[from].includes(to));
        if (!r.allowed) expect(r.reason.length).toBeGreaterThan(10);
      }
    }
  });

  it('follows the main path of paid work', () => {
    const path: TicketStatus[] = [
      'received',
      'diagnosing',
      'awaiting_approval',
      'awaiting_parts',
      'repairing',
      'ready_for_pickup',
      'collected',
    ];
    for (let i = 1; i < path.length; i++) {
      const from = path[i - 1] ?? 'received';
      const to = path[i] ?? 'received';
      expect(checkTransition(from, to, paidQuoted), `${from} → ${to}`).toEqual({ allowed: true });
    }
  });

  it('treats collected, cancelled, not_repairable and no_fault_found as ends', () => {
    for (const s of ['collected', 'cancelled', 'not_repairable', 'no_fault_found'] as const) {
      expect(isFinalStatus(s)).toBe(true);
      expect(statusStage(s)).toBe('done');
      const r = checkTransition(s, 'repairing', paidQuoted);
      expect(r.allowed ? '' : r.reason).toContain('final');
    }
    expect(TICKET_STATUSES.filter(isFinalStatus)).toHaveLength(4);
  });

  it('reaches an end from every status', () => {
    for (const start of TICKET_STATUSES) {
      const seen = new Set<TicketStatus>([start]);
      const queue = [start];
      while (queue.length > 0) {
        const s = queue.shift() ?? start;
        for (const n of TICKET_TRANSITIONS[s]) {
          if (!seen.has(n)) {
            seen.add(n);
            queue.push(n);
          }
        }
      }
      expect([...seen].some(isFinalStatus), start).toBe(true);
    }
  });

  it('asks for approval only of paid work with a quote', () => {
    const covered = checkTransition('diagnosing', 'awaiting_approval', free);
    expect(covered.allowed ? '' : covered.reason).toContain('covered by the warranty');
    expect(
      checkTransition('diagnosing', 'awaiting_approval', { charge: 'paid', hasQuote: false }),
    ).toEqual({
      allowed: false,
      reason: 'Set the quote first: the customer approves a price.',
    });
    expect(nextStatuses('diagnosing', free)).not.toContain('awaiting_approval');
    expect(nextStatuses('diagnosing', paidQuoted)).toContain('awaiting_approval');
  });

  it('refuses a move to the same status and names where it can go', () => {
    expect(checkTransition('repairing', 'repairing', paidQuoted)).toEqual({
      allowed: false,
      reason: 'The ticket is already "Repairing".',
    });
    expect(checkTransition('received', 'collected', paidQuoted)).toEqual({
      allowed: false,
      reason:
        'A ticket that is "Received" cannot go to "Collected"; it can go to "Diagnosing", "No fault found / advice given", "Cancelled".',
    });
  });
});

describe('a new ticket', () => {
  it('starts as received, or closed as no fault found only when the steps tried resolved it', () => {
    expect(checkInitialStatus('received', null)).toEqual({ allowed: true });
    expect(checkInitialStatus('received', 'continue')).toEqual({ allowed: true });
    expect(checkInitialStatus('no_fault_found', 'resolved')).toEqual({ allowed: true });
    const reason = (s: TicketStatus, o: 'resolved' | 'continue' | null) => {
      const r = checkInitialStatus(s, o);
      return r.allowed ? '' : r.reason;
    };
    expect(reason('no_fault_found', null)).toContain('only when the steps tried');
    expect(reason('no_fault_found', 'continue')).toContain('only when the steps tried');
    expect(reason('received', 'resolved')).toContain('close the ticket as "No fault found');
    expect(reason('collected', null)).toContain('A new ticket starts as "Received"');
    for (const s of TICKET_STATUSES) {
      expect(INITIAL_STATUSES.includes(s as InitialStatus), s).toBe(
        checkInitialStatus(s, s === 'no_fault_found' ? 'resolved' : null).allowed,
      );
    }
  });

  it('can be closed as no fault found from received and diagnosing, and not reopened', () => {
    expect(checkTransition('received', 'no_fault_found', free)).toEqual({ allowed: true });
    expect(checkTransition('diagnosing', 'no_fault_found', free)).toEqual({ allowed: true });
    expect(statusStage('no_fault_found')).toBe('done');
    expect(nextStatuses('no_fault_found', paidQuoted)).toEqual([]);
  });
});

describe('ticket numbers', () => {
  it('formats CENTER-YYMMDD-NNN', () => {
    expect(formatTicketNumber(center('blr01'), date('2025-07-01'), 7)).toBe('BLR01-250701-007');
    expect(formatTicketNumber(center('DEL'), date('2031-12-31'), 999)).toBe('DEL-311231-999');
  });

  it('grows past 999 instead of failing', () => {
    expect(formatTicketNumber(center('DEL'), date('2025-01-02'), 1000)).toBe('DEL-250102-1000');
    expect(formatTicketNumber(center('DEL'), date('2025-01-02'), 12345)).toBe('DEL-250102-12345');
  });

  it('refuses what it cannot number', () => {
    expect(() => formatTicketNumber(center('DEL'), date('2025-01-02'), 0)).toThrow(RangeError);
    expect(() => formatTicketNumber(center('DEL'), date('1999-12-31'), 1)).toThrow(RangeError);
  });

  it('parses as typed or scanned and round-trips', () => {
    expect(parseTicketNumber(' blr01-250701-007 ')).toEqual({
      center: 'BLR01',
      date: '2025-07-01',
      sequence: 7,
    });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{2,10}$/),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 100_000 }),
        (code, y, m, d, seq) => {
          const day = date(formatCivil(y, m, d));
          const n = formatTicketNumber(center(code), day, seq);
          expect(parseTicketNumber(n)).toEqual({ center: code, date: day, sequence: seq });
          expect(normalizeTicketNumber(n.toLowerCase())).toBe(n);
        },
      ),
    );
  });

  it('rejects malformed numbers', () => {
    for (const bad of [
      'BLR01-250732-001', // no 32nd
      'BLR01-250229-001', // 2025 is not a leap year
      'BLR01-250701-01', // two digits
      'BLR01-250701-000',
      'BLR01-250701-0042', // not the canonical spelling of 42
      'B-250701-001', // center code too short
      'BLR_01-250701-001',
      'BLR01250701001',
      '',
    ]) {
      expect(parseTicketNumber(bad), bad).toBeNull();
    }
    expect(parseTicketNumber('BLR01-240229-001')?.date).toBe('2024-02-29');
  });

  it('center codes are 2 to 10 letters and digits', () => {
    expect(parseCenterCode(' blr01 ')).toBe('BLR01');
    expect(parseCenterCode('B')).toBeNull();
    expect(parseCenterCode('BLR-01')).toBeNull();
    expect(parseCenterCode('ABCDEFGHIJK')).toBeNull();
  });
});
