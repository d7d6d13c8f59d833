import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../shared/dates/plainDate';
import type { DefectivePartId, ReturnShipmentId } from '../../shared/parts/records';
import { MAX_HTML_CHARS } from './build';
import { TEST_FONTS, testFontLoader } from './fontTestLoader';
import {
  manifestFileName,
  manifestPartCode,
  renderManifest,
  type ManifestInput,
  type ManifestPart,
} from './manifest';
import { qrSvg } from './qr';
import { SAMPLE_AT, SAMPLE_CENTER } from './testkit';

const part = (
  n: number,
  serial: string | null,
  extra: Partial<ManifestPart> = {},
): ManifestPart => ({
  id: `0197c3a0-0000-7000-8000-00000000000${n}` as DefectivePartId,
  partNumber: 'XJ-C5-LCD',
  partName: 'Display assembly (AMOLED 1.43", with touch panel and frame)',
  serial,
  ticketNumber: `BLR01-250701-00${n}`,
  reason: 'No image after drop test',
  heldSince: '2025-06-20' as PlainDate,
  ...extra,
});

const sample = (overrides: Partial<ManifestInput> = {}): ManifestInput => ({
  center: SAMPLE_CENTER,
  shipment: {
    id: '0197c3a0-1111-7000-8000-000000000001' as ReturnShipmentId,
    carrier: 'Blue Dart',
    trackingNumber: 'BD77441203IN',
    packedOn: '2025-07-01' as PlainDate,
  },
  packedBy: 'Ravi Kumar',
  parts: [part(1, 'LCD5A0001'), part(2, 'LCD5A0002'), part(3, null, { partNumber: 'XJ-C5-STRAP' })],
  printedAt: SAMPLE_AT,
  locale: 'en-IN',
  timeZone: 'Asia/Kolkata',
  ...overrides,
});

const render = (input: ManifestInput) =>
  renderManifest(input, { fonts: TEST_FONTS, loadFont: testFontLoader() });

/** The document's text as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
function textOf(doc: string): string {
  return doc
    .slice(doc.indexOf('<body'))
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the return manifest', () => {
  it('lists every part with its serial and ticket, and the carrier and tracking number', async () => {
    const input = sample();
    const text = textOf(await render(input));
    expect(text).toContain('Return manifest');
    expect(text).toContain('BD77441203IN');
    expect(text).toContain('Blue Dart');
    expect(text).toContain(input.shipment.id);
    expect(text).toContain(SAMPLE_CENTER.name);
    expect(text).toContain('1 Jul 2025');
    for (const p of input.parts) {
      if (p.serial !== null) expect(text).toContain(p.serial);
      expect(text).toContain(p.ticketNumber);
    }
    expect(text).toContain('XJ-C5-STRAP');
    expect(text).toContain('3 parts in this box');
    expect(text).toContain('2 with a serial number');
    expect(text).toContain('Packed by (center)');
    expect(text).toContain('Received by (HQ)');
  });

  it('carries one QR code per part, holding the part’s id', async () => {
    const input = sample();
    const doc = await render(input);
    expect(doc.match(/<svg[^>]*class="qr"/g)).toHaveLength(input.parts.length);
    for (const p of input.parts) {
      // The drawn path is the symbol of exactly that text.
      const d = /\sd="([^"]+)"/.exec(qrSvg(manifestPartCode(p.id), { sizeMm: 18, label: '' }).html);
      expect(d?.[1]).toBeDefined();
      expect(doc).toContain(`d="${d?.[1] ?? ''}"`);
      expect(manifestPartCode(p.id)).toBe(`part:${p.id}`);
    }
  });

  it('is self-contained, with the fonts inlined', async () => {
    const doc = await render(sample());
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    expect(doc).toContain('@font-face');
    expect(doc).toMatch(/src:url\(data:font\/woff2;base64,/);
    expect(doc).not.toMatch(/<script|<link|<iframe|<object|<embed|@import/i);
    expect(doc).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|file:)/i);
    expect(doc).not.toMatch(/url\((?!data:)/);
    expect(doc).toContain('size:A4');
    expect(doc.length).toBeLessThan(MAX_HTML_CHARS);
  });

  it('prints markup typed into any field as text', async () => {
    const evil = `<script>alert(1)</script> & "q" </style><img src=x onerror=alert(2)>`;
    const doc = await render(
      sample({
        shipment: { ...sample().shipment, carrier: evil, trackingNumber: `TN${evil}` },
        parts: [part(1, 'LCD5A0001', { reason: evil, partName: evil })],
      }),
    );
    expect(doc).not.toContain('<script>');
    expect(doc).not.toContain('<img src=x');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(textOf(doc)).toContain(evil);
  });

  it('is named after the carrier and tracking number, as a plain file name', () => {
    expect(manifestFileName(sample().shipment)).toBe('Return manifest Blue Dart BD77441203IN.pdf');
    expect(
      manifestFileName({ ...sample().shipment, carrier: 'a/b:c', trackingNumber: '../x*y' }),
    ).toBe('Return manifest a b c x y.pdf');
  });
});
