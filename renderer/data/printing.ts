import { DEFAULT_PRINTING, type CounterDb, type PrintingPrefs } from './db';

/*
 * The printer this computer prints receipts on. A machine's own setting, like its window size:
 * it is kept in the local database (so a backup carries it) but is not a center's record, so it
 * has no outbox entry and never goes to HQ.
 */

export async function readPrinting(db: CounterDb): Promise<PrintingPrefs> {
  const row = await db.settings.get('printing');
  return row?.key === 'printing' ? row.value : DEFAULT_PRINTING;
}

export async function savePrinting(db: CounterDb, prefs: PrintingPrefs): Promise<void> {
  await db.settings.put({ key: 'printing', value: prefs });
}
