import { describe, expect, it } from 'vitest';
import { QR_QUIET_ZONE, qrMatrix, qrSvg } from './qr';

describe('QR code', () => {
  it('produces an SVG for the ticket number, with a four-module quiet zone', () => {
    const svg = qrSvg('BLR01-250701-007', { sizeMm: 20, label: 'Ticket BLR01-250701-007' }).html;
    const m = qrMatrix('BLR01-250701-007');
    const total = m.size + 2 * QR_QUIET_ZONE;
    expect(svg).toMatch(/^<svg\s+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(`viewBox="0 0 ${total} ${total}"`);
    expect(svg).toMatch(/width="20mm"\s+height="20mm"/);
    expect(svg).toContain('aria-label="Ticket BLR01-250701-007"');
    // Only rectangles, drawn from our own numbers: nothing of the text leaks into the markup.
    const d = /d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(d).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const xs = [...d.matchAll(/M(\d+) (\d+)/g)].map((x) => [Number(x[1]), Number(x[2])]);
    expect(Math.min(...xs.map(([x]) => x ?? 0))).toBe(QR_QUIET_ZONE);
    expect(Math.min(...xs.map(([, y]) => y ?? 0))).toBe(QR_QUIET_ZONE);
  });

  it('uses the alphanumeric mode for ticket numbers: version 1, 21 modules', () => {
    expect(qrMatrix('BLR01-250701-007').size).toBe(21);
    // Lower case is not alphanumeric in QR: byte mode, a larger symbol.
    expect(qrMatrix('blr01-250701-007').size).toBeGreaterThan(21);
  });

  it('has the three finder patterns where a scanner looks for them', () => {
    const m = qrMatrix('BLR01-250701-007');
    const finderAt = (r0: number, c0: number) => {
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          expect(m.isDark(r0 + r, c0 + c)).toBe(ring || core);
        }
      }
    };
    finderAt(0, 0);
    finderAt(0, m.size - 7);
    finderAt(m.size - 7, 0);
  });
});
