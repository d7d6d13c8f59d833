/**
 * The return manifest: the A4 sheet that travels in the box with the defective parts a center
 * ships back to HQ (issue 5). HQ checks the box against it, part by part, by scanning each
 * part's QR code. Built like the ticket documents (build.ts): self-contained HTML with inlined
 * font subsets, every value escaped by the `html` template.
 */
import type { PlainDate } from '../../shared/dates/plainDate';
import { err, ok, type Result } from '../../shared/lib/result';
import type { DefectivePartId, ReturnShipmentId } from '../../shared/parts/records';
import { readAppSettings, type CenterProfile, type CounterDb } from '../data/db';
import type { Host } from '../host/types';
import { printDocument, savePdf, type PrintError } from './actions';
import { MAX_HTML_CHARS, type BuildOptions } from './build';
import { assetFontLoader, RECEIPT_FONTS } from './fontCatalog';
import { formatPlainDate, formatTimestamp, receiptLocale, type Formatting } from './format';
import { inlineFonts, selectFaces } from './fonts';
import { EMPTY, html, styleElement, type SafeHtml } from './html';
import { localTimeZone } from './load';
import { LOGO_DATA_URL } from './logo';
import { qrSvg } from './qr';
import { documentCss, pageRule } from './styles';

export interface ManifestPart {
  readonly id: DefectivePartId;
  readonly partNumber: string;
  readonly partName: string;
  readonly serial: string | null;
  /** The ticket the part came out of; null when that ticket is not on this counter. */
  readonly ticketNumber: string | null;
  readonly reason: string;
  readonly heldSince: PlainDate;
}

export interface ManifestInput {
  readonly center: Pick<CenterProfile, 'name' | 'code' | 'address' | 'phone'>;
  readonly shipment: {
    readonly id: ReturnShipmentId;
    readonly carrier: string;
    readonly trackingNumber: string;
    readonly packedOn: PlainDate;
  };
  /** Who packed the box, by name. */
  readonly packedBy: string | null;
  readonly parts: readonly ManifestPart[];
  readonly printedAt: number;
  readonly locale: string;
  readonly timeZone: string;
}

// The manifest's printed words (documents keep their own words, as words.ts does for receipts).
export const MANIFEST_WORDS = {
  title: 'Return manifest',
  lead: 'Defective parts returned to HQ. Check each part against its line and scan its code.',
  shipment: 'Shipment',
  center: 'Center',
  carrier: 'Carrier',
  tracking: 'Tracking number',
  packedOn: 'Packed on',
  packedBy: 'Packed by',
  parts: 'Parts in this box',
  index: '#',
  partNumber: 'Part number',
  name: 'Part',
  serial: 'Serial',
  ticket: 'Ticket',
  reason: 'Reason',
  code: 'Code',
  total: (n: number) => (n === 1 ? '1 part in this box' : `${n} parts in this box`),
  withSerial: (n: number) => `${n} with a serial number`,
  packedSignature: 'Packed by (center): name, signature, date',
  receivedSignature: 'Received by (HQ): name, signature, date',
  printed: 'Printed',
  phone: 'Tel.',
} as const;

const W = MANIFEST_WORDS;
const dash = '—';

/** What a part's QR code holds: the defective part's id, which HQ's receipt names. */
export const manifestPartCode = (id: DefectivePartId): string => `part:${id}`;

const MANIFEST_CSS = `
.manifest-head{display:grid;grid-template-columns:1fr auto;column-gap:5mm;align-items:center;padding-bottom:2.6mm;border-bottom:.6mm solid #0b6e6e}
.shipment-block{text-align:right}
.shipment-block .label{font-size:8pt;text-transform:uppercase;letter-spacing:.06em;color:#444}
.shipment-block .tracking{font-size:15pt;font-weight:700;line-height:1.1}
table.manifest th.idx,table.manifest td.idx{width:8mm;padding-right:2mm}
table.manifest th.pn,table.manifest td.pn{width:27mm}
table.manifest th.sn,table.manifest td.sn{width:30mm}
table.manifest th.tk,table.manifest td.tk{width:34mm}
table.manifest td.tk,table.manifest td.pn{white-space:nowrap;font-size:.92em}
table.manifest th.qr,table.manifest td.qr{width:20mm}
table.manifest td.qr .qr{margin-left:auto}
.manifest-totals{margin-top:2mm;display:flex;justify-content:space-between;font-weight:700}
`;

function header(input: ManifestInput, fmt: Formatting): SafeHtml {
  const c = input.center;
  const s = input.shipment;
  return html`<div class="manifest-head">
      <header class="center">
        <img class="logo" src="${LOGO_DATA_URL}" alt="" />
        <div>
          <div class="center-name">${c.name}</div>
          <div class="center-lines">
            <div>${W.center} <span class="mono">${c.code}</span></div>
            ${c.address.trim() === '' ? EMPTY : html`<div>${c.address}</div>`}
            ${
              c.phone === null
                ? EMPTY
                : html`<div>${W.phone} <span class="mono">${c.phone}</span></div>`
            }
          </div>
        </div>
      </header>
      <div class="shipment-block">
        <div class="label">${W.tracking}</div>
        <div class="tracking mono" data-testid="tracking">${s.trackingNumber}</div>
        <div class="small">${s.carrier}</div>
      </div>
    </div>
    <div class="doc-title"><span>${W.title}</span></div>
    <p class="small muted">${W.lead}</p>
    <section>
      <dl class="kv">
        <dt>${W.shipment}</dt>
        <dd class="mono">${s.id}</dd>
        <dt>${W.carrier}</dt>
        <dd>${s.carrier}</dd>
        <dt>${W.tracking}</dt>
        <dd class="mono">${s.trackingNumber}</dd>
        <dt>${W.packedOn}</dt>
        <dd>${formatPlainDate(s.packedOn, fmt)}</dd>
        ${
          input.packedBy === null
            ? EMPTY
            : html`<dt>${W.packedBy}</dt>
                <dd>${input.packedBy}</dd>`
        }
      </dl>
    </section>`;
}

function partRow(part: ManifestPart, index: number): SafeHtml {
  const code = qrSvg(manifestPartCode(part.id), {
    sizeMm: 18,
    label: `${part.partNumber} ${part.serial ?? ''}`.trim(),
  });
  return html`<tr>
    <td class="idx num">${index + 1}</td>
    <td class="pn mono">${part.partNumber}</td>
    <td>${part.partName}</td>
    <td class="sn mono">${part.serial ?? dash}</td>
    <td class="tk mono">${part.ticketNumber ?? dash}</td>
    <td>${part.reason}</td>
    <td class="qr">${code}</td>
  </tr>`;
}

/** The manifest's body: header, the shipment's facts, one line per part, totals, signatures. */
export function manifestBody(input: ManifestInput): SafeHtml {
  const fmt: Formatting = { locale: input.locale, timeZone: input.timeZone };
  const withSerial = input.parts.filter((p) => p.serial !== null).length;
  return html`${header(input, fmt)}
    <section class="may-break">
      <h2>${W.parts}</h2>
      <table class="manifest">
        <thead>
          <tr>
            <th class="idx num">${W.index}</th>
            <th class="pn">${W.partNumber}</th>
            <th>${W.name}</th>
            <th class="sn">${W.serial}</th>
            <th class="tk">${W.ticket}</th>
            <th>${W.reason}</th>
            <th class="qr">${W.code}</th>
          </tr>
        </thead>
        <tbody>
          ${input.parts.map((p, i) => partRow(p, i))}
        </tbody>
      </table>
      <div class="manifest-totals">
        <span>${W.total(input.parts.length)}</span><span>${W.withSerial(withSerial)}</span>
      </div>
    </section>
    <section class="signatures">
      <div class="sign">
        <div class="space"></div>
        <div class="caption small">${W.packedSignature}</div>
      </div>
      <div class="sign">
        <div class="space"></div>
        <div class="caption small">${W.receivedSignature}</div>
      </div>
    </section>
    <footer>
      <p>${W.printed} ${formatTimestamp(input.printedAt, fmt)}</p>
    </footer>`;
}

/** Room kept around the body and fonts, as build.ts keeps for the receipts. */
const NON_FONT_RESERVE = 20_000;

/** A complete, self-contained A4 document: styles and font subsets inline, nothing fetched. */
export async function renderManifest(
  input: ManifestInput,
  options: Pick<BuildOptions, 'fonts' | 'loadFont'> = {},
): Promise<string> {
  const body = manifestBody(input);
  const title = `${W.title} ${input.shipment.carrier} ${input.shipment.trackingNumber}`;
  const css = documentCss('A4') + MANIFEST_CSS;
  const selection = selectFaces(body.html + title, options.fonts ?? RECEIPT_FONTS);
  const budget = MAX_HTML_CHARS - NON_FONT_RESERVE - body.html.length - css.length;
  const fonts = await inlineFonts(selection, options.loadFont ?? assetFontLoader(), budget);
  const page = pageRule('A4', {
    heightMm: null,
    footer: `${W.title} ${input.shipment.trackingNumber}`,
  });
  return html`<!doctype html>
    <html lang="en" data-document="returnManifest" data-size="A4">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${styleElement(fonts.css)} ${styleElement(css + page)}
      </head>
      <body class="paper-a4">
        ${body}
      </body>
    </html>`.html;
}

export const MANIFEST_LOAD_WORDS = {
  noCenter: 'Set up the center first (Settings): its name and code are printed on the manifest.',
  noShipment: 'This shipment is not on this counter: refresh the list of shipments.',
  failed: 'The shipment could not be read from this computer. Reload Counter and try again.',
  buildFailed: 'The manifest could not be prepared. Reload Counter and try again.',
} as const;

export interface ManifestSources {
  readonly db: CounterDb;
  readonly now: () => number;
}

/** Reads a shipment, its parts and their tickets' numbers into a manifest's input. */
export async function loadManifestInput(
  sources: ManifestSources,
  shipmentId: ReturnShipmentId,
): Promise<Result<ManifestInput, string>> {
  try {
    const { db } = sources;
    const settings = await readAppSettings(db);
    const center = settings.center;
    if (center === null) return err(MANIFEST_LOAD_WORDS.noCenter);
    const shipment = await db.returnShipments.get(shipmentId);
    if (shipment === undefined) return err(MANIFEST_LOAD_WORDS.noShipment);
    const rows = await db.defectiveParts.bulkGet([...shipment.partIds]);
    const tickets = await db.tickets.bulkGet([
      ...new Set(rows.flatMap((r) => (r === undefined ? [] : [r.ticketId]))),
    ]);
    const numberOf = new Map(
      tickets.flatMap((tk) => (tk === undefined ? [] : [[tk.id, tk.number] as const])),
    );
    const parts = rows.flatMap((r): ManifestPart[] =>
      r === undefined
        ? []
        : [
            {
              id: r.id,
              partNumber: r.partNumber,
              partName: r.partName,
              serial: r.serial,
              ticketNumber: numberOf.get(r.ticketId) ?? null,
              reason: r.reason,
              heldSince: r.heldSince,
            },
          ],
    );
    return ok({
      center,
      shipment: {
        id: shipment.id,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        packedOn: shipment.packedOn,
      },
      packedBy: settings.technicians.find((x) => x.id === shipment.by)?.name ?? null,
      parts,
      printedAt: sources.now(),
      locale: receiptLocale(center.country),
      timeZone: localTimeZone(),
    });
  } catch {
    return err(MANIFEST_LOAD_WORDS.failed);
  }
}

/** Loads and builds a shipment's manifest. */
export async function buildManifest(
  sources: ManifestSources,
  shipmentId: ReturnShipmentId,
  options: Pick<BuildOptions, 'fonts' | 'loadFont'> = {},
): Promise<Result<{ readonly html: string; readonly input: ManifestInput }, string>> {
  const input = await loadManifestInput(sources, shipmentId);
  if (!input.ok) return input;
  try {
    return ok({ html: await renderManifest(input.value, options), input: input.value });
  } catch {
    return err(MANIFEST_LOAD_WORDS.buildFailed);
  }
}

/** `Return manifest DHL 1Z999.pdf`: carrier and tracking kept to letters, digits and hyphens. */
export function manifestFileName(shipment: ManifestInput['shipment']): string {
  const clean = (s: string) =>
    s
      .replace(/[^A-Za-z0-9-]+/g, ' ')
      .trim()
      .slice(0, 40);
  const name = [W.title, clean(shipment.carrier), clean(shipment.trackingNumber)]
    .filter((p) => p !== '')
    .join(' ');
  return `${name}.pdf`;
}

/** The Print manifest button. */
export async function printManifest(
  sources: ManifestSources & { readonly host: Host },
  shipmentId: ReturnShipmentId,
): Promise<Result<null, PrintError>> {
  const built = await buildManifest(sources, shipmentId);
  if (!built.ok) return err({ code: 'failed', message: built.error });
  return printDocument(sources.host, built.value.html, 'A4');
}

/** The Save manifest PDF button. */
export async function saveManifestPdf(
  sources: ManifestSources & { readonly host: Host },
  shipmentId: ReturnShipmentId,
): Promise<Result<{ readonly path: string }, PrintError>> {
  const built = await buildManifest(sources, shipmentId);
  if (!built.ok) return err({ code: 'failed', message: built.error });
  return savePdf(
    sources.host,
    built.value.html,
    'A4',
    manifestFileName(built.value.input.shipment),
  );
}
