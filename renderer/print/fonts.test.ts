import { describe, expect, it } from 'vitest';
import { SANS, SANS_DEVANAGARI, SANS_SC, SHIPPED_FONT_FILES } from './fontCatalog';
import {
  codepointsOf,
  covers,
  inlineFonts,
  parseFontsourceCss,
  parseUnicodeRange,
  selectFaces,
  toBase64,
  type FontFaceFile,
  type FontSelection,
} from './fonts';
import { TEST_FONTS, testFontLoader } from './fontTestLoader';

const files = (s: FontSelection, weight: 'regular' | 'bold' = 'regular'): string[] =>
  s.families.flatMap((f) => f[weight].map((x) => x.file)).sort();

describe('unicode-range and fontsource stylesheets', () => {
  it('reads single code points, ranges and wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+4E??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x4e00, 0x4eff],
    ]);
    expect(() => parseUnicodeRange('U+zz')).toThrow(/unicode-range/);
  });

  it('keeps the normal faces whose files are shipped, with their weight and range', () => {
    const css = `/* x */
@font-face {
  font-family: 'Noto Sans';
  font-style: normal;
  font-weight: 700;
  src: url(./files/noto-sans-latin-700-normal.woff2) format('woff2'), url(./files/noto-sans-latin-700-normal.woff) format('woff');
  unicode-range: U+0000-00FF,U+20AC;
}
@font-face {
  font-family: 'Noto Sans';
  font-style: italic;
  font-weight: 400;
  src: url(./files/noto-sans-latin-400-italic.woff2) format('woff2');
  unicode-range: U+0000-00FF;
}
@font-face {
  font-family: 'Noto Sans';
  font-style: normal;
  font-weight: 400;
  src: url(./files/noto-sans-greek-400-normal.woff2) format('woff2');
  unicode-range: U+0370-03FF;
}`;
    const faces = parseFontsourceCss(css, 'X', (f) =>
      f.includes('greek') ? undefined : `/a/${f}`,
    );
    expect(faces).toEqual([
      {
        family: 'X',
        weight: 700,
        file: 'noto-sans-latin-700-normal.woff2',
        url: '/a/noto-sans-latin-700-normal.woff2',
        ranges: [
          [0, 0xff],
          [0x20ac, 0x20ac],
        ],
      },
    ]);
  });

  it('ships regular and bold woff2 files of the subsets each family is used for', () => {
    expect(SHIPPED_FONT_FILES).toContain('noto-sans-latin-400-normal.woff2');
    expect(SHIPPED_FONT_FILES).toContain('noto-sans-latin-ext-700-normal.woff2');
    expect(SHIPPED_FONT_FILES).toContain('noto-sans-devanagari-devanagari-400-normal.woff2');
    expect(SHIPPED_FONT_FILES).toContain('noto-sans-sc-119-700-normal.woff2');
    // Not Noto Sans's own Devanagari subset, not the SC Latin repeats, not the 1 MB SC file.
    expect(SHIPPED_FONT_FILES).not.toContain('noto-sans-devanagari-400-normal.woff2');
    expect(SHIPPED_FONT_FILES).not.toContain('noto-sans-sc-latin-400-normal.woff2');
    expect(SHIPPED_FONT_FILES).not.toContain('noto-sans-sc-chinese-simplified-400-normal.woff2');
    // Every face of the stylesheets has its file, and every file is a face.
    const faces = TEST_FONTS.flatMap((f) => f.faces.map((x) => x.file)).sort();
    expect(faces).toEqual(SHIPPED_FONT_FILES);
  });

  it('reads the subsets of all three families from their stylesheets', () => {
    const [sans, deva, sc] = TEST_FONTS;
    expect(sans?.name).toBe(SANS);
    expect(deva?.name).toBe(SANS_DEVANAGARI);
    expect(sc?.name).toBe(SANS_SC);
    // Noto Sans: 7 subsets (its own Devanagari subset is left to the dedicated family) × 2 weights.
    expect(sans?.faces.length).toBe(14);
    expect(sans?.faces.some((f) => f.file.includes('devanagari'))).toBe(false);
    expect(deva?.faces.map((f) => f.file).sort()).toEqual([
      'noto-sans-devanagari-devanagari-400-normal.woff2',
      'noto-sans-devanagari-devanagari-700-normal.woff2',
    ]);
    // Noto Sans SC: the numbered slices only, in both weights.
    expect(sc?.faces.length).toBeGreaterThan(180);
    expect(sc?.faces.every((f) => /^noto-sans-sc-\d+-(400|700)-normal\.woff2$/.test(f.file))).toBe(
      true,
    );
    for (const f of TEST_FONTS.flatMap((x) => x.faces)) expect(f.url).not.toBe('');
  });
});

describe('choosing subsets for a document', () => {
  it('Latin-only text needs the Latin subsets only', () => {
    const s = selectFaces(
      'Priya Raman, XJ20240001ABCD — Covered · 15 Mar 2026 “quoted”…',
      TEST_FONTS,
    );
    expect(files(s)).toEqual(['noto-sans-latin-400-normal.woff2']);
    expect(files(s, 'bold')).toEqual(['noto-sans-latin-700-normal.woff2']);
    expect(s.uncovered).toEqual([]);
  });

  it('the rupee sign brings in Latin Extended', () => {
    expect(files(selectFaces('₹2,450.00', TEST_FONTS))).toEqual([
      'noto-sans-latin-400-normal.woff2',
      'noto-sans-latin-ext-400-normal.woff2',
    ]);
  });

  it('a Hindi name brings in the Devanagari subset of Noto Sans Devanagari', () => {
    const s = selectFaces('Customer अनिल कुमार', TEST_FONTS);
    expect(files(s)).toEqual([
      'noto-sans-devanagari-devanagari-400-normal.woff2',
      'noto-sans-latin-400-normal.woff2',
    ]);
    expect(s.families.map((f) => f.family)).toEqual([SANS, SANS_DEVANAGARI]);
  });

  it('a Chinese name brings in exactly the SC slices that hold its characters', () => {
    const name = '王小明';
    const s = selectFaces(name, TEST_FONTS);
    const sc = s.families.find((f) => f.family === SANS_SC);
    expect(sc).toBeDefined();
    const chosen = sc?.regular ?? [];
    // Every character is in a chosen slice, and every chosen slice holds one of them.
    for (const ch of name) {
      const cp = ch.codePointAt(0) ?? 0;
      expect(chosen.some((f) => covers(f.ranges, cp))).toBe(true);
    }
    for (const f of chosen) {
      expect(Array.from(name).some((ch) => covers(f.ranges, ch.codePointAt(0) ?? 0))).toBe(true);
    }
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    expect(chosen.length).toBeLessThanOrEqual(3);
    expect(s.families.some((f) => f.family === SANS_DEVANAGARI)).toBe(false);
  });

  it('reports characters none of the fonts has', () => {
    expect(selectFaces('ok 🙂', TEST_FONTS).uncovered).toEqual(['🙂']);
  });

  it('ignores spaces and control characters', () => {
    expect([...codepointsOf(' \n\tA\u0085')]).toEqual([0x41]);
  });
});

describe('inlining', () => {
  const face = (file: string, weight: number, family = 'F'): FontFaceFile => ({
    family,
    weight,
    file,
    url: `/x/${file}`,
    ranges: [[0x41, 0x5a]],
  });

  it('writes @font-face rules with base64 data: URLs and the subset range', async () => {
    const load = testFontLoader();
    const s = selectFaces('Hello', TEST_FONTS);
    const out = await inlineFonts(s, load, 1_000_000);
    expect(load.loaded.sort()).toEqual([
      'noto-sans-latin-400-normal.woff2',
      'noto-sans-latin-700-normal.woff2',
    ]);
    expect(out.css.match(/@font-face/g)?.length).toBe(2);
    expect(out.css).toContain(`font-family:'${SANS}'`);
    expect(out.css).toMatch(
      /src:url\(data:font\/woff2;base64,d09GMg[A-Za-z0-9+/=]+\) format\('woff2'\)/,
    );
    expect(out.css).toContain('unicode-range:U+0-ff,');
    expect(out.css).not.toMatch(/https?:/);
    expect(out.dropped).toEqual([]);
  });

  it('adds a family’s bold faces all together or not at all, within the budget', async () => {
    const selection: FontSelection = {
      families: [
        { family: 'A', regular: [face('a-400', 400, 'A')], bold: [face('a-700', 700, 'A')] },
        {
          family: 'B',
          regular: [face('b1-400', 400, 'B'), face('b2-400', 400, 'B')],
          bold: [face('b1-700', 700, 'B'), face('b2-700', 700, 'B')],
        },
      ],
      uncovered: [],
    };
    const big = 'x'.repeat(1000);
    const load = () => Promise.resolve(big);
    const oneRule = (
      await inlineFonts(
        {
          families: [selection.families[0] ?? { family: '', regular: [], bold: [] }].map((f) => ({
            ...f,
            bold: [],
          })),
          uncovered: [],
        },
        load,
        1e9,
      )
    ).css.length;
    // Room for the three regular faces and one bold face: A's bold fits, B's two do not.
    const out = await inlineFonts(selection, load, oneRule * 4 + 50);
    expect(out.faces.map((f) => f.file)).toEqual(['a-400', 'b1-400', 'b2-400', 'a-700']);
    expect(out.boldSynthesized).toEqual(['B']);
    expect(out.dropped).toEqual([]);
    // No room at all: regular faces are dropped and said so.
    const none = await inlineFonts(selection, load, 10);
    expect(none.dropped).toEqual(['a-400', 'b1-400', 'b2-400']);
  });

  it('encodes base64 exactly', () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    for (const n of [0, 1, 2, 3, 4, 5, 299, 300]) {
      const slice = bytes.slice(0, n);
      expect(toBase64(slice)).toBe(btoa(String.fromCharCode(...slice)));
    }
  });
});
