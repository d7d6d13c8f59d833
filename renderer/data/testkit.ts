/*
 * Test support for the data layer: a fresh fake-indexeddb per database, a clock and random
 * source the test controls, a set-up counter, and a DBCore middleware that counts rows read and
 * injects failures. Imported only by *.test.ts files.
 */
import type { DBCore, DBCoreCursor, DBCoreTable } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { parsePlainDate, type PlainDate } from '../../shared/dates/plainDate';
import {
  createUuidV7Source,
  type Clock,
  type IdSource,
  type RandomBytes,
} from '../../shared/domain/ids';
import type { IntakeForm } from '../../shared/domain/intake';
import type { WarrantyDecision } from '../../shared/warranty/types';
import type { Component } from '../../shared/warranty/vocabulary';
import {
  addTechnician,
  createCommandDeps,
  updateSettings,
  type CenterForm,
  type CommandDeps,
} from './commands';
import { createCounterDb, type CounterDb } from './db';
import { createStorageGuard, type StorageGuard } from './storage';

export function plainDate(s: string): PlainDate {
  const d = parsePlainDate(s);
  if (d === null) throw new Error(`not a date: ${s}`);
  return d;
}

/** xorshift32: deterministic bytes, so a failing test fails the same way again. */
export function seededRandom(seed = 42): RandomBytes {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export interface TestClock {
  readonly clock: Clock;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2025, 6, 1, 9, 0, 0)): TestClock {
  let now = start;
  return {
    clock: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export interface Instrument {
  /** Rows delivered to Dexie per table since the last reset (query results and cursor steps). */
  readonly reads: Map<string, number>;
  reset(): void;
  /** Makes the next write to `table` fail with `error` (inside whatever transaction runs it). */
  failNextWrite(table: string, error: Error): void;
}

/** Installs the counting and failing middleware; call before opening the database. */
export function instrument(db: CounterDb): Instrument {
  const reads = new Map<string, number>();
  const failures = new Map<string, Error>();
  const count = (table: string, n: number) => reads.set(table, (reads.get(table) ?? 0) + n);
  const countingCursor = (table: string, cursor: DBCoreCursor): DBCoreCursor =>
    Object.create(cursor, {
      start: {
        value: (onNext: () => void) =>
          cursor.start(() => {
            count(table, 1);
            onNext();
          }),
      },
    }) as DBCoreCursor;
  db.use({
    stack: 'dbcore',
    name: 'test-instrument',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => {
            const e = failures.get(name);
            if (e !== undefined) {
              failures.delete(name);
              return Promise.reject(e);
            }
            return t.mutate(req);
          },
          // `.then` on Dexie's own promises, not async/await: a native promise in a middleware
          // loses the transaction's zone and the transaction commits early.
          query: (req) =>
            t.query(req).then((res) => {
              count(name, res.result.length);
              return res;
            }),
          get: (req) =>
            t.get(req).then((v: unknown) => {
              count(name, v === undefined ? 0 : 1);
              return v;
            }),
          getMany: (req) =>
            t.getMany(req).then((vs: unknown[]) => {
              count(name, vs.length);
              return vs;
            }),
          openCursor: (req) =>
            t
              .openCursor(req)
              .then((cursor) => (cursor === null ? null : countingCursor(name, cursor))),
        };
      },
    }),
  });
  return {
    reads,
    reset: () => {
      reads.clear();
    },
    failNextWrite: (table, error) => failures.set(table, error),
  };
}

let dbCount = 0;

/** A database in its own fake IndexedDB, not yet opened. */
export function freshDb(ids: IdSource): { db: CounterDb; factory: IDBFactory } {
  const factory = new IDBFactory();
  dbCount += 1;
  const db = createCounterDb(`counter-test-${dbCount}`, { indexedDB: factory, IDBKeyRange, ids });
  return { db, factory };
}

export const CENTER: CenterForm = {
  name: 'Smart Care Koramangala',
  code: 'BLR01',
  address: '80 Feet Road, Koramangala, Bengaluru',
  phone: '+91 80 4123 4567',
  country: 'IN',
  currency: 'INR',
};

export interface TestCounter {
  readonly db: CounterDb;
  readonly deps: CommandDeps;
  readonly time: TestClock;
  readonly storage: StorageGuard;
  readonly instrument: Instrument;
  readonly factory: IDBFactory;
  /** The technicians added at set-up. */
  readonly techs: readonly [string, string];
}

/** A counter set up as a center would: settings and two technicians (outbox entries 1 to 3). */
export async function setupCounter(
  options: { center?: CenterForm; seed?: number } = {},
): Promise<TestCounter> {
  const time = testClock();
  const random = seededRandom(options.seed ?? 42);
  const { db, factory } = freshDb(createUuidV7Source(time.clock, random));
  const inst = instrument(db);
  await db.open();
  const storage = createStorageGuard();
  const deps = createCommandDeps({ db, clock: time.clock, random, storage });
  const settings = await updateSettings(deps, { center: options.center ?? CENTER });
  if (!settings.ok) throw new Error(JSON.stringify(settings.error));
  const a = await addTechnician(deps, { name: 'Arjun' });
  const b = await addTechnician(deps, { name: 'Meera' });
  if (!a.ok || !b.ok) throw new Error('technicians');
  return {
    db,
    deps,
    time,
    storage,
    instrument: inst,
    factory,
    techs: [a.value.technician.id, b.value.technician.id],
  };
}

export function intakeForm(technicianId: string, over: Partial<IntakeForm> = {}): IntakeForm {
  return {
    customer: { kind: 'new', name: 'Priya Raman', phone: '+91 98765 43210' },
    brand: 'xinji',
    model: 'XINJI Cobee C5',
    serial: 'XJ20240001ABCD',
    invoiceNumber: 'INV-7781',
    invoiceDate: '2025-03-15',
    activationDate: '',
    purchaseChannel: 'authorized_dealer',
    purchaseCountry: 'IN',
    component: 'body',
    proofOfPurchase: true,
    warrantyCard: true,
    warrantySticker: 'intact',
    findings: [],
    complaint: 'Screen stays black after charging.',
    accessories: ['charger'],
    technicianId,
    ...over,
  };
}

/** A decision as the engine would shape it (the engine itself is tested in shared/warranty). */
export function decision(
  visitDate: PlainDate,
  over: Partial<WarrantyDecision> & { component?: Component } = {},
): WarrantyDecision {
  return {
    policyId: 'xinji',
    policyVersion: 1,
    visitDate,
    component: 'body',
    covered: true,
    charge: 'free',
    warrantyStart: plainDate('2025-03-15'),
    warrantyStartSource: 'invoice_date',
    lastCoveredDay: plainDate('2026-03-15'),
    daysLeft: 257,
    reasons: [
      {
        code: 'within_period',
        effect: 'covers',
        clauseId: 'xinji.duration',
        clauseText: 'The warranty period is 12 months from the date of purchase.',
      },
    ],
    missingEvidence: [],
    provisional: false,
    remedies: [{ remedy: 'free_repair', clauseId: 'xinji.remedy', clauseText: 'Free repair.' }],
    ...over,
  };
}

/** A tiny PNG-like image Blob. */
export const image = (bytes = 16): Blob =>
  new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/png' });

/** Every row of every table, for "nothing changed" assertions. */
export async function snapshot(db: CounterDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = (await t.toArray()) as unknown[];
  return out;
}
