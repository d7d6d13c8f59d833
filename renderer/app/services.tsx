import { createContext, useContext, type ReactNode } from 'react';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { CompiledPolicy } from '../../shared/warranty';
import type { CommandDeps } from '../data/commands';
import type { CounterDb } from '../data/db';
import type { StartResult, StorageGuard } from '../data/storage';
import type { Host } from '../host/types';
import type { SyncEngine, SyncStatus } from '../sync';

/** The sync engine's status as a subscribable value, for the status bar and the screens. */
export interface SyncStatusStore {
  readonly get: () => SyncStatus;
  readonly subscribe: (onChange: () => void) => () => void;
}

/** What the screens work with, made once at start (renderer/app/bootstrap.ts). */
export interface Services {
  readonly db: CounterDb;
  readonly commands: CommandDeps;
  readonly storage: StorageGuard;
  readonly started: StartResult;
  readonly host: Host;
  readonly sync: SyncEngine;
  readonly syncStatus: SyncStatusStore;
  /** The bundled brand policies by id, validated at start. */
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
  /** The center's calendar date now (read at the edge, passed into the domain). */
  readonly today: () => PlainDate;
  /** Wall-clock time in ms, for timestamps shown on screen. */
  readonly now: () => number;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (s === null) throw new Error('useServices() outside <ServicesProvider>');
  return s;
}
