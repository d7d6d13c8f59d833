import {
  addCents,
  multiplyCents,
  ZERO_CENTS,
  type Cents,
  type CurrencyCode,
  type Money,
} from '../domain/money';
import { err, ok, type Result } from '../lib/result';
import type { PartCoverage, PartLine } from './records';

/** A part line's coverage from the charge of the ticket's decision: free work is covered. */
export const coverageFor = (charge: 'free' | 'paid'): PartCoverage =>
  charge === 'free' ? 'covered' : 'charged';

export interface PricedPartLine {
  readonly line: PartLine;
  /** Unit price times quantity. */
  readonly total: Money;
}

/** A ticket's parts for its quote and receipts. */
export interface PartLinesSummary {
  /** The fitted lines in the order they were added; removed lines are not on the bill. */
  readonly lines: readonly PricedPartLine[];
  /** What the warranty pays for: free to the customer, shown on the receipt for the record. */
  readonly covered: Money;
  /** What the customer pays for parts. */
  readonly charged: Money;
  readonly total: Money;
}

const byFitting = (a: PartLine, b: PartLine): number =>
  a.fittedAt !== b.fittedAt ? a.fittedAt - b.fittedAt : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Prices a ticket's part lines in `currency` (the center's). A line priced in another currency
 * is an error, never converted: the catalog is wrong for this center.
 */
export function summarizePartLines(
  lines: readonly PartLine[],
  currency: CurrencyCode,
): Result<PartLinesSummary, string> {
  let covered: Cents = ZERO_CENTS;
  let charged: Cents = ZERO_CENTS;
  const priced: PricedPartLine[] = [];
  for (const line of [...lines].sort(byFitting)) {
    if (line.status !== 'fitted') continue;
    if (line.unitPrice.currency !== currency) {
      return err(
        `${line.partName} (${line.partNumber}) is priced in ${line.unitPrice.currency}, not ${currency}: ask HQ for the catalog in ${currency}.`,
      );
    }
    const total = multiplyCents(line.unitPrice.amount, line.quantity);
    if (line.coverage === 'covered') covered = addCents(covered, total);
    else charged = addCents(charged, total);
    priced.push({ line, total: { amount: total, currency } });
  }
  return ok({
    lines: priced,
    covered: { amount: covered, currency },
    charged: { amount: charged, currency },
    total: { amount: addCents(covered, charged), currency },
  });
}
