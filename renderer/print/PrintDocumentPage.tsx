import { useEffect, useRef, useState } from 'react';
import { parseTicketId } from '../../shared/domain/ids';
import { useParams, useSearchParams } from '../app/routing';
import { useServices } from '../app/services';
import { isDocumentKind, isPaperSize } from './input';
import { buildTicketDocument } from './load';

type PageState =
  | { readonly kind: 'building' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'ready'; readonly html: string };

const PAGE_WORDS = {
  building: 'Preparing the document…',
  badKind: 'There is no such document: choose intake, jobSheet or completion.',
  badSize: 'There is no such paper: choose 80mm or A4.',
  badTicket: 'This is not a ticket link: open the ticket again and print from there.',
} as const;

/**
 * Replaces the whole page with the document, exactly as it goes to the printer: its own
 * `@page` size and fonts apply, and a browser's print (or Playwright's page.pdf) prints it as the
 * shell would. The document is the escaped output of buildDocument and has no scripts.
 */
function showDocument(doc: Document, html: string): void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  doc.replaceChild(doc.importNode(parsed.documentElement, true), doc.documentElement);
}

/**
 * The route `#/print/:kind/:ticketId?size=80mm|A4`: the document alone, no app chrome, for
 * printing from the browser and for end-to-end tests. Once built, the page *is* the document;
 * navigating back reloads the app.
 */
export function PrintDocumentPage() {
  const services = useServices();
  const params = useParams();
  const [search] = useSearchParams();
  const kind = params['kind'] ?? '';
  const ticket = params['ticketId'] ?? '';
  const size = search.get('size') ?? '80mm';
  const [state, setState] = useState<PageState>({ kind: 'building' });
  const shown = useRef(false);

  const id = parseTicketId(ticket);
  const problem = !isDocumentKind(kind)
    ? PAGE_WORDS.badKind
    : !isPaperSize(size)
      ? PAGE_WORDS.badSize
      : id === null
        ? PAGE_WORDS.badTicket
        : null;

  useEffect(() => {
    if (id === null || !isDocumentKind(kind) || !isPaperSize(size)) return;
    let current = true;
    void buildTicketDocument(services, id, kind, size).then((built) => {
      if (!current) return;
      setState(
        built.ok
          ? { kind: 'ready', html: built.value.html }
          : { kind: 'failed', message: built.error },
      );
    });
    return () => {
      current = false;
    };
  }, [services, id, kind, size]);

  useEffect(() => {
    if (state.kind !== 'ready' || shown.current) return;
    shown.current = true;
    showDocument(document, state.html);
  }, [state]);

  const message = problem ?? (state.kind === 'failed' ? state.message : null);
  if (message !== null) {
    return (
      <p className="notice bad" role="alert">
        {message}
      </p>
    );
  }
  return (
    <p className="muted" role="status">
      {PAGE_WORDS.building}
    </p>
  );
}
