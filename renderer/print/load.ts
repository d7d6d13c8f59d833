/**
 * From a ticket id to a document: reads the ticket, the center and the signature from the local
 * database, picks the policy of the decision in force, and builds. The screens' Print buttons and
 * the print route share this, so they never print different things.
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import type { TicketId } from '../../shared/domain/ids';
import { err, ok, type Result } from '../../shared/lib/result';
import type { CompiledPolicy } from '../../shared/warranty';
import { readAppSettings, type CounterDb } from '../data/db';
import { getPhotoBlob, getTicket } from '../data/queries';
import type { Host } from '../host/types';
import { printDocument, savePdf, pdfFileName, type PrintError } from './actions';
import { renderDocument, type BuildOptions, type BuiltDocument } from './build';
import { checkedTimeZone } from './format';
import { toBase64 } from './fonts';
import {
  documentInputFrom,
  type DocumentExtras,
  type DocumentInput,
  type DocumentKind,
  type PaperSize,
} from './input';

/** What printing needs from the app's services (renderer/app/services.tsx gives all of it). */
export interface PrintSources {
  readonly db: CounterDb;
  readonly policies: ReadonlyMap<string, CompiledPolicy>;
  readonly now: () => number;
  readonly today: () => PlainDate;
}

export const LOAD_WORDS = {
  noCenter:
    'Set up the center first (Settings): its name and address are printed on every document.',
  noTicket: 'This ticket is not on this counter: search for it again.',
  failed: 'The ticket could not be read from this computer. Reload Counter and try again.',
} as const;

/** The computer's time zone, read at the edge (the center's clock is this computer's). */
export const localTimeZone = (): string =>
  checkedTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);

async function blobToDataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

/** Extras a caller can add: parts, payment, work done (the parts issue will fill these). */
export type LoadExtras = Pick<DocumentExtras, 'parts' | 'payment' | 'workDone'>;

export async function loadDocumentInput(
  sources: PrintSources,
  ticketId: TicketId,
  kind: DocumentKind,
  extras: LoadExtras = {},
): Promise<Result<DocumentInput, string>> {
  try {
    const settings = await readAppSettings(sources.db);
    const center = settings.center;
    if (center === null) return err(LOAD_WORDS.noCenter);
    const detail = await getTicket(sources.db, ticketId);
    if (detail === null) return err(LOAD_WORDS.noTicket);
    const latest = detail.decisions[detail.decisions.length - 1]?.decision;
    const policyId = latest?.policyId ?? settings.policyPerBrand[detail.ticket.brand];
    const policy = sources.policies.get(policyId) ?? null;
    // The signature drawn at intake belongs on the intake receipt only.
    const signature =
      kind === 'intake' ? detail.photos.find((p) => p.kind === 'signature') : undefined;
    const blob = signature === undefined ? null : await getPhotoBlob(sources.db, signature.id);
    const signatureDataUrl = blob === null ? null : await blobToDataUrl(blob);
    return ok(
      documentInputFrom(detail, center, policy, {
        ...extras,
        technicians: settings.technicians,
        signatureDataUrl,
        printedAt: sources.now(),
        timeZone: localTimeZone(),
        completedOn: kind === 'completion' ? sources.today() : null,
      }),
    );
  } catch {
    return err(LOAD_WORDS.failed);
  }
}

/** Loads and builds a ticket's document. */
export async function buildTicketDocument(
  sources: PrintSources,
  ticketId: TicketId,
  kind: DocumentKind,
  size: PaperSize,
  extras: LoadExtras = {},
  options: BuildOptions = {},
): Promise<Result<BuiltDocument & { readonly input: DocumentInput }, string>> {
  const input = await loadDocumentInput(sources, ticketId, kind, extras);
  if (!input.ok) return input;
  try {
    return ok({ ...(await renderDocument(kind, input.value, size, options)), input: input.value });
  } catch {
    return err('The document could not be prepared. Reload Counter and try again.');
  }
}

/** The Print button: loads, builds and prints a ticket's document. */
export async function printTicketDocument(
  sources: PrintSources & { readonly host: Host },
  ticketId: TicketId,
  kind: DocumentKind,
  size: PaperSize,
  printerName?: string,
): Promise<Result<null, PrintError>> {
  const built = await buildTicketDocument(sources, ticketId, kind, size);
  if (!built.ok) return err({ code: 'failed', message: built.error });
  return printDocument(sources.host, built.value.html, size, printerName);
}

/** The Save as PDF button. */
export async function saveTicketPdf(
  sources: PrintSources & { readonly host: Host },
  ticketId: TicketId,
  kind: DocumentKind,
  size: PaperSize,
): Promise<Result<{ readonly path: string }, PrintError>> {
  const built = await buildTicketDocument(sources, ticketId, kind, size);
  if (!built.ok) return err({ code: 'failed', message: built.error });
  const name = pdfFileName(kind, built.value.input.ticket.number);
  return savePdf(sources.host, built.value.html, size, name);
}
