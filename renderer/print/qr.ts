/**
 * QR codes as SVG. qrcode-generator computes the matrix (pure JavaScript, no canvas); this module
 * draws it as one path, so it prints crisply at any size and needs no image decoding.
 */
import qrcode from 'qrcode-generator';
import { html, type SafeHtml } from './html';

/** Blank modules around the symbol (ISO/IEC 18004: at least four). */
export const QR_QUIET_ZONE = 4;

export interface QrMatrix {
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/** QR's alphanumeric mode: ticket numbers (`BLR01-250701-007`) fit it and make a smaller symbol. */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]+$/;

export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M');
  qr.addData(text, ALPHANUMERIC.test(text) ? 'Alphanumeric' : 'Byte');
  qr.make();
  return { size: qr.getModuleCount(), isDark: (r, c) => qr.isDark(r, c) };
}

export interface QrOptions {
  /** The printed size of the whole symbol, quiet zone included. */
  readonly sizeMm: number;
  readonly label: string;
}

export function qrSvg(text: string, options: QrOptions): SafeHtml {
  const m = qrMatrix(text);
  const total = m.size + 2 * QR_QUIET_ZONE;
  let d = '';
  for (let r = 0; r < m.size; r++) {
    let c = 0;
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c++;
        continue;
      }
      let w = 1;
      while (c + w < m.size && m.isDark(r, c + w)) w++;
      d += `M${c + QR_QUIET_ZONE} ${r + QR_QUIET_ZONE}h${w}v1h-${w}z`;
      c += w;
    }
  }
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    class="qr"
    role="img"
    aria-label="${options.label}"
    width="${options.sizeMm}mm"
    height="${options.sizeMm}mm"
    viewBox="0 0 ${total} ${total}"
    shape-rendering="crispEdges"
  >
    <path fill="#000" d="${d}" />
  </svg>`;
}
