import type { PlainDate } from '../dates/plainDate';
import type { TechnicianId, TicketId } from '../domain/ids';
import type { Cents, CurrencyCode } from '../domain/money';
import type { PartNumber } from './catalog';
import type { PartLine, PartLineId } from './records';

/** A part line for the pure tests of shared/parts; only what they vary is a parameter. */
export function testLine(n: number, over: Partial<PartLine> = {}): PartLine {
  const id = `0197c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    id: id as PartLineId,
    ticketId: '0197c2a0-0000-7000-8000-000000000001' as TicketId,
    partNumber: 'XJ-C5-LCD' as PartNumber,
    partName: 'Display assembly',
    brand: 'xinji',
    model: 'XINJI Cobee C5',
    quantity: 1,
    serial: null,
    unitPrice: { amount: 245000 as Cents, currency: 'INR' as CurrencyCode },
    coverage: 'covered',
    policyId: 'xinji',
    policyVersion: 1,
    status: 'fitted',
    fittedOn: '2025-07-01' as PlainDate,
    fittedAt: 1_750_000_000_000 + n,
    fittedBy: '0197c2a0-0000-7000-8000-000000000900' as TechnicianId,
    removal: null,
    ...over,
  };
}
