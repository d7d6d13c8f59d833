import { describe, expect, it, vi } from 'vitest';
import { fail, succeed, type IpcErrorCode } from '../../shared/ipc/contract';
import type { Host } from '../host/types';
import { pdfFileName, printDocument, printErrorWords, savePdf } from './actions';

/** A host that answers what printing uses; the other channels are not called here. */
function fakeHost(over: Partial<Pick<Host, 'printHtml' | 'savePdf'>> = {}): Host {
  const used: Partial<Host> = {
    printHtml: () => Promise.resolve(succeed(null)),
    savePdf: () => Promise.resolve(succeed({ path: '/home/t/Documents/Counter/x.pdf' })),
    ...over,
  };
  return used as Host;
}

describe('print actions', () => {
  it('prints silently on a named printer, and with the dialog without one', async () => {
    const printHtml = vi.fn<Host['printHtml']>(() => Promise.resolve(succeed(null)));
    const host = fakeHost({ printHtml });
    expect(await printDocument(host, '<p/>', '80mm', 'TM-T20')).toEqual({ ok: true, value: null });
    expect(printHtml).toHaveBeenLastCalledWith({
      html: '<p/>',
      pageSize: '80mm',
      silent: true,
      printerName: 'TM-T20',
    });
    await printDocument(host, '<p/>', 'A4');
    expect(printHtml).toHaveBeenLastCalledWith({ html: '<p/>', pageSize: 'A4', silent: false });
  });

  it('answers every failure in plain words, never with a stack trace', async () => {
    const codes: IpcErrorCode[] = [
      'bad_request',
      'forbidden',
      'unavailable',
      'cancelled',
      'failed',
      'unsupported_in_web',
      'internal',
    ];
    for (const code of codes) {
      const host = fakeHost({ printHtml: () => Promise.resolve(fail(code, 'Shell says no.')) });
      const r = await printDocument(host, '<p/>', '80mm');
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(/^[A-Z].*\.$/);
        expect(r.error.message).not.toMatch(/Error:|at .*\(/);
      }
    }
    expect(
      printErrorWords({ code: 'unavailable', message: 'No such printer.' }, 'print').message,
    ).toBe(
      'No such printer. Check that the printer is switched on, connected and has paper, or choose another printer.',
    );
  });

  it('turns a call that throws into an error value', async () => {
    const host = fakeHost({ printHtml: () => Promise.reject(new Error('boom')) });
    const r = await printDocument(host, '<p/>', 'A4');
    expect(r.ok ? '' : r.error.message).toContain('Restart Counter');
  });

  it('saves a PDF under a plain file name, and refuses a path', async () => {
    const saved = vi.fn<Host['savePdf']>(() => Promise.resolve(succeed({ path: '/d/x.pdf' })));
    const host = fakeHost({ savePdf: saved });
    const name = pdfFileName('intake', 'BLR01-250701-007');
    expect(name).toBe('Intake receipt BLR01-250701-007.pdf');
    expect(await savePdf(host, '<p/>', '80mm', name)).toEqual({
      ok: true,
      value: { path: '/d/x.pdf' },
    });
    const bad = await savePdf(host, '<p/>', '80mm', '../etc/passwd');
    expect(bad.ok ? '' : bad.error.code).toBe('bad_request');
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('passes on what a browser tells the counter about PDFs', async () => {
    const message =
      'A browser cannot save a PDF by itself. The print dialog is open: choose "Save as PDF" as the printer.';
    const host = fakeHost({ savePdf: () => Promise.resolve(fail('unsupported_in_web', message)) });
    const r = await savePdf(host, '<p/>', 'A4', 'a.pdf');
    expect(r.ok ? '' : r.error.message).toBe(message);
  });
});
