/**
 * The only way receipts are written: an `html` tagged template that escapes every interpolated
 * value. A customer's name, a complaint or an invoice number typed as `<script>` prints as those
 * characters. Markup passes through only as `SafeHtml`, which this module makes from template
 * literals (the code's own text) and from nothing else a user could type.
 */

const safeBrand: unique symbol = Symbol('SafeHtml');

export interface SafeHtml {
  readonly [safeBrand]: true;
  readonly html: string;
}

const make = (html: string): SafeHtml => ({ [safeBrand]: true, html });

export function isSafeHtml(x: unknown): x is SafeHtml {
  return typeof x === 'object' && x !== null && safeBrand in x;
}

/** What a template may interpolate. `null`, `undefined` and `false` print nothing. */
export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  if (isSafeHtml(value)) return value.html;
  // Only our own values reach here; anything else (a forged look-alike) prints nothing.
  if (!Array.isArray(value)) return '';
  let out = '';
  for (const v of value as readonly HtmlValue[]) out += render(v);
  return out;
}

/** Builds markup: the literal parts are kept, every `${value}` is escaped unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i] ?? null);
    out += strings[i + 1] ?? '';
  }
  return make(out);
}

export const EMPTY: SafeHtml = make('');

/** Joins pieces with a separator (itself escaped unless SafeHtml). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = EMPTY): SafeHtml {
  const sep = render(separator);
  return make(parts.map(render).join(sep));
}

/**
 * A `<style>` element from CSS the code wrote (never user text). Inside <style> nothing is
 * decoded, so CSS cannot be escaped like text; it is refused instead if it could end the element.
 */
export function styleElement(css: string): SafeHtml {
  if (/<\/style|<!--/i.test(css)) throw new Error('CSS must not contain "</style" or "<!--"');
  return make(`<style>${css}</style>`);
}

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** A `data:` URL of an image that can go in `src`; null for anything else (no remote images). */
export function imageDataUrl(url: string): string | null {
  return IMAGE_DATA_URL.test(url) ? url : null;
}
