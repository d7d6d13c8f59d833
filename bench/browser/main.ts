/**
 * The counter's data layer measured in Chromium, on the same origin (and so the same IndexedDB
 * database) as the built app. Driven by bench/counter.ts through `window.counterBench`.
 */
import { bundledPolicyFiles } from '../../policies';
import { addDays, type PlainDate } from '../../shared/dates/plainDate';
import type { BrandId } from '../../shared/domain/brand';
import {
  createUuidV7Source,
  type CustomerId,
  type DeviceId,
  type EventId,
  type TicketId,
} from '../../shared/domain/ids';
import type { IntakeForm } from '../../shared/domain/intake';
import type { PhoneNumber } from '../../shared/domain/phone';
import type { SerialNumber } from '../../shared/domain/serial';
import { formatTicketNumber, type CenterCode, type TicketStatus } from '../../shared/domain/ticket';
import { evaluate, loadPolicy, type CompiledPolicy } from '../../shared/warranty';
import type { CountryCode } from '../../shared/warranty/countries';
import {
  addTechnician,
  createCommandDeps,
  createTicket,
  updateSettings,
} from '../../renderer/data/commands';
import {
  createCounterDb,
  customerSearchKeys,
  type CounterDb,
  type CustomerRow,
  type DeviceRow,
  type TicketEventRow,
  type TicketRow,
} from '../../renderer/data/db';
import { searchTickets } from '../../renderer/data/queries';
import { createStorageGuard, startStorage } from '../../renderer/data/storage';
import { validateIntake } from '../../shared/domain/intake';
import { defaultSerialRules } from '../../shared/domain/serial';
import { mulberry32 } from '../cases';
import { rawGet, rawGetAll, rawOpen, stats } from './raw';

const DB_NAME = 'counter'; // the app's own database
const CENTER = 'BLR01' as CenterCode;
const STATUSES: TicketStatus[] = [
  'received',
  'diagnosing',
  'repairing',
  'ready_for_pickup',
  'collected',
  'collected',
];
const BRANDS: BrandId[] = ['xinji', 'xinji', 'xinji', 'kospet', 'coros', 'bluetens'];
const FIRST = [
  'Priya',
  'Anil',
  'Meera',
  'Ravi',
  'Sunita',
  'Kavya',
  'Arjun',
  'Zoë',
  '王',
  'अनिल',
  'Fatima',
  'John',
];
const LAST = [
  'Sharma',
  'Mehta',
  'Rao',
  'Kumar',
  'Iyer',
  'Nair',
  'Khan',
  'Das',
  '小明',
  'कुमार',
  'Singh',
  'Smith',
];

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
const policies = new Map<string, CompiledPolicy>(
  bundledPolicyFiles.map(({ file, json }) => {
    const p = loadPolicy(json, file);
    return [p.id, p];
  }),
);

let db: CounterDb | null = null;
async function open(): Promise<CounterDb> {
  if (db) return db;
  const now = () => Date.now();
  const d = createCounterDb(DB_NAME, { ids: createUuidV7Source(now, random) });
  const r = await startStorage(d, createStorageGuard(), navigator.storage);
  if (!r.ok) throw new Error(r.problem.message);
  db = d;
  return d;
}

const serialOf = (i: number) => `XJ${String(i).padStart(10, '0')}`;
const phoneOf = (c: number) => `+9198${String(10_000_000 + c).padStart(8, '0')}`;

/** Seeds `n` tickets (with customers, devices and two events each) in bulk. */
async function seed(n: number): Promise<{ ms: number; customers: number }> {
  const d = await open();
  const deps = createCommandDeps({
    db: d,
    clock: () => Date.now(),
    random,
    storage: createStorageGuard(),
  });
  await updateSettings(deps, {
    center: {
      name: 'Bench Center',
      code: CENTER,
      address: '',
      phone: '',
      country: 'IN',
      currency: 'INR',
    },
  });
  const tech = await addTechnician(deps, { name: 'Bench Tech' });
  if (!tech.ok) throw new Error('no technician');
  const techId = tech.value.technician.id;
  const ids = createUuidV7Source(() => Date.now(), random);
  const rnd = mulberry32(7);
  const customersCount = Math.ceil(n / 2.5);
  const t0 = performance.now();
  const start = Date.UTC(2023, 0, 1);
  const policy = policies.get('xinji');
  if (!policy) throw new Error('no policy');
  const CHUNK = 5000;
  const perDay = new Map<string, number>();
  for (let base = 0; base < n; base += CHUNK) {
    const customers: CustomerRow[] = [];
    const devices: DeviceRow[] = [];
    const tickets: TicketRow[] = [];
    const events: TicketEventRow[] = [];
    for (let i = base; i < Math.min(n, base + CHUNK); i++) {
      const createdAt = start + Math.floor((i / n) * 3 * 365 * 86_400_000);
      const visitDate = new Date(createdAt).toISOString().slice(0, 10) as PlainDate;
      const c = i % customersCount;
      const customerId = `c-${String(c).padStart(7, '0')}` as CustomerId;
      if (i < customersCount) {
        const name = `${FIRST[c % FIRST.length] ?? ''} ${LAST[Math.floor(c / FIRST.length) % LAST.length] ?? ''}`;
        const phone = phoneOf(c) as PhoneNumber;
        customers.push({
          id: customerId,
          name,
          phone,
          createdAt,
          updatedAt: createdAt,
          ...customerSearchKeys({ name, phone }),
        });
      }
      const deviceId = ids() as DeviceId;
      const brand = BRANDS[i % BRANDS.length] ?? 'xinji';
      const invoiceDate = addDays(visitDate, -Math.floor(rnd() * 500));
      devices.push({
        id: deviceId,
        brand,
        serial: serialOf(i) as SerialNumber,
        model: 'Watch S1',
        invoiceNumber: `INV-${String(i)}`,
        invoiceDate,
        activationDate: invoiceDate,
        purchaseChannel: 'authorized_dealer',
        purchaseCountry: 'IN' as CountryCode,
        createdAt,
        updatedAt: createdAt,
      });
      const facts = {
        component: 'body' as const,
        invoiceDate,
        activationDate: invoiceDate,
        proofOfPurchase: true,
        warrantyCard: true,
        purchaseChannel: 'authorized_dealer' as const,
        purchaseCountry: 'IN' as CountryCode,
        serviceCountry: 'IN' as CountryCode,
        warrantySticker: 'intact' as const,
        findings: rnd() < 0.2 ? ['liquid_damage' as const] : [],
      };
      const decision = evaluate(policy, facts, visitDate);
      const ticketId = ids() as TicketId;
      const sequence = (perDay.get(visitDate) ?? 0) + 1;
      perDay.set(visitDate, sequence);
      const number = formatTicketNumber(CENTER, visitDate, sequence);
      tickets.push({
        id: ticketId,
        number,
        center: CENTER,
        customerId,
        deviceId,
        serial: serialOf(i) as SerialNumber,
        brand,
        status: STATUSES[i % STATUSES.length] ?? 'received',
        visitDate,
        createdAt,
        updatedAt: createdAt,
        receivedBy: techId,
        complaint: 'Does not charge',
        accessories: [],
        component: 'body',
        findings: facts.findings,
        decision: {
          policyId: decision.policyId,
          policyVersion: decision.policyVersion,
          covered: decision.covered,
          charge: decision.charge,
          provisional: false,
          lastCoveredDay: decision.lastCoveredDay,
        },
        quote: null,
      });
      events.push(
        {
          id: ids() as EventId,
          ticketId,
          at: createdAt,
          technicianId: techId,
          kind: 'created',
          number,
          status: 'received',
        },
        {
          id: ids() as EventId,
          ticketId,
          at: createdAt,
          technicianId: techId,
          kind: 'decision',
          cause: 'intake',
          decision,
          facts,
          visitDate,
        },
      );
    }
    await d.transaction('rw', [d.customers, d.devices, d.tickets, d.ticketEvents], async () => {
      await d.customers.bulkAdd(customers);
      await d.devices.bulkAdd(devices);
      await d.tickets.bulkAdd(tickets);
      await d.ticketEvents.bulkAdd(events);
    });
  }
  return { ms: performance.now() - t0, customers: customersCount };
}

async function measureSearch(n: number, samples: number) {
  const d = await open();
  const rnd = mulberry32(11);
  const customers = Math.ceil(n / 2.5);
  const serials = Array.from({ length: samples }, () => serialOf(Math.floor(rnd() * n)));
  const phones = Array.from({ length: samples }, () => phoneOf(Math.floor(rnd() * customers)));
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return performance.now() - t0;
  };
  // Warm both paths once.
  await searchTickets(d, { text: serials[0] ?? '', limit: 50 });
  const idb = await rawOpen(DB_NAME);
  const serialApp: number[] = [];
  const serialRaw: number[] = [];
  const serialRawJoined: number[] = [];
  const phoneApp: number[] = [];
  const phoneRaw: number[] = [];
  const phoneRawJoined: number[] = [];
  const rawTickets = (key: string, index: string) =>
    rawGetAll(
      idb,
      'tickets',
      index,
      IDBKeyRange.bound([key, -Infinity], [key, Infinity]),
      51,
    ) as Promise<{ customerId: string; deviceId: string }[]>;
  /** What a result row needs besides the ticket: its customer and its device. */
  const rawJoin = (tickets: { customerId: string; deviceId: string }[]) =>
    Promise.all(
      tickets.flatMap((t) => [
        rawGet(idb, 'customers', t.customerId),
        rawGet(idb, 'devices', t.deviceId),
      ]),
    );
  const rawCustomers = (phone: string) =>
    rawGetAll(
      idb,
      'customers',
      'phoneDigits',
      IDBKeyRange.only(phone.replace(/\D/g, '')),
      50,
    ) as Promise<{ id: string }[]>;
  for (let i = 0; i < samples; i++) {
    const serial = serials[i] ?? '';
    const phone = phones[i] ?? '';
    serialApp.push(await time(() => searchTickets(d, { text: serial, limit: 50 })));
    serialRaw.push(await time(() => rawTickets(serial, '[serial+createdAt]')));
    serialRawJoined.push(
      await time(async () => rawJoin(await rawTickets(serial, '[serial+createdAt]'))),
    );
    phoneApp.push(await time(() => searchTickets(d, { text: phone, limit: 50 })));
    phoneRaw.push(
      await time(async () => {
        for (const c of await rawCustomers(phone)) await rawTickets(c.id, '[customerId+createdAt]');
      }),
    );
    phoneRawJoined.push(
      await time(async () => {
        for (const c of await rawCustomers(phone))
          await rawJoin(await rawTickets(c.id, '[customerId+createdAt]'));
      }),
    );
  }
  idb.close();
  return {
    serialApp: stats(serialApp),
    serialRaw: stats(serialRaw),
    serialRawJoined: stats(serialRawJoined),
    phoneApp: stats(phoneApp),
    phoneRaw: stats(phoneRaw),
    phoneRawJoined: stats(phoneRawJoined),
    isolated: crossOriginIsolated,
  };
}

/** Command latency: `createTicket` end to end (validate, write rows, outbox) on the seeded database. */
async function measureCreate(samples: number) {
  const d = await open();
  const deps = createCommandDeps({
    db: d,
    clock: () => Date.now(),
    random,
    storage: createStorageGuard(),
  });
  const settings = (await d.settings.get('app'))?.value as
    { technicians: { id: string }[] } | undefined;
  const techId = settings?.technicians[0]?.id ?? '';
  const policy = policies.get('xinji');
  if (!policy) throw new Error('no policy');
  const today = new Date().toISOString().slice(0, 10) as PlainDate;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const form: IntakeForm = {
      customer: {
        kind: 'new',
        name: `Bench Customer ${String(i)}`,
        phone: `+91 90000 ${String(10000 + i)}`,
      },
      brand: 'xinji',
      model: 'Watch S1',
      serial: `XJBENCH${String(i).padStart(6, '0')}`,
      invoiceNumber: 'INV-B',
      invoiceDate: addDays(today, -30),
      activationDate: addDays(today, -31),
      purchaseChannel: 'authorized_dealer',
      purchaseCountry: 'IN',
      component: 'body',
      proofOfPurchase: true,
      warrantyCard: true,
      warrantySticker: 'intact',
      findings: [],
      complaint: 'Bench',
      accessories: [],
      technicianId: techId,
    };
    const v = validateIntake(form, today, {
      serialRules: defaultSerialRules(),
      serviceCountry: 'IN' as CountryCode,
    });
    if (!v.ok) throw new Error(v.error.map((e) => e.message).join('; '));
    const decision = evaluate(policy, v.value.facts, today);
    const t0 = performance.now();
    const r = await createTicket(deps, { form, visitDate: today, decision });
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  return stats(times);
}

declare global {
  interface Window {
    counterBench: {
      seed: typeof seed;
      measureSearch: typeof measureSearch;
      measureCreate: typeof measureCreate;
      close: () => void;
    };
  }
}

window.counterBench = {
  seed,
  measureSearch,
  measureCreate,
  close: () => {
    db?.close();
    db = null;
  },
};
const state = document.getElementById('state');
if (state) state.textContent = 'ready';
