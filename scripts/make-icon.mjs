// Draws assets/icon.png (512×512): a teal watch on a white rounded tile. Written with zlib alone so
// the icon is reproducible from source: `node scripts/make-icon.mjs`. Shapes are signed distance
// functions; coverage from the distance gives anti-aliased edges without supersampling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const TEAL = [0x0f, 0x8b, 0x8d];
const TEAL_DARK = [0x0b, 0x6e, 0x70];
const WHITE = [0xff, 0xff, 0xff];
const TILE_EDGE = [0xe3, 0xee, 0xee];

// Signed distances (negative inside), in pixels.
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segment(x, y, ax, ay, bx, by, r) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
}
const coverage = (d) => Math.max(0, Math.min(1, 0.5 - d));

const C = SIZE / 2;
const hand = (angleDeg, length) => {
  const a = (angleDeg * Math.PI) / 180;
  return [C + Math.sin(a) * length, C - Math.cos(a) * length];
};
const [hourX, hourY] = hand(300, 62); // 10 o'clock
const [minuteX, minuteY] = hand(60, 92); // 2 o'clock: the watchmaker's 10:10

/** Layers from back to front: [distance function, colour]. */
const layers = [
  [(x, y) => roundedRect(x, y, C, C, 248, 248, 112), TILE_EDGE],
  [(x, y) => roundedRect(x, y, C, C, 240, 240, 104), WHITE],
  [(x, y) => roundedRect(x, y, C, C, 74, 200, 36), TEAL_DARK], // strap
  [(x, y) => roundedRect(x, y, C + 146, C, 22, 26, 8), TEAL_DARK], // crown
  [(x, y) => circle(x, y, C, C, 148), TEAL], // case
  [(x, y) => circle(x, y, C, C, 118), WHITE], // dial
  ...[0, 90, 180, 270].map((deg) => {
    const [ax, ay] = hand(deg, 100);
    const [bx, by] = hand(deg, 84);
    return [(x, y) => segment(x, y, ax, ay, bx, by, 6), TEAL];
  }),
  [(x, y) => segment(x, y, C, C, hourX, hourY, 11), TEAL],
  [(x, y) => segment(x, y, C, C, minuteX, minuteY, 8), TEAL],
  [(x, y) => circle(x, y, C, C, 15), TEAL_DARK],
];

function render() {
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (SIZE * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [distance, colour] of layers) {
        const cover = coverage(distance(px, py));
        if (cover === 0) continue;
        // "over" compositing with straight alpha
        const outA = cover + a * (1 - cover);
        r = (colour[0] * cover + r * a * (1 - cover)) / outA;
        g = (colour[1] * cover + g * a * (1 - cover)) / outA;
        b = (colour[2] * cover + b * a * (1 - cover)) / outA;
        a = outA;
      }
      const at = row + 1 + x * 4;
      rows[at] = Math.round(r);
      rows[at + 1] = Math.round(g);
      rows[at + 2] = Math.round(b);
      rows[at + 3] = Math.round(a * 255);
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../assets/icon.png', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, png());
console.log(`Wrote ${out.pathname}`);
