/**
 * Sending a built document to the shell: print it, or save it as a PDF. Answers are Results whose
 * errors a person at the counter can act on (STYLE.md 5); nothing here throws.
 */
import { FileNameSchema, type IpcError, type IpcErrorCode } from '../../shared/ipc/contract';
import { missingCaseError } from '../../shared/lib/assert';
import { err, ok, type Result } from '../../shared/lib/result';
import type { Host } from '../host/types';
import type { DocumentKind, PaperSize } from './input';
import { W } from './words';

export interface PrintError {
  readonly code: IpcErrorCode;
  /** What went wrong and what to do, for the counter. */
  readonly message: string;
}

/** The shell's own message where it already speaks to the counter; plain words where not. */
export function printErrorWords(e: IpcError, action: 'print' | 'pdf'): PrintError {
  const what = action === 'print' ? 'The document was not printed' : 'The PDF was not saved';
  switch (e.code) {
    case 'cancelled':
      return {
        code: e.code,
        message: action === 'print' ? 'Printing was cancelled.' : 'Saving the PDF was cancelled.',
      };
    case 'unavailable':
      return {
        code: e.code,
        message: `${e.message} Check that the printer is switched on, connected and has paper, or choose another printer.`,
      };
    case 'failed':
    case 'unsupported_in_web':
      return { code: e.code, message: e.message };
    case 'bad_request':
      return {
        code: e.code,
        message: `${what}: Counter made a document the printer could not take. Try again; if it happens again, call HQ support.`,
      };
    case 'forbidden':
    case 'internal':
      return {
        code: e.code,
        message: `${what}. Restart Counter and try again; if it happens again, call HQ support.`,
      };
    default:
      throw missingCaseError(e.code);
  }
}

const unexpected = (action: 'print' | 'pdf'): PrintError => ({
  code: 'internal',
  message: `${action === 'print' ? 'The document was not printed' : 'The PDF was not saved'}. Restart Counter and try again; if it happens again, call HQ support.`,
});

/**
 * Prints `html` on `size` paper. With a printer named (the counter's receipt printer from
 * Settings) it prints straight away; without one the shell shows its print dialog.
 */
export async function printDocument(
  host: Host,
  html: string,
  size: PaperSize,
  printerName?: string,
): Promise<Result<null, PrintError>> {
  try {
    const r = await host.printHtml({
      html,
      pageSize: size,
      silent: printerName !== undefined,
      ...(printerName === undefined ? {} : { printerName }),
    });
    return r.ok ? ok(null) : err(printErrorWords(r.error, 'print'));
  } catch {
    return err(unexpected('print'));
  }
}

/** Saves `html` as a PDF named `fileName` (a bare name: the shell chooses the folder). */
export async function savePdf(
  host: Host,
  html: string,
  size: PaperSize,
  fileName: string,
): Promise<Result<{ readonly path: string }, PrintError>> {
  if (!FileNameSchema.safeParse(fileName).success) {
    return err({
      code: 'bad_request',
      message: `"${fileName}" cannot be a file name: use letters, digits, spaces and hyphens, without / \\ : * ? " < > |.`,
    });
  }
  try {
    const r = await host.savePdf({ html, pageSize: size, fileName });
    return r.ok ? ok(r.value) : err(printErrorWords(r.error, 'pdf'));
  } catch {
    return err(unexpected('pdf'));
  }
}

/** `Intake receipt BLR01-250701-007.pdf` (ticket numbers are letters, digits and hyphens). */
export function pdfFileName(kind: DocumentKind, ticketNumber: string): string {
  const safe = ticketNumber.replace(/[^A-Za-z0-9-]/g, '');
  return `${W.title[kind]} ${safe}.pdf`;
}
