// What each IPC channel does, with every dependency passed in. Arguments arrive already validated
// against the contract (ipc.ts); the map's type makes a channel without a handler a compile error.
import nodeFs from 'node:fs/promises';
import nodePath from 'node:path';
import { fail, succeed, type AppInfo, type Handlers, type IpcResult } from '../shared/ipc/contract';
import type { Printing } from './printing';
import type { HqOriginStore } from './hqOrigin';
import type { TokenStore } from './tokenStore';

type PdfFs = Pick<typeof nodeFs, 'mkdir' | 'writeFile'>;

export interface HandlerDeps {
  readonly info: AppInfo;
  readonly printing: Printing;
  readonly tokens: TokenStore;
  readonly hqOrigin: HqOriginStore;
  /** Where PDFs are saved (Documents/Counter in the app). */
  readonly pdfDir: string;
  readonly logFile: string;
  /** shell.openPath: resolves to '' on success, or the OS's error message. */
  readonly openPath: (path: string) => Promise<string>;
  readonly fs?: PdfFs;
}

/** `Receipt CTR-1` → `Receipt CTR-1.pdf`; the contract already refused anything path-like. */
export function pdfFileName(fileName: string): string {
  const base = nodePath.basename(fileName);
  if (base !== fileName) throw new Error(`not a bare file name: ${fileName}`);
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const fs = deps.fs ?? nodeFs;

  const open = async (path: string, what: string): Promise<IpcResult<null>> => {
    const problem = await deps.openPath(path);
    return problem === '' ? succeed(null) : fail('failed', `Could not open ${what}: ${problem}`);
  };

  return {
    'app:getInfo': () => Promise.resolve(succeed(deps.info)),

    'print:listPrinters': async () => succeed(await deps.printing.listPrinters()),

    'print:html': async (args) => {
      if (args.printerName !== undefined) {
        const printers = await deps.printing.listPrinters();
        if (!printers.some((p) => p.name === args.printerName)) {
          return fail(
            'unavailable',
            `The printer "${args.printerName}" is not connected to this computer. ` +
              'Choose another printer in Settings.',
          );
        }
      }
      return deps.printing.print(args);
    },

    'print:savePdf': async ({ html, pageSize, fileName }) => {
      const pdf = await deps.printing.pdf(html, pageSize);
      await fs.mkdir(deps.pdfDir, { recursive: true });
      const path = nodePath.join(deps.pdfDir, pdfFileName(fileName));
      await fs.writeFile(path, pdf);
      return succeed({ path });
    },

    'token:get': () => deps.tokens.get(),
    'token:set': ({ token }) => deps.tokens.set(token),
    'token:clear': () => deps.tokens.clear(),

    'hq:setOrigin': ({ url }) =>
      Promise.resolve(
        deps.hqOrigin.set(url)
          ? succeed(null)
          : fail('bad_request', `"${url}" is not an http(s) address.`),
      ),

    'shell:openDataFolder': () => open(deps.info.dataDir, 'the data folder'),
    'shell:openLog': () => open(deps.logFile, 'the log'),
  };
}
