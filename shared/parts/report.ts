import { comparePlainDates, daysBetween, type PlainDate } from '../dates/plainDate';
import type { BrandId } from '../domain/brand';
import {
  addCents,
  formatMinorUnits,
  multiplyCents,
  ZERO_CENTS,
  type Cents,
  type CurrencyCode,
} from '../domain/money';
import { err, ok, type Result } from '../lib/result';
import type { PartNumber } from './catalog';
import { toCsv, type CsvCell } from '../lib/csv';
import type { DefectivePart, PartLine } from './records';

/** A defective part held at the center for longer than this many days is flagged. */
export const HELD_TOO_LONG_DAYS = 30;

/** Days a defective part has been held on `today` (0 on the day it was taken out). */
export const heldDays = (part: Pick<DefectivePart, 'heldSince'>, today: PlainDate): number =>
  daysBetween(part.heldSince, today);

export const isHeldTooLong = (
  part: Pick<DefectivePart, 'heldSince' | 'status'>,
  today: PlainDate,
): boolean => part.status === 'held' && heldDays(part, today) > HELD_TOO_LONG_DAYS;

// ---------------------------------------------------------------------------------------------
// Parts used, per model and per part

export interface DateRange {
  /** Both inclusive: the center's calendar days. */
  readonly from: PlainDate;
  readonly to: PlainDate;
}

export function checkDateRange(range: DateRange): Result<DateRange, string> {
  return comparePlainDates(range.from, range.to) <= 0
    ? ok(range)
    : err(`The report starts on ${range.from}, after it ends on ${range.to}: swap the dates.`);
}

export interface UsageRow {
  readonly brand: BrandId;
  /** The watch model; null in the per-part rows, which add up every model. */
  readonly model: string | null;
  readonly partNumber: PartNumber;
  readonly partName: string;
  readonly quantity: number;
  readonly coveredQuantity: number;
  readonly chargedQuantity: number;
  readonly coveredValue: Cents;
  readonly chargedValue: Cents;
}

export interface UsageReport {
  readonly range: DateRange;
  readonly currency: CurrencyCode;
  /** One row per model and part, by brand, model, then part number. */
  readonly byModel: readonly UsageRow[];
  /** One row per part, by brand, then part number. */
  readonly byPart: readonly UsageRow[];
  readonly totals: {
    readonly quantity: number;
    readonly coveredValue: Cents;
    readonly chargedValue: Cents;
  };
}

interface MutableRow {
  brand: BrandId;
  model: string | null;
  partNumber: PartNumber;
  partName: string;
  quantity: number;
  coveredQuantity: number;
  chargedQuantity: number;
  coveredValue: Cents;
  chargedValue: Cents;
}

function addLine(rows: Map<string, MutableRow>, key: string, line: PartLine, model: string | null) {
  let row = rows.get(key);
  if (row === undefined) {
    row = {
      brand: line.brand,
      model,
      partNumber: line.partNumber,
      partName: line.partName,
      quantity: 0,
      coveredQuantity: 0,
      chargedQuantity: 0,
      coveredValue: ZERO_CENTS,
      chargedValue: ZERO_CENTS,
    };
    rows.set(key, row);
  }
  const value = multiplyCents(line.unitPrice.amount, line.quantity);
  row.quantity += line.quantity;
  if (line.coverage === 'covered') {
    row.coveredQuantity += line.quantity;
    row.coveredValue = addCents(row.coveredValue, value);
  } else {
    row.chargedQuantity += line.quantity;
    row.chargedValue = addCents(row.chargedValue, value);
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareRows = (a: UsageRow, b: UsageRow): number =>
  compareText(a.brand, b.brand) ||
  compareText(a.model ?? '', b.model ?? '') ||
  compareText(a.partNumber, b.partNumber);

/**
 * Adds up the part lines fitted in `range` and still on their tickets (a removed line was not
 * used). Lines outside the range or priced in another currency are left out; the caller reads
 * them by the range already, this only keeps the sums honest.
 */
export function buildUsageReport(
  lines: readonly PartLine[],
  range: DateRange,
  currency: CurrencyCode,
): UsageReport {
  const byModel = new Map<string, MutableRow>();
  const byPart = new Map<string, MutableRow>();
  let quantity = 0;
  let coveredValue = ZERO_CENTS;
  let chargedValue = ZERO_CENTS;
  for (const line of lines) {
    if (line.status !== 'fitted' || line.unitPrice.currency !== currency) continue;
    if (comparePlainDates(line.fittedOn, range.from) < 0) continue;
    if (comparePlainDates(line.fittedOn, range.to) > 0) continue;
    // JSON of the parts as the key: no separator a model name could contain breaks it.
    addLine(byModel, JSON.stringify([line.brand, line.model, line.partNumber]), line, line.model);
    addLine(byPart, JSON.stringify([line.brand, line.partNumber]), line, null);
    quantity += line.quantity;
    const value = multiplyCents(line.unitPrice.amount, line.quantity);
    if (line.coverage === 'covered') coveredValue = addCents(coveredValue, value);
    else chargedValue = addCents(chargedValue, value);
  }
  return {
    range,
    currency,
    byModel: [...byModel.values()].sort(compareRows),
    byPart: [...byPart.values()].sort(compareRows),
    totals: { quantity, coveredValue, chargedValue },
  };
}

export interface UsageCsvLabels {
  readonly brand: string;
  readonly model: string;
  readonly partNumber: string;
  readonly part: string;
  readonly quantity: string;
  readonly coveredQuantity: string;
  readonly chargedQuantity: string;
  readonly coveredValue: string;
  readonly chargedValue: string;
  readonly currency: string;
}

export const USAGE_CSV_LABELS_EN: UsageCsvLabels = {
  brand: 'Brand',
  model: 'Model',
  partNumber: 'Part number',
  part: 'Part',
  quantity: 'Quantity',
  coveredQuantity: 'Covered quantity',
  chargedQuantity: 'Charged quantity',
  coveredValue: 'Covered value',
  chargedValue: 'Charged value',
  currency: 'Currency',
};

/**
 * The report as CSV: per model and part (`by_model`) or per part (`by_part`). Values are plain
 * `1250.00` amounts in the report's currency, named in their own column.
 */
export function usageReportCsv(
  report: UsageReport,
  grouping: 'by_model' | 'by_part',
  labels: UsageCsvLabels = USAGE_CSV_LABELS_EN,
): string {
  const perModel = grouping === 'by_model';
  const header: CsvCell[] = [
    labels.brand,
    ...(perModel ? [labels.model] : []),
    labels.partNumber,
    labels.part,
    labels.quantity,
    labels.coveredQuantity,
    labels.chargedQuantity,
    labels.coveredValue,
    labels.chargedValue,
    labels.currency,
  ];
  const rows = (perModel ? report.byModel : report.byPart).map((r): CsvCell[] => [
    r.brand,
    ...(perModel ? [r.model ?? ''] : []),
    r.partNumber,
    r.partName,
    r.quantity,
    r.coveredQuantity,
    r.chargedQuantity,
    formatMinorUnits(r.coveredValue, report.currency),
    formatMinorUnits(r.chargedValue, report.currency),
    report.currency,
  ]);
  return toCsv([header, ...rows]);
}
