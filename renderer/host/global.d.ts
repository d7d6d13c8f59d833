import type { CounterBridge } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload (electron/preload.ts); absent in a browser. */
    readonly counter?: CounterBridge;
  }
}

export {};
