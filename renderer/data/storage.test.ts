import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createUuidV7Source } from '../../shared/domain/ids';
import { addTechnician, createCommandDeps } from './commands';
import { CURRENT_VERSION, SCHEMA_V1, SCHEMA_V2, createCounterDb } from './db';
import {
  classifyStorageError,
  createStorageGuard,
  requestPersistentStorage,
  startStorage,
  storageProblem,
} from './storage';
import { seededRandom, testClock } from './testkit';

const ids = () => createUuidV7Source(testClock().clock, seededRandom(9));

describe('classifyStorageError', () => {
  it('recognizes a full disk, bare or wrapped by Dexie', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(classifyStorageError(quota)?.kind).toBe('quota_exceeded');
    const wrapped = new Dexie.AbortError('Transaction aborted', quota);
    const p = classifyStorageError(wrapped);
    expect(p?.kind).toBe('quota_exceeded');
    expect(p?.message).toContain('Free some disk space');
    expect(p?.detail).toMatch(/^AbortError: Transaction aborted.* <- QuotaExceededError/s);
  });

  it('recognizes a database that will not open or was closed', () => {
    expect(classifyStorageError(new Dexie.OpenFailedError('nope'))?.kind).toBe('open_failed');
    expect(classifyStorageError(new Dexie.VersionError('newer'))?.kind).toBe('open_failed');
    expect(classifyStorageError(new Dexie.MissingAPIError('no indexedDB'))?.kind).toBe(
      'open_failed',
    );
    expect(classifyStorageError(new Dexie.DatabaseClosedError('closed'))?.kind).toBe('closed');
    expect(
      classifyStorageError(new Dexie.DatabaseClosedError(new Dexie.OpenFailedError('x')))?.kind,
    ).toBe('open_failed');
  });

  it('leaves other failures to the command (they do not block the counter)', () => {
    expect(classifyStorageError(new Dexie.ConstraintError('dup'))).toBeNull();
    expect(classifyStorageError(new Error('bug'))).toBeNull();
    expect(classifyStorageError('text')).toBeNull();
    expect(classifyStorageError(null)).toBeNull();
  });
});

describe('StorageGuard', () => {
  it('keeps the first problem, notifies, and clears', () => {
    const g = createStorageGuard();
    const seen: (string | null)[] = [];
    const stop = g.subscribe((p) => seen.push(p?.kind ?? null));
    expect(g.problem()).toBeNull();
    g.block(storageProblem('quota_exceeded', 'a'));
    g.block(storageProblem('closed', 'b'));
    expect(g.problem()?.kind).toBe('quota_exceeded');
    g.clear();
    g.clear();
    stop();
    g.block(storageProblem('closed', 'c'));
    expect(seen).toEqual(['quota_exceeded', null]);
  });
});

describe('requestPersistentStorage', () => {
  it('asks only when needed and reports the answer', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({})).toBe('unsupported');
    const persist = vi.fn(() => Promise.resolve(true));
    expect(
      await requestPersistentStorage({ persisted: () => Promise.resolve(true), persist }),
    ).toBe('persisted');
    expect(persist).not.toHaveBeenCalled();
    expect(
      await requestPersistentStorage({ persisted: () => Promise.resolve(false), persist }),
    ).toBe('granted');
    expect(persist).toHaveBeenCalledOnce();
    expect(await requestPersistentStorage({ persist: () => Promise.resolve(false) })).toBe(
      'denied',
    );
    expect(await requestPersistentStorage({ persist: () => Promise.reject(new Error('x')) })).toBe(
      'unsupported',
    );
  });
});

describe('startStorage', () => {
  it('opens the database and asks for persistence', async () => {
    const db = createCounterDb('ok', { indexedDB: new IDBFactory(), IDBKeyRange, ids: ids() });
    const guard = createStorageGuard();
    const persist = vi.fn(() => Promise.resolve(true));
    expect(await startStorage(db, guard, { persist })).toEqual({
      ok: true,
      persistence: 'granted',
    });
    expect(persist).toHaveBeenCalledOnce();
    expect(db.isOpen()).toBe(true);
    expect(guard.problem()).toBeNull();
  });

  it('a database that will not open is shown and blocks writes, which answer instead of writing', async () => {
    // As when the browser's storage is switched off for the app.
    const denied = {
      open: () => {
        throw new DOMException('Access to storage is not allowed.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const db = createCounterDb('counter', { indexedDB: denied, IDBKeyRange, ids: ids() });
    const guard = createStorageGuard();
    const r = await startStorage(db, guard, undefined);
    expect(r).toMatchObject({
      ok: false,
      persistence: 'unsupported',
      problem: { kind: 'open_failed' },
    });
    expect(guard.problem()?.message).toContain('could not open its records');
    expect(guard.problem()?.detail).toContain('Access to storage is not allowed.');

    const time = testClock();
    const deps = createCommandDeps({
      db,
      clock: time.clock,
      random: seededRandom(),
      storage: guard,
    });
    expect(await addTechnician(deps, { name: 'Arjun' })).toEqual({
      ok: false,
      error: { kind: 'storage', problem: guard.problem() },
    });
  });

  it('blocks writes when another window upgrades the database', async () => {
    const factory = new IDBFactory();
    const db = createCounterDb('counter', { indexedDB: factory, IDBKeyRange, ids: ids() });
    const guard = createStorageGuard();
    await startStorage(db, guard, undefined);
    const other = new Dexie('counter', { indexedDB: factory, IDBKeyRange });
    other.version(CURRENT_VERSION + 1).stores({ ...SCHEMA_V1, ...SCHEMA_V2 });
    await other.open();
    expect(guard.problem()?.kind).toBe('closed');
    other.close();
  });
});
