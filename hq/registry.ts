import { isPlainDate, type PlainDate } from '../shared/dates/plainDate';
import { BRANDS, type BrandId } from '../shared/domain/brand';
import { normalizeSerial, type SerialNumber } from '../shared/domain/serial';
import { isTicketStatus } from '../shared/domain/ticket';
import { err, ok, type Result } from '../shared/lib/result';
import type { RegistryAnswer, Repair } from '../shared/sync/protocol';
import { isCountryCode, type CountryCode } from '../shared/warranty/countries';
import {
  COMPONENTS,
  includes,
  PURCHASE_CHANNELS,
  type PurchaseChannel,
} from '../shared/warranty/vocabulary';
import { appendChanges, type NewChange } from './changes';
import { int, json, text, textOrNull, toJson, type Queryable, type Row } from './db/types';
import type { HqContext } from './context';
import { parseCsv } from './csv';

/*
 * The manufacturers' registry: what was sold, where, when it was activated. HQ answers a
 * counter's question about a serial from it, with the earlier repairs at any center.
 */

export const REGISTRY_COLUMNS = [
  'serial',
  'brand',
  'model',
  'activation_date',
  'sold_date',
  'sold_country',
  'sold_channel',
] as const;

export interface RegistryRow {
  readonly serial: SerialNumber;
  readonly brand: BrandId;
  readonly model: string;
  readonly activationDate: PlainDate | null;
  readonly soldDate: PlainDate | null;
  readonly soldCountry: CountryCode | null;
  readonly soldChannel: PurchaseChannel | null;
}

export interface RowProblem {
  readonly line: number;
  readonly message: string;
}

const SERIAL = /^[A-Z0-9]{1,64}$/;

function parseRow(fields: readonly string[]): Result<RegistryRow, string[]> {
  const problems: string[] = [];
  const [rawSerial, rawBrand, model, activation, sold, country, channel] = fields.map((f) =>
    f.trim(),
  );
  const serial = normalizeSerial(rawSerial ?? '');
  if (serial === '') problems.push('serial is empty');
  else if (!SERIAL.test(serial)) {
    problems.push(`serial "${rawSerial ?? ''}" is not 1 to 64 letters and digits`);
  }
  const brand = (rawBrand ?? '').toLowerCase();
  if (!includes(BRANDS, brand)) {
    problems.push(`brand "${rawBrand ?? ''}" is not one of ${BRANDS.join(', ')}`);
  }
  if ((model ?? '').length > 200) problems.push('model is longer than 200 characters');
  const date = (name: string, v: string | undefined): PlainDate | null => {
    if (v === undefined || v === '') return null;
    if (isPlainDate(v)) return v;
    problems.push(`${name} "${v}" is not a YYYY-MM-DD date`);
    return null;
  };
  const activationDate = date('activation_date', activation);
  const soldDate = date('sold_date', sold);
  const upperCountry = (country ?? '').toUpperCase();
  if (upperCountry !== '' && !isCountryCode(upperCountry)) {
    problems.push(`sold_country "${country ?? ''}" is not a two-letter ISO country code`);
  }
  if ((channel ?? '') !== '' && !includes(PURCHASE_CHANNELS, channel)) {
    problems.push(
      `sold_channel "${channel ?? ''}" is not one of ${PURCHASE_CHANNELS.join(', ')} (or empty)`,
    );
  }
  if (problems.length > 0 || !includes(BRANDS, brand)) return err(problems);
  return ok({
    serial: serial as SerialNumber,
    brand,
    model: model ?? '',
    activationDate,
    soldDate,
    soldCountry: isCountryCode(upperCountry) ? upperCountry : null,
    soldChannel: includes(PURCHASE_CHANNELS, channel) ? channel : null,
  });
}

/**
 * Reads a registry CSV and checks every row. All or nothing: one bad row and nothing is imported,
 * every bad row is reported with its line, and the file can be fixed and imported again (the
 * import is idempotent: rows are upserted by serial). A half-imported registry would answer some
 * counters from stale data without anyone noticing.
 */
export function parseRegistryCsv(input: string): Result<RegistryRow[], RowProblem[]> {
  const csv = parseCsv(input);
  if (!csv.ok) return err([{ line: csv.line, message: csv.message }]);
  const [header, ...records] = csv.records;
  if (header === undefined) return err([{ line: 1, message: 'the file is empty' }]);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  if (names.join(',') !== REGISTRY_COLUMNS.join(',')) {
    return err([
      {
        line: header.line,
        message: `the header must be exactly: ${REGISTRY_COLUMNS.join(',')} (got ${header.fields.join(',')})`,
      },
    ]);
  }
  const problems: RowProblem[] = [];
  const rows: RegistryRow[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== REGISTRY_COLUMNS.length) {
      problems.push({
        line: record.line,
        message: `${record.fields.length} fields, expected ${REGISTRY_COLUMNS.length}`,
      });
      continue;
    }
    const row = parseRow(record.fields);
    if (!row.ok) {
      problems.push({ line: record.line, message: row.error.join('; ') });
      continue;
    }
    const seen = firstLine.get(row.value.serial);
    if (seen !== undefined) {
      problems.push({
        line: record.line,
        message: `serial ${row.value.serial} is already on line ${seen}: keep one row per watch`,
      });
      continue;
    }
    firstLine.set(row.value.serial, record.line);
    rows.push(row.value);
  }
  if (problems.length > 0) return err(problems);
  if (rows.length === 0) return err([{ line: header.line, message: 'the file has no rows' }]);
  return ok(rows);
}

const IMPORT_CHUNK = 1000;

export interface ImportOutcome {
  readonly imported: number;
  /** Registry changes queued for centers that have tickets for the imported serials. */
  readonly changes: number;
}

/** Upserts the rows and tells each center with tickets for them, in one transaction. */
export async function importRegistry(
  ctx: HqContext,
  rows: readonly RegistryRow[],
): Promise<ImportOutcome> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
      const chunk = rows.slice(i, i + IMPORT_CHUNK).map((r) => ({
        serial: r.serial,
        brand: r.brand,
        model: r.model,
        activation_date: r.activationDate,
        sold_date: r.soldDate,
        sold_country: r.soldCountry,
        sold_channel: r.soldChannel,
      }));
      await tx.query(
        `INSERT INTO registry (serial, brand, model, activation_date, sold_date, sold_country,
                               sold_channel, imported_at)
         SELECT serial, brand, model, activation_date, sold_date, sold_country, sold_channel, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(serial text, brand text, model text,
           activation_date text, sold_date text, sold_country text, sold_channel text)
         ON CONFLICT (serial) DO UPDATE SET brand = EXCLUDED.brand, model = EXCLUDED.model,
           activation_date = EXCLUDED.activation_date, sold_date = EXCLUDED.sold_date,
           sold_country = EXCLUDED.sold_country, sold_channel = EXCLUDED.sold_channel,
           imported_at = EXCLUDED.imported_at`,
        [toJson(chunk), now],
      );
    }
    const changes: NewChange[] = [];
    for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
      const serials = rows.slice(i, i + IMPORT_CHUNK).map((r) => r.serial);
      changes.push(...(await registryChangesFor(tx, serials, null, now)));
    }
    await appendChanges(tx, changes, now);
    return { imported: rows.length, changes: changes.length };
  });
}

/**
 * Registry answers to send down for `serials`: one per center that has tickets for the serial
 * (only to `onlyCenter` when given), for serials the registry knows. Counters hear about the
 * watches they have seen, not the whole registry: a registry of millions would otherwise flow
 * to every counter; any other serial is one `GET /v1/devices/:serial` away.
 */
export async function registryChangesFor(
  q: Queryable,
  serials: readonly string[],
  onlyCenter: string | null,
  now: number,
): Promise<NewChange[]> {
  if (serials.length === 0) return [];
  const pairs = await q.query(
    `SELECT DISTINCT t.center_code, t.serial FROM tickets t
     WHERE t.serial = ANY($1::text[])
       AND ($2::text IS NULL OR t.center_code = $2)
       AND EXISTS (SELECT 1 FROM registry g WHERE g.serial = t.serial)
     ORDER BY t.serial, t.center_code`,
    [serials, onlyCenter],
  );
  const out: NewChange[] = [];
  const answers = new Map<string, RegistryAnswer>();
  for (const p of pairs) {
    const serial = text(p, 'serial');
    let answer = answers.get(serial) ?? null;
    if (answer === null) {
      answer = await registryAnswer(q, serial, now);
      if (answer === null) continue;
      answers.set(serial, answer);
    }
    out.push({
      centerCode: text(p, 'center_code'),
      body: { kind: 'registry', serial: answer.serial, answer },
    });
  }
  return out;
}

const MAX_REPAIRS = 50;

function repairOf(r: Row): Repair | null {
  const status = text(r, 'status');
  const component = text(r, 'component');
  const visitDate = text(r, 'visit_date');
  const decision = json(r, 'decision') as { covered?: unknown; charge?: unknown } | null;
  if (!isTicketStatus(status) || !includes(COMPONENTS, component) || !isPlainDate(visitDate)) {
    return null;
  }
  return {
    centerCode: text(r, 'center_code'),
    ticketNumber: text(r, 'number'),
    visitDate,
    status,
    component,
    covered: decision?.covered === true,
    charge: decision?.charge === 'free' ? 'free' : 'paid',
  };
}

/** What HQ knows about a watch; null when neither the registry nor any ticket knows it. */
export async function registryAnswer(
  q: Queryable,
  rawSerial: string,
  now: number,
): Promise<RegistryAnswer | null> {
  const serial = normalizeSerial(rawSerial);
  if (serial === '' || serial.length > 64) return null;
  const [reg] = await q.query(
    `SELECT brand, model, activation_date, sold_date, sold_country, sold_channel
     FROM registry WHERE serial = $1`,
    [serial],
  );
  const repairRows = await q.query(
    `SELECT center_code, number, visit_date, status, component, decision
     FROM tickets WHERE serial = $1 ORDER BY visit_date DESC, created_at DESC LIMIT $2`,
    [serial, MAX_REPAIRS],
  );
  if (reg === undefined && repairRows.length === 0) return null;
  const [replacements] = await q.query(
    'SELECT count(*)::int AS n FROM free_replacements WHERE serial = $1',
    [serial],
  );
  const brand = reg === undefined ? null : text(reg, 'brand');
  const date = (r: Row, k: string): PlainDate | null => {
    const v = textOrNull(r, k);
    return v !== null && isPlainDate(v) ? v : null;
  };
  const country = reg === undefined ? null : textOrNull(reg, 'sold_country');
  const channel = reg === undefined ? null : textOrNull(reg, 'sold_channel');
  return {
    serial: serial as SerialNumber,
    registered: reg !== undefined,
    brand: includes(BRANDS, brand) ? brand : null,
    model: reg === undefined ? null : text(reg, 'model'),
    activationDate: reg === undefined ? null : date(reg, 'activation_date'),
    sold:
      reg === undefined
        ? null
        : {
            date: date(reg, 'sold_date'),
            country: isCountryCode(country) ? country : null,
            channel: includes(PURCHASE_CHANNELS, channel) ? channel : null,
          },
    repairs: repairRows.map(repairOf).filter((r): r is Repair => r !== null),
    freeReplacementsGiven: replacements === undefined ? 0 : int(replacements, 'n'),
    answeredAt: now,
  };
}
