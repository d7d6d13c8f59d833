// Printing and PDFs. The receipt HTML is loaded into a hidden, sandboxed window with JavaScript
// off: it is rendered, never run. Receipts must inline their images (data: URLs), since the page
// is a data: document with no access to the app's files.
import {
  BrowserWindow,
  type PrinterInfo,
  type PrintToPDFOptions,
  type WebContents,
  type WebContentsPrintOptions,
} from 'electron';
import {
  fail,
  succeed,
  type IpcResult,
  type PageSize,
  type PrintHtmlArgs,
  type Printer,
} from '../shared/ipc/contract';
import { missingCaseError } from '../shared/lib/assert';

const MM_PER_INCH = 25.4;

export function printOptions(args: PrintHtmlArgs): WebContentsPrintOptions {
  const common: WebContentsPrintOptions = {
    silent: args.silent,
    printBackground: true,
    ...(args.printerName === undefined ? {} : { deviceName: args.printerName }),
  };
  switch (args.pageSize) {
    case 'A4':
      return { ...common, pageSize: 'A4' };
    case '80mm':
      // A receipt printer knows its roll better than we do (width, cut, feed): use its paper.
      return { ...common, usePrinterDefaultPageSize: true, margins: { marginType: 'none' } };
    default:
      throw missingCaseError(args.pageSize);
  }
}

export function pdfOptions(pageSize: PageSize): PrintToPDFOptions {
  switch (pageSize) {
    case 'A4':
      return { pageSize: 'A4', printBackground: true, preferCSSPageSize: true };
    case '80mm':
      // printToPDF takes inches. A4's height is only the upper bound; the template's @page wins.
      return {
        pageSize: { width: 80 / MM_PER_INCH, height: 297 / MM_PER_INCH },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        printBackground: true,
        preferCSSPageSize: true,
      };
    default:
      throw missingCaseError(pageSize);
  }
}

/**
 * Electron 36 dropped PrinterInfo.isDefault (Chromium no longer reports it); CUPS and some
 * Windows drivers still say so in the options, so read it from there when present.
 */
export function toPrinter(info: Pick<PrinterInfo, 'name' | 'options'>): Printer {
  const options = info.options as Record<string, unknown> | undefined;
  const flag = options?.['printer-is-default'] ?? options?.['is-default'] ?? options?.isDefault;
  return { name: info.name, isDefault: flag === true || flag === 'true' };
}

/** Maps Chromium's failure reasons ("Print job canceled", …) to codes the counter can act on. */
export function printFailure(reason: string): IpcResult<never> {
  if (/cancel/i.test(reason)) return fail('cancelled', 'Printing was cancelled.');
  if (/invalid printer settings/i.test(reason)) {
    return fail('unavailable', 'The printer refused these settings. Check the printer and paper.');
  }
  return fail('failed', `The receipt could not be printed (${reason || 'no reason given'}).`);
}

export interface Printing {
  listPrinters(): Promise<Printer[]>;
  print(args: PrintHtmlArgs): Promise<IpcResult<null>>;
  pdf(html: string, pageSize: PageSize): Promise<Uint8Array>;
}

export function documentUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

async function withDocument<T>(
  html: string,
  use: (contents: WebContents) => Promise<T>,
): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  try {
    await window.webContents.loadURL(documentUrl(html));
    return await use(window.webContents);
  } finally {
    if (!window.isDestroyed()) window.destroy();
  }
}

/** `printersFrom` gives a live WebContents to ask the OS for printers (the main window's). */
export function createPrinting(printersFrom: () => WebContents | undefined): Printing {
  return {
    async listPrinters() {
      const contents = printersFrom();
      if (contents === undefined) return [];
      return (await contents.getPrintersAsync()).map(toPrinter);
    },

    print(args) {
      return withDocument(
        args.html,
        (contents) =>
          new Promise<IpcResult<null>>((resolve) => {
            contents.print(printOptions(args), (success, reason) => {
              resolve(success ? succeed(null) : printFailure(reason));
            });
          }),
      );
    },

    pdf(html, pageSize) {
      return withDocument(html, (contents) => contents.printToPDF(pdfOptions(pageSize)));
    },
  };
}
