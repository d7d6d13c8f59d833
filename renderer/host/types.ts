// The renderer's view of the shell it runs in. Derived from the IPC contract, so the Electron host
// is the preload bridge checked at the boundary, and the web host must answer the same calls.
import type { AppInfo, CounterBridge, IpcResult } from '../../shared/ipc/contract';

export type {
  IpcError,
  IpcErrorCode,
  IpcResult,
  PageSize,
  Printer,
} from '../../shared/ipc/contract';

export type HostShell = 'electron' | 'web';

export interface HostInfo extends Omit<AppInfo, 'shell' | 'dataDir'> {
  readonly shell: HostShell;
  /** The folder the desktop app keeps its files in; a browser has none. */
  readonly dataDir: string | null;
}

export type Host = Omit<CounterBridge, 'getInfo'> & {
  readonly getInfo: () => Promise<IpcResult<HostInfo>>;
};
