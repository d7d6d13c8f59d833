/**
 * The receipt fonts as the build ships them: fontsource's stylesheets (for the subsets' unicode
 * ranges) and their woff2 files as asset URLs of the app itself. Only regular and bold, normal
 * style, and only the subsets each family is used for:
 *  - Noto Sans: Latin, Latin Extended (₹ and other currency signs), Greek, Cyrillic, Vietnamese;
 *    not its Devanagari subset, which the dedicated family below draws;
 *  - Noto Sans Devanagari: Devanagari only (its Latin subsets repeat Noto Sans);
 *  - Noto Sans SC: the hundred-odd numbered CJK slices (not the 1 MB single-file variant).
 */
import sans400 from '@fontsource/noto-sans/400.css?raw';
import sans700 from '@fontsource/noto-sans/700.css?raw';
import deva400 from '@fontsource/noto-sans-devanagari/400.css?raw';
import deva700 from '@fontsource/noto-sans-devanagari/700.css?raw';
import sc400 from '@fontsource/noto-sans-sc/400.css?raw';
import sc700 from '@fontsource/noto-sans-sc/700.css?raw';
import {
  parseFontsourceCss,
  toBase64,
  type FontFaceFile,
  type FontFamily,
  type FontLoader,
} from './fonts';

const sansUrls = import.meta.glob<string>(
  [
    '../../node_modules/@fontsource/noto-sans/files/noto-sans-*-{400,700}-normal.woff2',
    '!../../node_modules/@fontsource/noto-sans/files/noto-sans-devanagari-*',
  ],
  { query: '?url', import: 'default', eager: true },
);
const devaUrls = import.meta.glob<string>(
  '../../node_modules/@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-{400,700}-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);
const scUrls = import.meta.glob<string>(
  '../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-{400,700}-normal.woff2',
  { query: '?url', import: 'default', eager: true },
);

function byFileName(urls: Readonly<Record<string, string>>): (file: string) => string | undefined {
  const map = new Map<string, string>();
  for (const [path, url] of Object.entries(urls))
    map.set(path.slice(path.lastIndexOf('/') + 1), url);
  return (file) => map.get(file);
}

/** Every woff2 file the build ships for receipts (for tests and diagnostics). */
export const SHIPPED_FONT_FILES: readonly string[] = [sansUrls, devaUrls, scUrls]
  .flatMap((urls) => Object.keys(urls))
  .map((path) => path.slice(path.lastIndexOf('/') + 1))
  .sort();

/** Family names of our own, so a font installed on the computer can never stand in unnoticed. */
export const SANS = 'Counter Sans';
export const SANS_DEVANAGARI = 'Counter Sans Devanagari';
export const SANS_SC = 'Counter Sans SC';

function family(
  name: string,
  css: readonly string[],
  urls: Readonly<Record<string, string>>,
): FontFamily {
  const urlOf = byFileName(urls);
  return { name, faces: css.flatMap((c) => parseFontsourceCss(c, name, urlOf)) };
}

/** In fallback order: the order of the documents' `font-family` list. */
export const RECEIPT_FONTS: readonly FontFamily[] = [
  family(SANS, [sans400, sans700], sansUrls),
  family(SANS_DEVANAGARI, [deva400, deva700], devaUrls),
  family(SANS_SC, [sc400, sc700], scUrls),
];

const DATA_URL_BASE64 = /^data:[^,]*;base64,(.*)$/;

/**
 * Reads a face from the app's own assets (small files Vite inlined are data: URLs already).
 * Each file is read once per session: a counter prints the same few subsets all day.
 */
export function createAssetFontLoader(fetcher: typeof fetch = fetch): FontLoader {
  const cache = new Map<string, Promise<string>>();
  return (face: FontFaceFile) => {
    let hit = cache.get(face.url);
    if (hit === undefined) {
      hit = (async () => {
        const inline = DATA_URL_BASE64.exec(face.url);
        if (inline !== null) return inline[1] ?? '';
        const response = await fetcher(face.url);
        if (!response.ok) throw new Error(`font ${face.file}: HTTP ${response.status}`);
        return toBase64(new Uint8Array(await response.arrayBuffer()));
      })();
      // A failed read is tried again next time instead of being remembered.
      hit.catch(() => cache.delete(face.url));
      cache.set(face.url, hit);
    }
    return hit;
  };
}

let shared: FontLoader | undefined;

export function assetFontLoader(): FontLoader {
  shared ??= createAssetFontLoader((input, init) => fetch(input, init));
  return shared;
}
