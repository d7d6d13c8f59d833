import {
  fail,
  resultSchema,
  type Channel,
  type CounterBridge,
  type IpcResult,
  type Value,
} from '../../shared/ipc/contract';
import type { Host } from './types';

/**
 * Calls the bridge and checks what comes back against the contract: the preload is ours, but
 * what crosses a process boundary is data, and a mismatch (say, an older shell) should read as
 * an error the screen can show, not as a crash three components later.
 */
async function checked<K extends Channel>(
  channel: K,
  call: () => Promise<IpcResult<Value<K>>>,
): Promise<IpcResult<Value<K>>> {
  let raw: unknown;
  try {
    raw = await call();
  } catch {
    return fail('internal', `The desktop shell did not answer (${channel}). Restart Counter.`);
  }
  const parsed = resultSchema(channel).safeParse(raw);
  return parsed.success
    ? parsed.data
    : fail(
        'internal',
        `The desktop shell gave an unexpected answer (${channel}). Restart Counter.`,
      );
}

export function createElectronHost(bridge: CounterBridge): Host {
  return {
    getInfo: () => checked('app:getInfo', () => bridge.getInfo()),
    listPrinters: () => checked('print:listPrinters', () => bridge.listPrinters()),
    printHtml: (args) => checked('print:html', () => bridge.printHtml(args)),
    savePdf: (args) => checked('print:savePdf', () => bridge.savePdf(args)),
    getToken: () => checked('token:get', () => bridge.getToken()),
    setToken: (args) => checked('token:set', () => bridge.setToken(args)),
    clearToken: () => checked('token:clear', () => bridge.clearToken()),
    setHqOrigin: (args) => checked('hq:setOrigin', () => bridge.setHqOrigin(args)),
    openDataFolder: () => checked('shell:openDataFolder', () => bridge.openDataFolder()),
    openLog: () => checked('shell:openLog', () => bridge.openLog()),
    onShellEvent: (listener) => bridge.onShellEvent(listener),
  };
}
