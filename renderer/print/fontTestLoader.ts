/*
 * The receipt fonts in unit tests. Vitest replaces every `.css` import with an empty string (its
 * `css` option is off), so the catalog's `?raw` stylesheets are empty here. The tests rebuild the
 * same stylesheets from fontsource's unicode.json (the data the CSS is generated from: subset →
 * unicode-range) and run them through the same parser, and read the woff2 files as data: URLs.
 * Imported only by *.test.ts files.
 */
import sansRanges from '@fontsource/noto-sans/unicode.json';
import devaRanges from '@fontsource/noto-sans-devanagari/unicode.json';
import scRanges from '@fontsource/noto-sans-sc/unicode.json';
import { SANS, SANS_DEVANAGARI, SANS_SC } from './fontCatalog';
import { parseFontsourceCss, type FontFaceFile, type FontFamily, type FontLoader } from './fonts';

const files = import.meta.glob<string>(
  [
    '../../node_modules/@fontsource/noto-sans/files/noto-sans-*-{400,700}-normal.woff2',
    '!../../node_modules/@fontsource/noto-sans/files/noto-sans-devanagari-*',
    '../../node_modules/@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-{400,700}-normal.woff2',
    '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-{400,700}-normal.woff2',
  ],
  { query: '?inline', import: 'default' },
);

const byName = new Map(
  Object.entries(files).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]),
);

/** A stylesheet as fontsource writes it, for one family and weight. */
function fontsourceCss(
  family: string,
  prefix: string,
  ranges: Readonly<Record<string, string>>,
  weight: number,
): string {
  return Object.entries(ranges)
    .map(([subset, range]) => {
      const file = `${prefix}-${subset.replace(/[[\]]/g, '')}-${weight}-normal.woff2`;
      return `/* ${prefix}-${subset}-${weight}-normal */
@font-face {
  font-family: '${family}';
  font-style: normal;
  font-display: swap;
  font-weight: ${weight};
  src: url(./files/${file}) format('woff2'), url(./files/${file.replace('.woff2', '.woff')}) format('woff');
  unicode-range: ${range};
}`;
    })
    .join('\n\n');
}

function family(
  name: string,
  source: string,
  prefix: string,
  ranges: Readonly<Record<string, string>>,
): FontFamily {
  const urlOf = (file: string) => (byName.has(file) ? `test:${file}` : undefined);
  return {
    name,
    faces: [400, 700].flatMap((w) =>
      parseFontsourceCss(fontsourceCss(source, prefix, ranges, w), name, urlOf),
    ),
  };
}

/** The same families as RECEIPT_FONTS, in the same order, with the same shipped subsets. */
export const TEST_FONTS: readonly FontFamily[] = [
  family(SANS, 'Noto Sans', 'noto-sans', sansRanges),
  family(SANS_DEVANAGARI, 'Noto Sans Devanagari', 'noto-sans-devanagari', devaRanges),
  family(SANS_SC, 'Noto Sans SC', 'noto-sans-sc', scRanges),
];

/** Loads a face's bytes as base64, and records what it was asked for. */
export function testFontLoader(): FontLoader & { readonly loaded: string[] } {
  const loaded: string[] = [];
  const load = async (face: FontFaceFile): Promise<string> => {
    const get = byName.get(face.file);
    if (get === undefined) throw new Error(`no font file ${face.file}`);
    loaded.push(face.file);
    const url = await get();
    return url.slice(url.indexOf(',') + 1);
  };
  return Object.assign(load, { loaded });
}
