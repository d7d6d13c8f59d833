import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CHANNELS,
  contract,
  describeIssues,
  fail,
  FileNameSchema,
  parseArgs,
  resultSchema,
  succeed,
  type Args,
  type CounterBridge,
  type Handlers,
  type IpcResult,
} from './contract';

const receipt = '<html><body>Ticket CTR-250101-001</body></html>';

describe('contract', () => {
  it('defines each channel once, with a distinct bridge method', () => {
    const methods = CHANNELS.map((channel) => contract[channel].method);
    expect(new Set(methods).size).toBe(CHANNELS.length);
    expect([...CHANNELS].sort()).toEqual([
      'app:getInfo',
      'hq:setOrigin',
      'print:html',
      'print:listPrinters',
      'print:savePdf',
      'shell:openDataFolder',
      'shell:openLog',
      'token:clear',
      'token:get',
      'token:set',
    ]);
  });

  it('derives the bridge and the handler map from the channels', () => {
    expectTypeOf<keyof CounterBridge>().toEqualTypeOf<
      | 'getInfo'
      | 'listPrinters'
      | 'printHtml'
      | 'savePdf'
      | 'getToken'
      | 'setToken'
      | 'clearToken'
      | 'openDataFolder'
      | 'openLog'
      | 'setHqOrigin'
      | 'onShellEvent'
    >();
    expectTypeOf<CounterBridge['getInfo']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<CounterBridge['setToken']>().parameters.toEqualTypeOf<[{ token: string }]>();
    expectTypeOf<ReturnType<CounterBridge['getToken']>>().toEqualTypeOf<
      Promise<IpcResult<string | null>>
    >();
    expectTypeOf<Parameters<Handlers['print:html']>[0]>().toEqualTypeOf<Args<'print:html'>>();
  });
});

describe('argument schemas', () => {
  it('accepts no arguments for the argument-less channels, and nothing else', () => {
    expect(parseArgs('app:getInfo', undefined).success).toBe(true);
    expect(parseArgs('app:getInfo', { anything: 1 }).success).toBe(false);
  });

  it('accepts a print job and refuses unknown page sizes and extra keys', () => {
    expect(parseArgs('print:html', { html: receipt, pageSize: '80mm', silent: true }).success).toBe(
      true,
    );
    expect(
      parseArgs('print:html', {
        html: receipt,
        pageSize: 'A4',
        silent: false,
        printerName: 'EPSON TM-T20III',
      }).success,
    ).toBe(true);
    expect(parseArgs('print:html', { html: receipt, pageSize: 'A5', silent: true }).success).toBe(
      false,
    );
    expect(
      parseArgs('print:html', { html: receipt, pageSize: 'A4', silent: true, preload: 'x' })
        .success,
    ).toBe(false);
    expect(parseArgs('print:html', { html: '', pageSize: 'A4', silent: true }).success).toBe(false);
  });

  it('takes a bare file name for PDFs, never a path', () => {
    for (const good of ['CTR-250101-001.pdf', 'Receipt (copy)', 'ticket 7']) {
      expect(FileNameSchema.safeParse(good).success, good).toBe(true);
    }
    for (const bad of [
      '../evil.pdf',
      'a/b.pdf',
      'a\\b.pdf',
      'C:evil',
      '.hidden',
      ' padded',
      'nul\u0000byte',
      'x'.repeat(121),
    ]) {
      expect(FileNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('says which argument was wrong', () => {
    const parsed = parseArgs('print:savePdf', { html: receipt, pageSize: 'A3', fileName: 'x' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/^args\.pageSize: /);
  });
});

describe('result envelopes', () => {
  it('accepts the channel value or a coded error, and nothing else', () => {
    const schema = resultSchema('print:savePdf');
    expect(schema.safeParse(succeed({ path: '/tmp/a.pdf' })).success).toBe(true);
    expect(schema.safeParse(fail('cancelled', 'Closed')).success).toBe(true);
    expect(schema.safeParse({ ok: true, value: { path: 3 } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'teapot', message: '' } }).success).toBe(
      false,
    );
    expect(resultSchema('token:clear').safeParse(succeed(null)).success).toBe(true);
  });
});
