// Runs sandboxed in the page before it loads. It exposes one narrow function per channel and
// nothing else: no ipcRenderer, no generic `invoke`, no channel names chosen by the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isShellEvent,
  SHELL_EVENT_CHANNEL,
  type ArgsIn,
  type Channel,
  type CounterBridge,
  type IpcResult,
  type Value,
} from '../shared/ipc/contract';

// Main answers every channel with the contract's result value (ipc.ts); the renderer's host
// re-checks its shape, so the type here is a promise kept on the other side of the boundary.
function invoke<K extends Channel>(
  channel: K,
  ...args: ArgsIn<K> extends undefined ? [] : [ArgsIn<K>]
): Promise<IpcResult<Value<K>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<Value<K>>>;
}

const api = {
  getInfo: () => invoke('app:getInfo'),
  listPrinters: () => invoke('print:listPrinters'),
  printHtml: (args) => invoke('print:html', args),
  savePdf: (args) => invoke('print:savePdf', args),
  getToken: () => invoke('token:get'),
  setToken: (args) => invoke('token:set', args),
  clearToken: () => invoke('token:clear'),
  setHqOrigin: (args) => invoke('hq:setOrigin', args),
  openDataFolder: () => invoke('shell:openDataFolder'),
  openLog: () => invoke('shell:openLog'),
  onShellEvent: (listener) => {
    // Only the contract's event names reach the page, whatever else arrives on the channel.
    const handler = (_event: IpcRendererEvent, name: unknown): void => {
      if (isShellEvent(name)) listener(name);
    };
    ipcRenderer.on(SHELL_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(SHELL_EVENT_CHANNEL, handler);
    };
  },
} satisfies CounterBridge;

contextBridge.exposeInMainWorld('counter', api);
