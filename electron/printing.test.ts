import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createPrinting,
  documentUrl,
  pdfOptions,
  printFailure,
  printOptions,
  toPrinter,
} from './printing';

const mocks = vi.hoisted(() => {
  const state = { printResult: [true, ''] as [boolean, string], loadFails: false };
  class FakeWindow {
    static created: FakeWindow[] = [];
    destroyed = false;
    readonly webContents = {
      loadURL: vi.fn(() =>
        state.loadFails ? Promise.reject(new Error('ERR_INVALID_URL')) : Promise.resolve(),
      ),
      print: vi.fn((_options: unknown, callback: (success: boolean, reason: string) => void) => {
        callback(...state.printResult);
      }),
      printToPDF: vi.fn(() => Promise.resolve(new Uint8Array([37, 80, 68, 70]))),
    };
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      FakeWindow.created.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { state, FakeWindow };
});

vi.mock('electron', () => ({ BrowserWindow: mocks.FakeWindow }));

const job = { html: '<p>Receipt</p>', pageSize: '80mm', silent: true } as const;

describe('print options', () => {
  it('uses the receipt printer’s own paper for 80 mm, and A4 as A4', () => {
    expect(printOptions({ ...job, printerName: 'TM-T20' })).toEqual({
      silent: true,
      printBackground: true,
      deviceName: 'TM-T20',
      usePrinterDefaultPageSize: true,
      margins: { marginType: 'none' },
    });
    expect(printOptions({ ...job, pageSize: 'A4', silent: false })).toEqual({
      silent: false,
      printBackground: true,
      pageSize: 'A4',
    });
  });

  it('sizes PDFs in inches, letting the template’s @page win', () => {
    expect(pdfOptions('A4')).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true });
    const receipt = pdfOptions('80mm');
    expect(receipt.pageSize).toEqual({ width: 80 / 25.4, height: 297 / 25.4 });
    expect(receipt.margins).toEqual({ top: 0, bottom: 0, left: 0, right: 0 });
  });

  it('reads the default printer from the platform options when they say so', () => {
    expect(toPrinter({ name: 'A', options: { 'printer-is-default': 'true' } })).toEqual({
      name: 'A',
      isDefault: true,
    });
    expect(toPrinter({ name: 'B', options: {} })).toEqual({ name: 'B', isDefault: false });
  });

  it('maps Chromium’s failure reasons to codes', () => {
    const code = (reason: string) => {
      const r = printFailure(reason);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('Print job canceled')).toBe('cancelled');
    expect(code('Invalid printer settings')).toBe('unavailable');
    expect(code('Print job failed')).toBe('failed');
  });

  it('loads the HTML as a data URL, never as a file or page of the app', () => {
    const url = documentUrl('<p>ü</p>');
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1] ?? '', 'base64').toString('utf8')).toBe('<p>ü</p>');
  });
});

describe('createPrinting', () => {
  beforeEach(() => {
    mocks.FakeWindow.created = [];
    mocks.state.printResult = [true, ''];
    mocks.state.loadFails = false;
  });

  it('prints from a hidden window with JavaScript off, then destroys it', async () => {
    const printing = createPrinting(() => undefined);
    expect(await printing.print(job)).toEqual({ ok: true, value: null });
    const [window] = mocks.FakeWindow.created;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true },
    });
    expect(window?.destroyed).toBe(true);
  });

  it('reports a cancelled print job as data', async () => {
    mocks.state.printResult = [false, 'Print job canceled'];
    const result = await createPrinting(() => undefined).print(job);
    expect(result.ok ? 'ok' : result.error.code).toBe('cancelled');
  });

  it('destroys the window even when the page does not load', async () => {
    mocks.state.loadFails = true;
    await expect(createPrinting(() => undefined).pdf('<p/>', 'A4')).rejects.toThrow(
      'ERR_INVALID_URL',
    );
    expect(mocks.FakeWindow.created[0]?.destroyed).toBe(true);
  });

  it('renders PDFs', async () => {
    const pdf = await createPrinting(() => undefined).pdf('<p/>', '80mm');
    expect(Array.from(pdf)).toEqual([37, 80, 68, 70]);
  });

  it('lists printers through the main window, or none without one', async () => {
    const contents = {
      getPrintersAsync: () =>
        Promise.resolve([{ name: 'TM-T20', displayName: 'TM', description: '', options: {} }]),
    } as unknown as WebContents;
    expect(await createPrinting(() => contents).listPrinters()).toEqual([
      { name: 'TM-T20', isDefault: false },
    ]);
    expect(await createPrinting(() => undefined).listPrinters()).toEqual([]);
  });
});
