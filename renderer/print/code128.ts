/**
 * Code 128 (ISO/IEC 15417) for ticket numbers, drawn as SVG. Code set B carries the letters and
 * punctuation, code set C packs digit pairs; switching follows the standard's Annex E so the
 * symbol is as short as those rules make it (a shorter bar code prints with wider bars on an
 * 80 mm roll, and wider bars scan better).
 */
import { html, type SafeHtml } from './html';

/** Bar/space widths of each symbol value 0–105, then STOP (106, seven elements). */
// prettier-ignore
const PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const CODE_C = 99;
const CODE_B = 100;
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Modules of blank space required on each side of the symbol (ISO/IEC 15417: at least 10X). */
export const QUIET_ZONE_MODULES = 10;

export type Code128Error = 'empty' | 'unsupported_character';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function digitRun(codes: readonly number[], from: number): number {
  let n = 0;
  while (from + n < codes.length && isDigit(codes[from + n] ?? 0)) n++;
  return n;
}

/**
 * The symbol values for `text`, from the start symbol to the check symbol (STOP not included).
 * Only printable ASCII (space to `~`) is accepted: ticket numbers never need more.
 */
export function code128Values(text: string): number[] | Code128Error {
  if (text.length === 0) return 'empty';
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) return 'unsupported_character';
    codes.push(c);
  }

  const values: number[] = [];
  const leading = digitRun(codes, 0);
  let set: 'B' | 'C' = leading >= 4 || (leading === 2 && codes.length === 2) ? 'C' : 'B';
  values.push(set === 'C' ? START_C : START_B);

  let i = 0;
  while (i < codes.length) {
    const c = codes[i] ?? 0;
    if (set === 'C') {
      if (digitRun(codes, i) >= 2) {
        values.push((c - 48) * 10 + ((codes[i + 1] ?? 48) - 48));
        i += 2;
        continue;
      }
      values.push(CODE_B);
      set = 'B';
      continue;
    }
    // Code set B: a run of digits long enough to pay for the switch goes to C. An odd run
    // keeps its first digit in B, so C starts on a whole pair.
    const run = digitRun(codes, i);
    const atEnd = i + run === codes.length;
    if (run >= 6 || (run >= 4 && atEnd)) {
      if (run % 2 === 1) {
        values.push(c - 32);
        i += 1;
      }
      values.push(CODE_C);
      set = 'C';
      continue;
    }
    values.push(c - 32);
    i += 1;
  }

  let sum = values[0] ?? 0;
  for (let k = 1; k < values.length; k++) sum += (values[k] ?? 0) * k;
  values.push(sum % 103);
  return values;
}

/** The symbol as modules, `1` for bar and `0` for space, without quiet zones. */
export function code128Modules(values: readonly number[]): string {
  let out = '';
  for (const v of [...values, STOP]) {
    const pattern = PATTERNS[v];
    if (pattern === undefined) throw new RangeError(`no Code 128 symbol has the value ${v}`);
    for (let k = 0; k < pattern.length; k++) {
      out += (k % 2 === 0 ? '1' : '0').repeat(Number(pattern.charAt(k)));
    }
  }
  return out;
}

export interface BarcodeOptions {
  /** Width of one module in millimetres. 0.25 mm is two dots of a 203 dpi receipt printer. */
  readonly moduleMm?: number;
  readonly heightMm?: number;
  /** Read aloud by screen readers in the preview; printed text sits beside the symbol. */
  readonly label: string;
}

export interface Barcode {
  readonly svg: SafeHtml;
  /** The full width, quiet zones included. */
  readonly widthMm: number;
  readonly modules: number;
}

/** An SVG Code 128 symbol with its quiet zones, drawn as one path of crisp rectangles. */
export function code128Svg(text: string, options: BarcodeOptions): Barcode | Code128Error {
  const values = code128Values(text);
  if (typeof values === 'string') return values;
  const bars = code128Modules(values);
  const moduleMm = options.moduleMm ?? 0.25;
  const heightMm = options.heightMm ?? 12;
  const modules = bars.length + 2 * QUIET_ZONE_MODULES;
  let d = '';
  let k = 0;
  while (k < bars.length) {
    if (bars.charAt(k) === '1') {
      let w = 1;
      while (bars.charAt(k + w) === '1') w++;
      d += `M${k + QUIET_ZONE_MODULES} 0h${w}v1h-${w}z`;
      k += w;
    } else {
      k++;
    }
  }
  const widthMm = Math.round(modules * moduleMm * 1000) / 1000;
  const svg = html`<svg
    xmlns="http://www.w3.org/2000/svg"
    class="barcode"
    role="img"
    aria-label="${options.label}"
    width="${widthMm}mm"
    height="${heightMm}mm"
    viewBox="0 0 ${modules} 1"
    preserveAspectRatio="none"
    shape-rendering="crispEdges"
  >
    <path fill="#000" d="${d}" />
  </svg>`;
  return { svg, widthMm, modules };
}
