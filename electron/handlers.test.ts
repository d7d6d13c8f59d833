import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, succeed } from '../shared/ipc/contract';
import { createHandlers, pdfFileName, type HandlerDeps } from './handlers';
import type { Printing } from './printing';
import type { HqOriginStore } from './hqOrigin';
import type { TokenStore } from './tokenStore';

const info = { version: '0.1.0', platform: 'linux', shell: 'electron', dataDir: '/data' } as const;

describe('handlers', () => {
  let pdfDir: string;
  beforeEach(() => {
    pdfDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'counter-pdf-')), 'Counter');
  });
  afterEach(() => {
    fs.rmSync(path.dirname(pdfDir), { recursive: true, force: true });
  });

  const setup = (overrides: Partial<HandlerDeps> = {}) => {
    const printing = {
      listPrinters: vi.fn(() =>
        Promise.resolve([
          { name: 'TM-T20', isDefault: true },
          { name: 'Office A4', isDefault: false },
        ]),
      ),
      print: vi.fn(() => Promise.resolve(succeed(null))),
      pdf: vi.fn(() => Promise.resolve(new TextEncoder().encode('%PDF-1.7 receipt'))),
    } satisfies Printing;
    const tokens = {
      get: vi.fn(() => Promise.resolve(succeed('tok'))),
      set: vi.fn(() => Promise.resolve(succeed(null))),
      clear: vi.fn(() => Promise.resolve(succeed(null))),
    } satisfies TokenStore;
    const openPath = vi.fn(() => Promise.resolve(''));
    let origin: string | null = null;
    const hqOrigin = {
      get: () => origin,
      set: vi.fn((url: string) => {
        if (!url.startsWith('http')) return false;
        origin = new URL(url).origin;
        return true;
      }),
    } satisfies HqOriginStore;
    const handlers = createHandlers({
      info,
      printing,
      tokens,
      hqOrigin,
      pdfDir,
      logFile: '/logs/counter.log',
      openPath,
      ...overrides,
    });
    return {
      hqOrigin,
      handlers,
      printing,
      tokens,
      openPath,
    };
  };

  it('answers getInfo with the shell facts', async () => {
    expect(await setup().handlers['app:getInfo'](undefined)).toEqual(succeed(info));
  });

  it('prints to a connected printer, and refuses one that is not there', async () => {
    const { handlers, printing } = setup();
    const job = { html: '<p>r</p>', pageSize: '80mm', silent: true } as const;
    expect(await handlers['print:html']({ ...job, printerName: 'TM-T20' })).toEqual(succeed(null));
    expect(printing.print).toHaveBeenCalledOnce();

    const missing = await handlers['print:html']({ ...job, printerName: 'Gone' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('unavailable');
    expect(printing.print).toHaveBeenCalledOnce();

    // No printer named: the OS default, no lookup needed.
    await handlers['print:html'](job);
    expect(printing.print).toHaveBeenCalledTimes(2);
  });

  it('saves a PDF into the PDF folder and says where', async () => {
    const { handlers, printing } = setup();
    const result = await handlers['print:savePdf']({
      html: '<p>r</p>',
      pageSize: 'A4',
      fileName: 'CTR-250101-001',
    });
    const file = path.join(pdfDir, 'CTR-250101-001.pdf');
    expect(result).toEqual(succeed({ path: file }));
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 receipt');
    expect(printing.pdf).toHaveBeenCalledWith('<p>r</p>', 'A4');
  });

  it('names PDFs safely', () => {
    expect(pdfFileName('Receipt')).toBe('Receipt.pdf');
    expect(pdfFileName('Receipt.PDF')).toBe('Receipt.PDF');
    expect(() => pdfFileName('../x')).toThrow();
  });

  it('passes token calls to the store', async () => {
    const { handlers, tokens } = setup();
    expect(await handlers['token:get'](undefined)).toEqual(succeed('tok'));
    await handlers['token:set']({ token: 'new' });
    expect(tokens.set).toHaveBeenCalledWith('new');
    await handlers['token:clear'](undefined);
    expect(tokens.clear).toHaveBeenCalledOnce();
  });

  it('opens the data folder and the log, and reports when the OS cannot', async () => {
    const { handlers, openPath } = setup();
    expect(await handlers['shell:openDataFolder'](undefined)).toEqual(succeed(null));
    expect(openPath).toHaveBeenCalledWith('/data');

    const failing = setup({ openPath: () => Promise.resolve('No application is associated') });
    expect(await failing.handlers['shell:openLog'](undefined)).toEqual(
      fail('failed', 'Could not open the log: No application is associated'),
    );
  });

  it('records the enrolled HQ origin for the CSP, and refuses what is not http(s)', async () => {
    const { handlers, hqOrigin } = setup();
    expect(await handlers['hq:setOrigin']({ url: 'https://hq.example.com/v1' })).toEqual(
      succeed(null),
    );
    expect(hqOrigin.get()).toBe('https://hq.example.com');
    const refused = await handlers['hq:setOrigin']({ url: 'ftp://hq.example.com' });
    expect(refused.ok ? null : refused.error.code).toBe('bad_request');
  });
});
