import { describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  succeed,
  type ArgsIn,
  type Channel,
  type Handlers,
  type IpcResult,
} from '../shared/ipc/contract';
import { createInvokeListener, registerIpcHandlers, type InvokeEventLike } from './ipc';
import type { Logger } from './log';

const quietLog = (): Logger => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

const html = '<p>Ticket CTR-250101-001</p>';

// One good and one bad call per channel. Typed by the contract, so a new channel cannot be
// added without saying here what it accepts and what it refuses.
const samples: { readonly [K in Channel]: { good: ArgsIn<K>; bad: unknown } } = {
  'app:getInfo': { good: undefined, bad: { path: '/etc' } },
  'print:listPrinters': { good: undefined, bad: 'all' },
  'print:html': {
    good: { html, pageSize: '80mm', silent: true, printerName: 'TM-T20' },
    bad: { html, pageSize: 'Letter', silent: true },
  },
  'print:savePdf': {
    good: { html, pageSize: 'A4', fileName: 'CTR-250101-001' },
    bad: { html, pageSize: 'A4', fileName: '../../.bashrc' },
  },
  'token:get': { good: undefined, bad: { token: 'x' } },
  'token:set': { good: { token: 'hq-token-abc' }, bad: { token: '' } },
  'token:clear': { good: undefined, bad: 0 },
  'hq:setOrigin': { good: { url: 'https://hq.example.com' }, bad: { url: 'javascript:alert(1)' } },
  'shell:openDataFolder': { good: undefined, bad: { path: 'C:\\Windows' } },
  'shell:openLog': { good: undefined, bad: ['/etc/shadow'] },
};

const okValue: { readonly [K in Channel]: IpcResult<unknown> } = {
  'app:getInfo': succeed({ version: '1', platform: 'linux', shell: 'electron', dataDir: '/d' }),
  'print:listPrinters': succeed([]),
  'print:html': succeed(null),
  'print:savePdf': succeed({ path: '/d/x.pdf' }),
  'token:get': succeed('t'),
  'token:set': succeed(null),
  'token:clear': succeed(null),
  'hq:setOrigin': succeed(null),
  'shell:openDataFolder': succeed(null),
  'shell:openLog': succeed(null),
};

const fromApp: InvokeEventLike = { senderFrame: { url: 'app://counter/index.html' } };
const foreignSenders: InvokeEventLike[] = [
  { senderFrame: { url: 'https://evil.example/' } },
  { senderFrame: { url: 'file:///home/tech/Downloads/x.html' } },
  { senderFrame: { url: 'app://counter.evil.example/' } },
  { senderFrame: { url: 'data:text/html,<script>1</script>' } },
  { senderFrame: null },
];

const argsOf = (value: unknown): unknown[] => (value === undefined ? [] : [value]);
const codeOf = (result: IpcResult<unknown>): string => (result.ok ? 'ok' : result.error.code);

describe.each(CHANNELS)('%s', (channel) => {
  const setup = () => {
    const handler = vi.fn(() => Promise.resolve(okValue[channel]));
    const log = quietLog();
    const listener = createInvokeListener(channel, handler as unknown as Handlers[Channel], {
      log,
    });
    return { handler, log, listener };
  };

  it('refuses a sender that is not the app page', async () => {
    const { handler, listener, log } = setup();
    for (const event of foreignSenders) {
      const result = await listener(event, ...argsOf(samples[channel].good));
      expect(codeOf(result)).toBe('forbidden');
    }
    expect(handler).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(foreignSenders.length);
  });

  it('refuses arguments that break the contract', async () => {
    const { handler, listener } = setup();
    const result = await listener(fromApp, samples[channel].bad);
    expect(codeOf(result)).toBe('bad_request');
    const extra = await listener(fromApp, samples[channel].good, 'extra');
    expect(codeOf(extra)).toBe('bad_request');
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs the handler with validated arguments from the app page', async () => {
    const { handler, listener } = setup();
    const result = await listener(fromApp, ...argsOf(samples[channel].good));
    expect(result).toEqual(okValue[channel]);
    expect(handler).toHaveBeenCalledExactlyOnceWith(samples[channel].good);
  });
});

describe('the gate', () => {
  it('turns a throwing handler into an internal error and logs it', async () => {
    const log = quietLog();
    const listener = createInvokeListener(
      'token:get',
      () => Promise.reject(new Error('disk on fire')),
      { log },
    );
    const result = await listener(fromApp);
    expect(codeOf(result)).toBe('internal');
    if (!result.ok) expect(result.error.message).not.toContain('disk on fire');
    expect(log.error).toHaveBeenCalledOnce();
    expect(JSON.stringify(vi.mocked(log.error).mock.calls[0])).toContain('disk on fire');
  });

  it('registers every channel of the contract exactly once', () => {
    const handle = vi.fn();
    const handlers = Object.fromEntries(
      CHANNELS.map((c) => [c, () => Promise.resolve(okValue[c])]),
    ) as unknown as Handlers;
    registerIpcHandlers({ handle }, handlers, { log: quietLog() });
    expect(handle.mock.calls.map(([channel]: unknown[]) => channel).sort()).toEqual(
      [...CHANNELS].sort(),
    );
  });
});
