import Dexie, { type Collection } from 'dexie';
import { daysBetween, type PlainDate } from '../../shared/dates/plainDate';
import type { CustomerId, PhotoId, TicketId } from '../../shared/domain/ids';
import {
  MIN_PHONE_SEARCH_DIGITS,
  classifySearchText,
  nameMatches,
  nameWords,
  reverseDigits,
  type SearchText,
} from '../../shared/domain/search';
import { phoneDigits } from '../../shared/domain/phone';
import { asSearchSerial } from '../../shared/domain/serial';
import type { TicketStatus } from '../../shared/domain/ticket';
import type {
  CounterDb,
  CustomerRecord,
  CustomerRow,
  DeviceRow,
  PhotoMeta,
  TicketEventRow,
  TicketRow,
} from './db';

/*
 * Read queries for the counter's screens. Every one walks an index and reads about as many rows
 * as it returns, so a center with 100,000 tickets answers as fast as one with ten: lists are
 * newest first through [key+createdAt] indexes walked backwards, and pages continue from a
 * cursor rather than an offset.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** A name or phone search looks at the tickets of at most this many matching customers. */
export const MAX_CUSTOMERS_PER_SEARCH = 50;
/** A watch back within this many days of its last visit is a repeat repair. */
export const REPEAT_REPAIR_DAYS = 90;

/** Where the next page starts: just after this ticket, in newest-first order. */
export interface PageCursor {
  readonly createdAt: number;
  readonly id: TicketId;
}

export interface TicketSearch {
  /** Auto-detected: ticket number, serial, phone or customer name. Empty: all tickets. */
  readonly text?: string;
  readonly status?: TicketStatus | null;
  readonly limit?: number;
  readonly after?: PageCursor | null;
}

export interface TicketSummary {
  readonly ticket: TicketRow;
  readonly customer: CustomerRecord | null;
  readonly device: DeviceRow | null;
}

export interface TicketPage {
  readonly items: readonly TicketSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: PageCursor | null;
  /** How the text was read, so the screen can say "tickets for serial …". */
  readonly matchedAs: SearchText['kind'];
  /** More customers matched than a search looks at: the technician should type more. */
  readonly moreCustomers: boolean;
}

type TicketFilter = (t: TicketRow) => boolean;

/** Newest-first order: later createdAt first, then the larger id (index order for equal keys). */
function newerFirst(a: TicketRow, b: TicketRow): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function afterCursor(after: PageCursor | null): TicketFilter | null {
  if (after === null) return null;
  return (t) =>
    t.createdAt < after.createdAt || (t.createdAt === after.createdAt && t.id < after.id);
}

function combine(filters: readonly (TicketFilter | null)[]): TicketFilter | null {
  const fs = filters.filter((f): f is TicketFilter => f !== null);
  if (fs.length === 0) return null;
  return (t) => fs.every((f) => f(t));
}

/**
 * Up to `take` tickets whose compound index `[field+createdAt]` starts with `key`, newest first,
 * after the cursor. The walk starts at the cursor's time, so earlier pages are not re-read.
 */
function newestWhere(
  db: CounterDb,
  index: '[status+createdAt]' | '[serial+createdAt]' | '[customerId+createdAt]',
  key: string,
  after: PageCursor | null,
  filter: TicketFilter | null,
  take: number,
): Promise<TicketRow[]> {
  const upper = after === null ? Dexie.maxKey : after.createdAt;
  let c: Collection<TicketRow, TicketId> = db.tickets
    .where(index)
    .between([key, Dexie.minKey], [key, upper], true, true)
    .reverse();
  const f = combine([afterCursor(after), filter]);
  if (f !== null) c = c.filter(f);
  return c.limit(take).toArray();
}

function newestOfAll(db: CounterDb, after: PageCursor | null, take: number): Promise<TicketRow[]> {
  let c: Collection<TicketRow, TicketId> =
    after === null
      ? db.tickets.orderBy('createdAt').reverse()
      : db.tickets.where('createdAt').belowOrEqual(after.createdAt).reverse();
  const f = afterCursor(after);
  if (f !== null) c = c.filter(f);
  return c.limit(take).toArray();
}

async function customersByPhone(
  db: CounterDb,
  digits: string,
  cap: number,
): Promise<CustomerRow[]> {
  const [byStart, byEnd] = await Promise.all([
    db.customers.where('phoneDigits').startsWith(digits).limit(cap).toArray(),
    db.customers.where('phoneSuffix').startsWith(reverseDigits(digits)).limit(cap).toArray(),
  ]);
  const seen = new Map<CustomerId, CustomerRow>();
  for (const c of [...byStart, ...byEnd]) seen.set(c.id, c);
  return [...seen.values()];
}

async function customersByName(
  db: CounterDb,
  words: readonly string[],
  cap: number,
): Promise<CustomerRow[]> {
  // The longest word is the most selective to walk the index with; the others filter.
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest === '') return [];
  return db.customers
    .where('nameWords')
    .startsWith(longest)
    .distinct()
    .filter((c) => nameMatches(c.nameWords, words))
    .limit(cap)
    .toArray();
}

async function ticketsOfCustomers(
  db: CounterDb,
  customers: readonly CustomerRow[],
  after: PageCursor | null,
  filter: TicketFilter | null,
  take: number,
): Promise<TicketRow[]> {
  const lists = await Promise.all(
    customers.map((c) => newestWhere(db, '[customerId+createdAt]', c.id, after, filter, take)),
  );
  return lists.flat().sort(newerFirst).slice(0, take);
}

async function summarize(db: CounterDb, tickets: readonly TicketRow[]): Promise<TicketSummary[]> {
  const [customers, devices] = await Promise.all([
    db.customers.bulkGet(tickets.map((t) => t.customerId)),
    db.devices.bulkGet(tickets.map((t) => t.deviceId)),
  ]);
  return tickets.map((ticket, i) => ({
    ticket,
    customer: customerRecord(customers[i]),
    device: devices[i] ?? null,
  }));
}

/** The record without its local search keys. */
const toRecord = (row: CustomerRow): CustomerRecord => ({
  id: row.id,
  name: row.name,
  phone: row.phone,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const customerRecord = (row: CustomerRow | undefined): CustomerRecord | null =>
  row === undefined ? null : toRecord(row);

/**
 * The ticket list and search box: tickets newest first, filtered by what the text is (ticket
 * number, serial, phone or name) and by status, a page at a time.
 */
export async function searchTickets(db: CounterDb, search: TicketSearch): Promise<TicketPage> {
  const limit = Math.min(Math.max(1, Math.floor(search.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const after = search.after ?? null;
  const status = search.status ?? null;
  const byStatus: TicketFilter | null = status === null ? null : (t) => t.status === status;
  const text = classifySearchText(search.text ?? '');
  // One more than a page tells whether there is a next page.
  const take = limit + 1;

  return db.transaction('r', [db.tickets, db.customers, db.devices], async () => {
    let rows: TicketRow[];
    let moreCustomers = false;
    const viaCustomers = async (customers: CustomerRow[]): Promise<TicketRow[]> => {
      if (customers.length > MAX_CUSTOMERS_PER_SEARCH) {
        moreCustomers = true;
        customers = customers.slice(0, MAX_CUSTOMERS_PER_SEARCH);
      }
      return ticketsOfCustomers(db, customers, after, byStatus, take);
    };
    switch (text.kind) {
      case 'all':
        rows =
          status === null
            ? await newestOfAll(db, after, take)
            : await newestWhere(db, '[status+createdAt]', status, after, null, take);
        break;
      case 'ticket_number': {
        const t = await db.tickets.where('number').equals(text.number).first();
        const f = combine([afterCursor(after), byStatus]);
        rows = t !== undefined && (f === null || f(t)) ? [t] : [];
        break;
      }
      case 'serial':
        rows = await newestWhere(db, '[serial+createdAt]', text.serial, after, byStatus, take);
        break;
      case 'phone':
        rows = await viaCustomers(
          await customersByPhone(db, text.digits, MAX_CUSTOMERS_PER_SEARCH + 1),
        );
        break;
      case 'serial_or_phone': {
        const [bySerial, byPhone] = await Promise.all([
          newestWhere(db, '[serial+createdAt]', text.serial, after, byStatus, take),
          customersByPhone(db, text.digits, MAX_CUSTOMERS_PER_SEARCH + 1).then(viaCustomers),
        ]);
        const seen = new Map<TicketId, TicketRow>();
        for (const t of [...bySerial, ...byPhone]) seen.set(t.id, t);
        rows = [...seen.values()].sort(newerFirst).slice(0, take);
        break;
      }
      case 'name':
        rows = await viaCustomers(
          await customersByName(db, text.words, MAX_CUSTOMERS_PER_SEARCH + 1),
        );
        break;
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next =
      rows.length > limit && last !== undefined ? { createdAt: last.createdAt, id: last.id } : null;
    return { items: await summarize(db, page), next, matchedAs: text.kind, moreCustomers };
  });
}

export interface TicketDetail {
  readonly ticket: TicketRow;
  readonly customer: CustomerRecord | null;
  readonly device: DeviceRow | null;
  /** Everything that happened, oldest first. */
  readonly events: readonly TicketEventRow[];
  /** The warranty decisions, oldest first; the last is the one in force. */
  readonly decisions: readonly Extract<TicketEventRow, { kind: 'decision' }>[];
  /** Photos and signature without their bytes (`getPhotoBlob` reads one). */
  readonly photos: readonly PhotoMeta[];
}

/** One ticket with its history; null when it is not on this counter. */
export async function getTicket(db: CounterDb, id: TicketId): Promise<TicketDetail | null> {
  return db.transaction(
    'r',
    [db.tickets, db.customers, db.devices, db.ticketEvents, db.photos],
    async () => {
      const ticket = await db.tickets.get(id);
      if (ticket === undefined) return null;
      const [customer, device, events, photos] = await Promise.all([
        db.customers.get(ticket.customerId),
        db.devices.get(ticket.deviceId),
        // Index order: by time, then by id, which is UUIDv7 and so in creation order.
        db.ticketEvents
          .where('[ticketId+at]')
          .between([id, Dexie.minKey], [id, Dexie.maxKey])
          .toArray(),
        db.photos.where('ticketId').equals(id).toArray(),
      ]);
      return {
        ticket,
        customer: customerRecord(customer),
        device: device ?? null,
        events,
        decisions: events.filter(
          (e): e is Extract<TicketEventRow, { kind: 'decision' }> => e.kind === 'decision',
        ),
        photos: photos.map(({ id: photoId, ticketId, kind, type, size, createdAt }) => ({
          id: photoId,
          ticketId,
          kind,
          type,
          size,
          createdAt,
        })),
      };
    },
  );
}

export async function getPhotoBlob(db: CounterDb, id: PhotoId): Promise<Blob | null> {
  const row = await db.photos.get(id);
  return row?.blob ?? null;
}

export interface DeviceHistory {
  /** The serial as searched (normalized). */
  readonly serial: string;
  /** Usually one; two brands can in principle share a serial. */
  readonly devices: readonly DeviceRow[];
  /** Every ticket for this serial, newest first. */
  readonly tickets: readonly TicketSummary[];
  readonly lastVisit: PlainDate | null;
  readonly daysSinceLastVisit: number | null;
  /** The last ticket is under REPEAT_REPAIR_DAYS old: the counter should say so. */
  readonly repeatRepair: boolean;
}

/** What the counter knows about a watch, by serial, as of `today` (the center's date). */
export async function deviceHistory(
  db: CounterDb,
  serialText: string,
  today: PlainDate,
): Promise<DeviceHistory> {
  const serial = asSearchSerial(serialText);
  if (serial === null) {
    return {
      serial: '',
      devices: [],
      tickets: [],
      lastVisit: null,
      daysSinceLastVisit: null,
      repeatRepair: false,
    };
  }
  return db.transaction('r', [db.tickets, db.customers, db.devices], async () => {
    const [devices, tickets] = await Promise.all([
      db.devices.where('serial').equals(serial).toArray(),
      db.tickets
        .where('[serial+createdAt]')
        .between([serial, Dexie.minKey], [serial, Dexie.maxKey])
        .reverse()
        .toArray(),
    ]);
    const lastVisit = tickets[0]?.visitDate ?? null;
    const daysSinceLastVisit = lastVisit === null ? null : daysBetween(lastVisit, today);
    return {
      serial,
      devices,
      tickets: await summarize(db, tickets),
      lastVisit,
      daysSinceLastVisit,
      repeatRepair: daysSinceLastVisit !== null && daysSinceLastVisit < REPEAT_REPAIR_DAYS,
    };
  });
}

/**
 * Customers for the intake form's "existing customer" picker: by phone (four digits or more,
 * from its start or its end) or by the start of any name word.
 */
export async function findCustomers(
  db: CounterDb,
  phoneOrName: string,
  limit = 20,
): Promise<CustomerRecord[]> {
  const text = phoneOrName.normalize('NFKC').trim();
  if (text === '') return [];
  const digits = phoneDigits(text);
  const isPhone = /^\+?[0-9\s\-.()]+$/u.test(text) && digits.length >= MIN_PHONE_SEARCH_DIGITS;
  const rows = isPhone
    ? (await customersByPhone(db, digits, limit)).slice(0, limit)
    : await customersByName(db, nameWords(text), limit);
  return rows.map(toRecord).sort((a, b) => a.name.localeCompare(b.name));
}
