// Receipts and job sheets (issue 6). Screens import printing from here.
export { buildDocument, renderDocument, MAX_HTML_CHARS } from './build';
export type { BuildOptions, BuiltDocument } from './build';
export {
  documentInputFrom,
  isDocumentKind,
  isPaperSize,
  DOCUMENT_KINDS,
  PAPER_SIZES,
} from './input';
export type {
  DocumentExtras,
  DocumentInput,
  DocumentKind,
  PaperSize,
  PartLine,
  Payment,
} from './input';
export { printDocument, savePdf, pdfFileName } from './actions';
export type { PrintError } from './actions';
export { buildTicketDocument, loadDocumentInput, printTicketDocument, saveTicketPdf } from './load';
export type { PrintSources } from './load';
export { PrintPreview } from './PrintPreview';
export type { PrintPreviewProps } from './PrintPreview';
export { PrintDocumentPage } from './PrintDocumentPage';
export { W as DOCUMENT_WORDS } from './words';
