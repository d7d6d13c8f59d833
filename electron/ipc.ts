// The gate every IPC call passes: the sender must be the app's own page, and the arguments must
// match the contract, before a handler runs. Anything thrown becomes an `internal` error value;
// the renderer never sees a rejected promise or a stack trace.
import {
  CHANNELS,
  describeIssues,
  fail,
  parseArgs,
  type Channel,
  type Handlers,
  type IpcResult,
  type Value,
} from '../shared/ipc/contract';
import { describeError, type Logger } from './log';
import { isAppUrl } from './security';

/** The part of IpcMainInvokeEvent the gate reads; the frame is null once it has navigated away. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

export interface GateDeps {
  readonly log: Logger;
  readonly isTrustedUrl?: (url: string) => boolean;
}

export function createInvokeListener<K extends Channel>(
  channel: K,
  handler: Handlers[K],
  deps: GateDeps,
): (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcResult<Value<K>>> {
  const isTrusted = deps.isTrustedUrl ?? isAppUrl;
  return async (event, ...args) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrusted(url)) {
      deps.log.warn('ipc: refused a call from outside the app', { channel, url });
      return fail('forbidden', 'This request did not come from Counter’s own window.');
    }
    const parsed = args.length > 1 ? undefined : parseArgs(channel, args[0]);
    if (parsed === undefined || !parsed.success) {
      const why = parsed === undefined ? 'more than one argument' : describeIssues(parsed.error);
      deps.log.warn('ipc: refused bad arguments', { channel, why });
      return fail(
        'bad_request',
        `The desktop shell could not understand a ${channel} request (${why}).`,
      );
    }
    try {
      return await handler(parsed.data);
    } catch (error) {
      deps.log.error(`ipc: ${channel} failed`, describeError(error));
      return fail(
        'internal',
        'Something went wrong in the desktop shell. The details are in the log (Help → Open log).',
      );
    }
  };
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  deps: GateDeps,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, createInvokeListener(channel, handlers[channel], deps));
  }
}
