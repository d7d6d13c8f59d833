/**
 * The parts ledger measured in Chromium with the real data layer: on-hand for every part from a
 * ledger of N movements (`onHandForAll`), beside raw IndexedDB reads of the same movements in
 * the same run. Driven by bench/parts.ts through `window.partsBench`.
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import {
  createUuidV7Source,
  type CustomerId,
  type DeviceId,
  type TechnicianId,
  type TicketId,
} from '../../shared/domain/ids';
import type { SerialNumber } from '../../shared/domain/serial';
import type { CenterCode, TicketNumber } from '../../shared/domain/ticket';
import type { PartNumber } from '../../shared/parts/catalog';
import type {
  PartLineId,
  StockCountId,
  StockMovement,
  StockMovementId,
} from '../../shared/parts/records';
import type { CountryCode } from '../../shared/warranty/countries';
import { addTechnician, createCommandDeps, updateSettings } from '../../renderer/data/commands';
import { createCounterDb, type CounterDb } from '../../renderer/data/db';
import {
  addPartLine,
  lowStock,
  onHand,
  onHandForAll,
  receiveStock,
} from '../../renderer/data/parts';
import { createStorageGuard, startStorage } from '../../renderer/data/storage';
import { rawOpen, rawRequest, stats } from '../browser/raw';

const DB_NAME = 'counter-parts-bench';
const T0 = Date.UTC(2023, 0, 1);
const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

let db: CounterDb | null = null;
async function open(): Promise<CounterDb> {
  if (db) return db;
  const d = createCounterDb(DB_NAME, { ids: createUuidV7Source(() => Date.now(), random) });
  const r = await startStorage(d, createStorageGuard(), navigator.storage);
  if (!r.ok) throw new Error(r.problem.message);
  db = d;
  return d;
}

function deleteDb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => {
      resolve();
    };
    req.onerror = () => {
      reject(req.error ?? new Error('delete failed'));
    };
  });
}

/*
 * Each part's history cycles through the ledger's kinds; a cycle nets +1, and on-hand never goes
 * below zero inside it (7, 6, 4, 5, 4, 3, 2, 1).
 */
const CYCLE: readonly [StockMovement['kind'], number][] = [
  ['received', 7],
  ['fitted', -1],
  ['fitted', -2],
  ['put_back', 1],
  ['fitted', -1],
  ['adjusted', -1],
  ['returned', -1],
  ['fitted', -1],
];

const TICKET = '0190a000-0000-7000-8000-000000000001' as TicketId;
const DEVICE = '0190a000-0000-7000-8000-000000000002' as DeviceId;

/** Seeds `n` movements over every catalog part, in bulk, plus one ticket to fit parts on. */
async function seed(n: number): Promise<{ ms: number; parts: number; techId: TechnicianId }> {
  db?.close();
  db = null;
  await deleteDb();
  const d = await open();
  const deps = createCommandDeps({
    db: d,
    clock: () => Date.now(),
    random,
    storage: createStorageGuard(),
  });
  const settings = await updateSettings(deps, {
    center: {
      name: 'Bench',
      code: 'BLR01',
      address: '',
      phone: '',
      country: 'IN',
      currency: 'INR',
    },
  });
  if (!settings.ok) throw new Error('settings');
  const tech = await addTechnician(deps, { name: 'Bench Tech' });
  if (!tech.ok) throw new Error('no technician');
  const by = tech.value.technician.id;
  const parts = (await d.partsCatalog.toArray()).map((p) => p.partNumber);
  const ids = createUuidV7Source(() => Date.now(), random);
  const t0 = performance.now();
  const CHUNK = 10_000;
  for (let base = 0; base < n; base += CHUNK) {
    const rows: StockMovement[] = [];
    for (let i = base; i < Math.min(n, base + CHUNK); i++) {
      const partNumber = parts[i % parts.length] as PartNumber;
      const [kind, delta] = CYCLE[Math.floor(i / parts.length) % CYCLE.length] ?? ['received', 1];
      const at = T0 + i * 60_000;
      const common = {
        id: ids() as StockMovementId,
        partNumber,
        delta,
        at,
        day: new Date(at).toISOString().slice(0, 10) as PlainDate,
        by,
      };
      switch (kind) {
        case 'received':
          rows.push({ ...common, kind, deliveryRef: `DN-${String(i)}` });
          break;
        case 'fitted':
        case 'put_back':
          rows.push({ ...common, kind, ticketId: TICKET, lineId: ids() as PartLineId });
          break;
        case 'returned':
          rows.push({ ...common, kind, reference: 'RMA-1', reason: 'surplus' });
          break;
        case 'adjusted':
          rows.push({ ...common, kind, countId: ids() as StockCountId, reason: 'monthly count' });
          break;
      }
    }
    await d.stockMovements.bulkAdd(rows);
  }
  const ms = performance.now() - t0;
  await d.transaction('rw', [d.devices, d.tickets], async () => {
    await d.devices.add({
      id: DEVICE,
      brand: 'xinji',
      serial: 'XJBENCH0001' as SerialNumber,
      model: 'XINJI Cobee C5',
      invoiceNumber: 'INV-B',
      invoiceDate: null,
      activationDate: null,
      purchaseChannel: 'authorized_dealer',
      purchaseCountry: 'IN' as CountryCode,
      createdAt: T0,
      updatedAt: T0,
    });
    await d.tickets.add({
      id: TICKET,
      number: 'BLR01-250701-001' as TicketNumber,
      center: 'BLR01' as CenterCode,
      customerId: '0190a000-0000-7000-8000-000000000003' as CustomerId,
      deviceId: DEVICE,
      serial: 'XJBENCH0001' as SerialNumber,
      brand: 'xinji',
      status: 'repairing',
      visitDate: '2025-07-01' as PlainDate,
      createdAt: T0,
      updatedAt: T0,
      receivedBy: by,
      complaint: 'Bench',
      accessories: [],
      component: 'body',
      findings: [],
      decision: {
        policyId: 'xinji',
        policyVersion: 1,
        covered: true,
        charge: 'free',
        provisional: false,
        lastCoveredDay: null,
      },
      quote: null,
    });
  });
  return { ms, parts: parts.length, techId: by };
}

interface RawRow {
  readonly partNumber: string;
  readonly delta: number;
}

/** The baseline: one cursor over the movements, summing as it goes. */
function rawCursorSum(idb: IDBDatabase): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const sums = new Map<string, number>();
    const req = idb
      .transaction('stockMovements', 'readonly')
      .objectStore('stockMovements')
      .openCursor();
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor === null) {
        resolve(sums);
        return;
      }
      const m = cursor.value as RawRow;
      sums.set(m.partNumber, (sums.get(m.partNumber) ?? 0) + m.delta);
      cursor.continue();
    };
    req.onerror = () => {
      reject(req.error ?? new Error('cursor failed'));
    };
  });
}

/** Context: one raw getAll of the whole store, and getAllKeys (the floor for any full read). */
async function rawGetAllSum(idb: IDBDatabase): Promise<Map<string, number>> {
  const store = idb.transaction('stockMovements', 'readonly').objectStore('stockMovements');
  const rows = (await rawRequest(store.getAll())) as RawRow[];
  const sums = new Map<string, number>();
  for (const m of rows) sums.set(m.partNumber, (sums.get(m.partNumber) ?? 0) + m.delta);
  return sums;
}

async function rawKeysOnly(idb: IDBDatabase): Promise<number> {
  const store = idb.transaction('stockMovements', 'readonly').objectStore('stockMovements');
  return (await rawRequest(store.getAllKeys())).length;
}

const same = (a: Map<string, number>, b: Map<string, number>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

async function measureOnHand(rounds: number) {
  const d = await open();
  const idb = await rawOpen(DB_NAME);
  const app: number[] = [];
  const cursor: number[] = [];
  const getAll: number[] = [];
  const keys: number[] = [];
  const time = async <T>(into: number[], f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    into.push(performance.now() - t0);
    return r;
  };
  // Warm both paths once; then interleave, so drift hits both alike.
  const warmApp = await onHandForAll(d);
  const warmRaw = await rawCursorSum(idb);
  if (!same(warmApp, warmRaw)) throw new Error('onHandForAll and the raw sum disagree');
  let total = 0;
  for (let i = 0; i < rounds; i++) {
    total += (await time(app, () => onHandForAll(d))).size;
    total += (await time(cursor, () => rawCursorSum(idb))).size;
    total += (await time(getAll, () => rawGetAllSum(idb))).size;
    total += await time(keys, () => rawKeysOnly(idb));
  }
  idb.close();
  return {
    movements: await d.stockMovements.count(),
    parts: warmApp.size,
    app: stats(app),
    rawCursor: stats(cursor),
    rawGetAll: stats(getAll),
    rawKeysOnly: stats(keys),
    isolated: crossOriginIsolated,
    total,
  };
}

/** The commands and per-part reads a technician waits for, on the full ledger. */
async function measureCommands(techId: TechnicianId, samples: number) {
  const d = await open();
  const deps = createCommandDeps({
    db: d,
    clock: () => Date.now(),
    random,
    storage: createStorageGuard(),
  });
  const part = 'XJ-C5-BTN' as PartNumber;
  const today = '2025-07-01' as PlainDate;
  const one: number[] = [];
  const fit: number[] = [];
  const receive: number[] = [];
  const low: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t0 = performance.now();
    await onHand(d, part);
    one.push(performance.now() - t0);
    t0 = performance.now();
    const r = await receiveStock(deps, {
      technicianId: techId,
      today,
      deliveryRef: `BENCH-${String(i)}-${String(Date.now())}`,
      lines: [{ partNumber: part, quantity: 1 }],
    });
    receive.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    t0 = performance.now();
    const f = await addPartLine(deps, {
      ticketId: TICKET,
      technicianId: techId,
      today,
      partNumber: part,
      quantity: 1,
    });
    fit.push(performance.now() - t0);
    if (!f.ok) throw new Error(JSON.stringify(f.error));
  }
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await lowStock(d);
    low.push(performance.now() - t0);
  }
  return {
    onHandOnePart: stats(one),
    receiveStock: stats(receive),
    addPartLine: stats(fit),
    lowStock: stats(low),
  };
}

declare global {
  interface Window {
    partsBench: {
      seed: typeof seed;
      measureOnHand: typeof measureOnHand;
      measureCommands: typeof measureCommands;
      close: () => void;
    };
  }
}

window.partsBench = {
  seed,
  measureOnHand,
  measureCommands,
  close: () => {
    db?.close();
    db = null;
  },
};
const state = document.getElementById('state');
if (state) state.textContent = 'ready';
