/**
 * The documents' stylesheets. One structure, two papers: an 80 mm roll (72 mm printable, black
 * only: thermal printers have no grey worth the name) and A4 (the brand's teal for accents, page
 * breaks that keep a section together, a footer with the ticket number and page count).
 */
import { SANS, SANS_DEVANAGARI, SANS_SC } from './fontCatalog';
import type { PaperSize } from './input';

export const TEAL = '#0b6e6e';

const FONT_STACK = `'${SANS}','${SANS_DEVANAGARI}','${SANS_SC}',sans-serif`;
// Serials and numbers only. The computer's own monospace draws ASCII; anything else falls back
// to the inlined families.
const MONO_STACK = `'DejaVu Sans Mono',Consolas,Menlo,'Liberation Mono','Courier New','${SANS}','${SANS_DEVANAGARI}','${SANS_SC}',monospace`;

const BASE = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact;-webkit-text-size-adjust:100%}
body{margin:0;font-family:${FONT_STACK};color:#111;background:#fff;line-height:1.32;font-kerning:normal;font-variant-numeric:tabular-nums}
h1,h2,h3,p,ul,ol,dl,dd,figure{margin:0}
ul,ol{padding:0;list-style:none}
.mono{font-family:${MONO_STACK};font-variant-ligatures:none;letter-spacing:0}
.muted{color:#555}
.small{font-size:.86em}
.wrap,dd,td,li,p{overflow-wrap:anywhere}
.strong{font-weight:700}

.center{display:flex;align-items:center;gap:3mm}
.center .logo{flex:none;display:block}
.center-name{font-weight:700;line-height:1.15}
.center-lines{color:#333}

.doc-title{display:flex;justify-content:space-between;align-items:baseline;gap:2mm;text-transform:uppercase;letter-spacing:.06em;font-weight:700}
.doc-title .copy{font-weight:400;letter-spacing:.03em;text-transform:none;color:#444}

.ticket-no{font-weight:700;letter-spacing:.02em}
.codes{display:flex;align-items:center;gap:3mm}
.barcode{display:block;max-width:100%}
.qr{display:block;flex:none}

h2{font-size:1em;font-weight:700;text-transform:uppercase;letter-spacing:.05em;margin:0 0 1.2mm}
section{margin-top:3.2mm}

dl.kv{display:grid;grid-template-columns:var(--label-width) 1fr;column-gap:2.5mm;row-gap:.6mm}
dl.kv dt{color:#444}
dl.kv dd{min-width:0}

ul.bullets li{position:relative;padding-left:3.2mm}
ul.bullets li::before{content:'';position:absolute;left:.6mm;top:.62em;width:1.1mm;height:1.1mm;border-radius:50%;background:#111}
ol.numbered{counter-reset:n}
ol.numbered li{position:relative;padding-left:4.2mm;counter-increment:n}
ol.numbered li::before{content:counter(n) '.';position:absolute;left:0;font-weight:700}
li+li{margin-top:.8mm}

.complaint{white-space:pre-wrap;border-left:.6mm solid #111;padding:.4mm 0 .4mm 2.4mm}

.decision{border:.7mm solid #111;border-radius:1.4mm;padding:2.2mm 2.8mm;break-inside:avoid}
.decision .verdicts{display:grid;grid-template-columns:1fr 1fr;gap:1.6mm 2mm}
.decision .verdict{font-weight:700;text-transform:uppercase;letter-spacing:.03em;line-height:1.15}
.decision .verdict .label{display:block;font-weight:400;text-transform:none;letter-spacing:0;color:#444;font-size:.78em;margin-bottom:.4mm}
.decision .verdict.lastday{text-transform:none;letter-spacing:0}
.decision .note{margin-top:1.2mm}
.decision .estimate{margin-top:1.8mm;padding-top:1.4mm;border-top:.3mm solid #111}
.decision .estimate .row{display:flex;justify-content:space-between;align-items:baseline;gap:2mm;font-weight:700}

.clause-list li{break-inside:avoid}
.clause-list li+li{margin-top:1.2mm}
.clause-ref{display:block;color:#333}
.clause-id{white-space:nowrap;font-size:.92em}
.remedies{margin-top:1.6mm}


table{width:100%;border-collapse:collapse;table-layout:fixed}
th{text-align:left;font-weight:700;color:#333;border-bottom:.35mm solid #111;padding:.8mm 1mm .8mm 0;vertical-align:bottom}
td{padding:.9mm 1mm .9mm 0;border-bottom:.2mm solid #999;vertical-align:top}
th.num,td.num{text-align:right;padding-right:0}
tr{break-inside:avoid}
thead{display:table-header-group}
tfoot td{border-bottom:0;font-weight:700}

.lines{break-inside:avoid}
.lines .line{height:7mm;border-bottom:.25mm solid #777}
tr.blank td{height:7mm}
.sign{margin-top:4mm;break-inside:avoid}
.sign .space{min-height:14mm;border-bottom:.3mm solid #111;display:flex;align-items:flex-end}
.sign img{display:block;max-height:18mm;max-width:60mm;margin-bottom:.5mm}
.sign .caption{margin-top:.8mm;color:#444}

.totals{margin-left:auto}
.totals .row{display:flex;justify-content:space-between;gap:3mm;padding:.5mm 0}
.totals .row.total{border-top:.35mm solid #111;margin-top:.8mm;padding-top:1.2mm;font-weight:700;font-size:1.12em}

footer{margin-top:4mm;padding-top:1.6mm;border-top:.25mm solid #777;color:#444}
footer p+p{margin-top:.6mm}
`;

const ROLL = `
body{font-size:8.6pt;padding:3mm 4mm 5mm;width:80mm;--label-width:19mm}
.center .logo{width:11mm;height:11mm}
.center-name{font-size:11.5pt}
.center-lines{font-size:7.8pt}
.doc-title{margin-top:3mm;padding:1.2mm 0;border-top:.5mm solid #111;border-bottom:.5mm solid #111;font-size:8.6pt}
.ticket-block{margin-top:2.6mm;text-align:center}
.ticket-no{font-size:15pt}
.ticket-block .barcode{margin:1.4mm auto 0}
.codes{justify-content:space-between;margin-top:1.6mm;text-align:left}
.codes .meta{flex:1;min-width:0}
.decision{font-size:9pt}
.decision .verdict{font-size:11pt}
.decision .verdict.lastday{grid-column:1 / span 2;padding-top:1.4mm;border-top:.3mm solid #111}
.clauses{font-size:7.8pt}
.terms{font-size:8pt}
footer{font-size:7.2pt}
td,th{font-size:7.8pt}
`;

const PAGE = `
body{font-size:9.4pt;--label-width:27mm}
.page-head{display:grid;grid-template-columns:1fr auto auto;column-gap:5mm;align-items:center;padding-bottom:2.6mm;border-bottom:.6mm solid ${TEAL}}
.center .logo{width:15mm;height:15mm}
.center-name{font-size:15pt;color:${TEAL}}
.center-lines{font-size:8.8pt}
.ticket-block{text-align:right}
.ticket-block .label{font-size:8pt;text-transform:uppercase;letter-spacing:.06em;color:#444}
.ticket-no{font-size:16pt;line-height:1.1}
.ticket-block .barcode{margin:1mm 0 0 auto}
.ticket-block .meta{margin-top:.8mm}
.doc-title{margin-top:3mm;font-size:12pt;color:${TEAL}}
.doc-title .copy{font-size:9pt}
h2{color:${TEAL};border-bottom:.3mm solid #c9d6d6;padding-bottom:.6mm;break-after:avoid}
section{margin-top:3.2mm;break-inside:avoid}
section.may-break{break-inside:auto}
.grid2{display:grid;grid-template-columns:1fr 1fr;column-gap:8mm}
.grid2>div{min-width:0}
.decision{border-color:${TEAL};background:#eef6f6;font-size:10.2pt}
.decision.not-covered{border-color:#a4262c;background:#fbefef}
.decision .verdicts{grid-template-columns:1fr 1fr 1.3fr}
.decision .verdict{font-size:13pt}
.decision.covered .verdict.main{color:${TEAL}}
.decision.not-covered .verdict.main{color:#a4262c}
.decision .estimate{border-top-color:rgba(0,0,0,.35)}
.clauses{font-size:8.8pt}
.terms{font-size:9pt}
.signatures{display:grid;grid-template-columns:1fr 1fr;gap:10mm}
.sign{margin-top:2.5mm}
.sign .space{min-height:11mm}
.clause-list li+li{margin-top:.9mm}
footer{break-inside:avoid}
.totals{width:75mm}
footer{font-size:8pt}
`;

/** Strings placed in CSS `content`: ticket numbers are letters, digits and hyphens. */
const cssText = (s: string): string => s.replace(/[^A-Za-z0-9 .-]/g, '');

export function pageRule(
  size: PaperSize,
  opts: { heightMm: number | null; footer: string },
): string {
  if (size === '80mm') {
    const h = opts.heightMm === null ? 297 : Math.ceil(opts.heightMm * 10) / 10;
    return `@page{size:80mm ${h}mm;margin:0}`;
  }
  const box = `font-family:${FONT_STACK};font-size:7.5pt;color:#555`;
  return (
    `@page{size:A4;margin:11mm 13mm 13mm;` +
    `@bottom-left{content:'${cssText(opts.footer)}';${box}}` +
    `@bottom-right{content:'Page ' counter(page) ' of ' counter(pages);${box}}}`
  );
}

export function documentCss(size: PaperSize): string {
  return BASE + (size === '80mm' ? ROLL : PAGE);
}
