/**
 * buildDocument: a complete, self-contained HTML document for one of the three papers, ready for
 * the shell's printer (a data: page with JavaScript off) or a browser's print frame. Styles are
 * inline, the logo and signature are data: URLs, and the fonts are the Noto subsets the text
 * needs, inlined as base64.
 */
import { PrintHtmlArgsSchema } from '../../shared/ipc/contract';
import {
  inlineFonts,
  selectFaces,
  type FontFamily,
  type FontLoader,
  type InlinedFonts,
} from './fonts';
import { assetFontLoader, RECEIPT_FONTS } from './fontCatalog';
import { html, styleElement, type SafeHtml } from './html';
import type { DocumentInput, DocumentKind, PaperSize } from './input';
import { domMeasure, type MeasureHeight } from './measure';
import { documentCss, pageRule } from './styles';
import { documentBody } from './templates';
import { W } from './words';

export interface BuildOptions {
  /** Defaults to the fonts the build ships. */
  readonly fonts?: readonly FontFamily[];
  /** Defaults to reading the app's own font assets. */
  readonly loadFont?: FontLoader;
  /**
   * Lays an 80 mm document out to find its length. Defaults to an off-screen frame when there is
   * a DOM; null (or no DOM) prints on 297 mm lengths of roll instead.
   */
  readonly measure?: MeasureHeight | null;
}

export interface BuiltDocument {
  readonly html: string;
  readonly fonts: Omit<InlinedFonts, 'css'>;
  /** The 80 mm roll length written into `@page`; null for A4 or when it was not measured. */
  readonly heightMm: number | null;
}

/** The most the shell accepts to print (the IPC contract's limit). */
export const MAX_HTML_CHARS = PrintHtmlArgsSchema.shape.html.maxLength ?? 1_000_000;

/** Room kept for the document around its body and fonts, so it always fits that limit. */
const NON_FONT_RESERVE = 20_000;

const PRINTABLE_WIDTH_MM: Readonly<Record<PaperSize, number>> = { '80mm': 80, A4: 210 };

/** Extra roll below the content, so rounding never pushes the last line onto a second page. */
const ROLL_SLACK_MM = 3;

function assemble(
  kind: DocumentKind,
  size: PaperSize,
  title: string,
  fontCss: string,
  body: SafeHtml,
  page: string,
): string {
  const doc = html`<!doctype html>
    <html lang="en" data-document="${kind}" data-size="${size}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${styleElement(fontCss)} ${styleElement(documentCss(size) + page)}
      </head>
      <body class="paper-${size === '80mm' ? 'roll' : 'a4'}">
        ${body}
      </body>
    </html>`;
  return doc.html;
}

let pageMeasure: { readonly doc: Document; readonly measure: MeasureHeight } | undefined;

/** One measurer per page, so measurements queue behind each other in its one frame. */
function defaultMeasure(): MeasureHeight | null {
  if (typeof document === 'undefined') return null;
  if (pageMeasure?.doc !== document) pageMeasure = { doc: document, measure: domMeasure(document) };
  return pageMeasure.measure;
}

/** Builds a document and says which fonts went in (for the preview and the tests). */
export async function renderDocument(
  kind: DocumentKind,
  input: DocumentInput,
  size: PaperSize,
  options: BuildOptions = {},
): Promise<BuiltDocument> {
  const body = documentBody(kind, input, size);
  const title = `${W.title[kind]} ${input.ticket.number}`;
  const footerText = `${input.ticket.number} ${W.title[kind]}`;

  // The markup holds every character the document prints (tags and attributes add only ASCII,
  // which the Latin subset covers anyway).
  const selection = selectFaces(body.html + title, options.fonts ?? RECEIPT_FONTS);
  const budget = MAX_HTML_CHARS - NON_FONT_RESERVE - body.html.length - documentCss(size).length;
  const fonts = await inlineFonts(selection, options.loadFont ?? assetFontLoader(), budget);

  const build = (heightMm: number | null) =>
    assemble(kind, size, title, fonts.css, body, pageRule(size, { heightMm, footer: footerText }));

  let heightMm: number | null = null;
  if (size === '80mm') {
    const measure = options.measure === undefined ? defaultMeasure() : options.measure;
    const measured = measure === null ? null : await measure(build(null), PRINTABLE_WIDTH_MM[size]);
    heightMm = measured === null ? null : measured + ROLL_SLACK_MM;
  }
  const report = {
    faces: fonts.faces,
    boldSynthesized: fonts.boldSynthesized,
    dropped: fonts.dropped,
    uncovered: fonts.uncovered,
  };
  return { html: build(heightMm), fonts: report, heightMm };
}

/**
 * A complete, self-contained HTML document of `kind` for `size` paper. Text of any script prints
 * in the inlined Noto fonts; everything typed at the counter is escaped.
 */
export async function buildDocument(
  kind: DocumentKind,
  input: DocumentInput,
  size: PaperSize,
  options: BuildOptions = {},
): Promise<string> {
  return (await renderDocument(kind, input, size, options)).html;
}
