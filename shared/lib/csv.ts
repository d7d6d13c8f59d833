/*
 * CSV as RFC 4180 writes it: CRLF between records, a field in double quotes when it holds a
 * comma, a quote or a line break, and a quote inside doubled.
 *
 * Spreadsheets run a cell that starts with = + - or @ as a formula, so a text cell starting with
 * one (a model name typed as "=HYPERLINK(...)") is written with a leading single quote, which
 * they show as text (OWASP, "CSV Injection"). Tab and carriage return start formulas in some
 * of them too, so they are guarded alike. Numbers are written as numbers: they cannot be
 * formulas, and "-3" must stay a number.
 */

export type CsvCell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`a CSV number must be finite, got ${value}`);
    return String(value);
  }
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',');
}

/** The records, each ended by CRLF. */
export function toCsv(records: readonly (readonly CsvCell[])[]): string {
  return records.map((r) => `${csvRecord(r)}\r\n`).join('');
}
