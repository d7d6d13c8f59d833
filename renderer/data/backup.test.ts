import { describe, expect, it } from 'vitest';
import { createUuidV7Source } from '../../shared/domain/ids';
import { createTicket } from './commands';
import {
  exportBackup,
  pendingLostByRestore,
  readBackup,
  restoreBackup,
  summarizeBackup,
  type BackupFile,
} from './backup';
import { getPhotoBlob, getTicket, searchTickets } from './queries';
import {
  decision,
  freshDb,
  intakeForm,
  plainDate,
  seededRandom,
  setupCounter,
  testClock,
} from './testkit';

const visit = plainDate('2025-07-01');
const NOW = new Date('2025-07-01T12:00:00Z');
const png = new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 250])], {
  type: 'image/png',
});

async function counterWithTickets() {
  const c = await setupCounter();
  const made = [];
  for (const [i, name] of ['Priya Raman', 'अनिल कुमार', '王小明'].entries()) {
    const r = await createTicket(c.deps, {
      form: intakeForm(c.techs[0], {
        serial: `XJ2024000${String(i)}ABCD`,
        customer: { kind: 'new', name, phone: `+91 98765 4321${String(i)}` },
      }),
      visitDate: visit,
      decision: decision(visit),
      photos: [png],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    made.push(r.value);
  }
  return { ...c, made };
}

const asFile = (b: Blob) => new Blob([b], { type: 'application/json' });

describe('backup and restore', () => {
  it('round-trips the whole database, photos included, onto another machine', async () => {
    const a = await counterWithTickets();
    const file = asFile(await exportBackup(a.db, NOW));

    // Another machine: an empty, freshly created database.
    const b = freshDb(createUuidV7Source(testClock().clock, seededRandom(7)));
    await b.db.open();
    const read = await readBackup(b.db, file);
    if (!read.ok) throw new Error(read.error);
    expect(summarizeBackup(read.value)).toMatchObject({
      centerCode: 'BLR01',
      counts: { tickets: 3, customers: 3, photos: 3, outbox: 6 },
    });
    const restored = await restoreBackup(b.db, read.value, { dropPending: false });
    expect(restored.kind).toBe('restored');

    for (const t of [
      'customers',
      'devices',
      'tickets',
      'ticketEvents',
      'outbox',
      'settings',
    ] as const) {
      expect(await b.db.table(t).toArray(), t).toEqual(await a.db.table(t).toArray());
    }
    const first = a.made[0];
    if (!first) throw new Error('no ticket');
    const detail = await getTicket(b.db, first.ticketId);
    const photo = detail?.photos[0];
    if (!photo) throw new Error('no photo');
    const blob = await getPhotoBlob(b.db, photo.id);
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await (blob ?? new Blob()).arrayBuffer())).toEqual(
      new Uint8Array(await png.arrayBuffer()),
    );
    // Search keys work on the restored data (they are derived again on restore).
    const page = await searchTickets(b.db, { text: 'अनिल' });
    expect(page.items).toHaveLength(1);
  });

  it('asks before a restore would drop entries still waiting for sync', async () => {
    const a = await counterWithTickets();
    const older = asFile(await exportBackup(a.db, NOW));
    // More work after the backup: entries HQ has not seen yet.
    await createTicket(a.deps, {
      form: intakeForm(a.techs[1], { serial: 'XJ20249999ABCD' }),
      visitDate: visit,
      decision: decision(visit),
    });
    const read = await readBackup(a.db, older);
    if (!read.ok) throw new Error(read.error);
    expect(await pendingLostByRestore(a.db, read.value)).toBe(1);

    const before = await a.db.tickets.count();
    const asked = await restoreBackup(a.db, read.value, { dropPending: false });
    expect(asked).toEqual({ kind: 'needs_confirmation', pending: 1 });
    expect(await a.db.tickets.count()).toBe(before); // nothing touched

    const done = await restoreBackup(a.db, read.value, { dropPending: true });
    expect(done.kind).toBe('restored');
    expect(await a.db.tickets.count()).toBe(3);
  });

  it('does not ask when the backup holds every waiting entry', async () => {
    const a = await counterWithTickets();
    const read = await readBackup(a.db, asFile(await exportBackup(a.db, NOW)));
    if (!read.ok) throw new Error(read.error);
    expect(await pendingLostByRestore(a.db, read.value)).toBe(0);
  });

  describe('validates the file before touching anything', () => {
    const broken = async (edit: (b: Record<string, unknown>) => unknown): Promise<string> => {
      const a = await counterWithTickets();
      const json = JSON.parse(await (await exportBackup(a.db, NOW)).text()) as Record<
        string,
        unknown
      >;
      const edited = edit(json);
      const text = typeof edited === 'string' ? edited : JSON.stringify(edited ?? json);
      const before = await a.db.tickets.count();
      const r = await readBackup(a.db, new Blob([text]));
      expect(await a.db.tickets.count()).toBe(before);
      if (r.ok) throw new Error('expected the backup to be refused');
      return r.error;
    };

    it.each([
      [
        'not JSON',
        () => 'PK\u0003\u0004 a zip file',
        /not a Counter backup \(it is not readable JSON\)/,
      ],
      ['another JSON file', () => ({ hello: 'world' }), /not a Counter backup/],
      [
        'a newer database version',
        (b: Record<string, unknown>) => ({ ...b, schemaVersion: 99 }),
        /made by a newer Counter/,
      ],
      [
        'a newer format',
        (b: Record<string, unknown>) => ({ ...b, formatVersion: 2 }),
        /format version 2/,
      ],
      [
        'a truncated table',
        (b: Record<string, unknown>) => {
          const tables = b.tables as Record<string, unknown[]>;
          tables.tickets = (tables.tickets ?? []).slice(1);
          return b;
        },
        /should hold 3 rows but holds 2/,
      ],
      [
        'an unknown table',
        (b: Record<string, unknown>) => {
          (b.tables as Record<string, unknown[]>).secrets = [];
          return b;
        },
        /table "secrets" this Counter does not know/,
      ],
      [
        'a row without its key',
        (b: Record<string, unknown>) => {
          const tickets = (b.tables as Record<string, Record<string, unknown>[]>).tickets ?? [];
          delete tickets[0]?.id;
          return b;
        },
        /Row 1 of the backup's "tickets" table has no id/,
      ],
    ])('%s', async (_what, edit, message) => {
      expect(await broken(edit as (b: Record<string, unknown>) => unknown)).toMatch(message);
    });
  });

  it('a restore either happens entirely or not at all', async () => {
    const a = await counterWithTickets();
    const read = await readBackup(a.db, asFile(await exportBackup(a.db, NOW)));
    if (!read.ok) throw new Error(read.error);
    const before = await a.db.tickets.toArray();
    // Two tickets with the same number break the unique index half way through the restore.
    const tickets = [...(read.value.tables.tickets ?? [])] as Record<string, unknown>[];
    const second = { ...tickets[1], number: tickets[0]?.number };
    const bad: BackupFile = {
      ...read.value,
      tables: { ...read.value.tables, tickets: [tickets[0], second, tickets[2]] },
    };
    await expect(restoreBackup(a.db, bad, { dropPending: true })).rejects.toThrow();
    expect(await a.db.tickets.toArray()).toEqual(before);
  });

  it('a backup from before the parts ledger restores with the bundled parts catalog', async () => {
    const a = await counterWithTickets();
    const read = await readBackup(a.db, asFile(await exportBackup(a.db, NOW)));
    if (!read.ok) throw new Error(read.error);
    const older = Object.fromEntries(
      Object.entries(read.value.tables).filter(([name]) => name !== 'partsCatalog'),
    );
    const v2: BackupFile = { ...read.value, schemaVersion: 2, tables: older };
    await restoreBackup(a.db, v2, { dropPending: true });
    expect(await a.db.partsCatalog.count()).toBeGreaterThan(0);
    expect(await a.db.tickets.count()).toBe(3);
  });
});
