/**
 * Fonts for receipts, inlined. A receipt is printed from a data: document with JavaScript off,
 * so it can load nothing: its fonts travel inside it as base64. The Noto Sans families are cut by
 * fontsource into subsets by `unicode-range`; a document carries only the subsets whose ranges
 * hold characters it actually prints, chosen the way the browser itself falls back from one
 * family to the next. Nothing here is fetched from the internet.
 */

export type CodepointRange = readonly [number, number];

export interface FontFaceFile {
  /** The family this face belongs to in our documents. */
  readonly family: string;
  readonly weight: number;
  /** The woff2 file name, e.g. `noto-sans-latin-400-normal.woff2`. */
  readonly file: string;
  /** Where the built app serves the file (a Vite asset URL, or an inlined data: URL). */
  readonly url: string;
  readonly ranges: readonly CodepointRange[];
}

export interface FontFamily {
  /** The CSS family name the documents use. */
  readonly name: string;
  readonly faces: readonly FontFaceFile[];
}

/** `U+0000-00FF,U+0131,U+4E??` → inclusive code point ranges. */
export function parseUnicodeRange(value: string): CodepointRange[] {
  const out: CodepointRange[] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const m = /^U\+([0-9A-F?]{1,6})(?:-([0-9A-F]{1,6}))?$/i.exec(part);
    if (m === null) throw new Error(`not a unicode-range: "${part}"`);
    const first = m[1] ?? '';
    if (first.includes('?')) {
      out.push([parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'F'), 16)]);
    } else {
      const start = parseInt(first, 16);
      out.push([start, m[2] === undefined ? start : parseInt(m[2], 16)]);
    }
  }
  return out;
}

export const rangeToCss = (ranges: readonly CodepointRange[]): string =>
  ranges
    .map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`))
    .join(',');

export function covers(ranges: readonly CodepointRange[], cp: number): boolean {
  for (const [a, b] of ranges) if (cp >= a && cp <= b) return true;
  return false;
}

/**
 * The normal-style `@font-face` rules of a fontsource stylesheet whose woff2 file `urlOf` knows.
 * A face whose file is not shipped (a subset another family covers better) is left out.
 */
export function parseFontsourceCss(
  css: string,
  family: string,
  urlOf: (file: string) => string | undefined,
): FontFaceFile[] {
  const faces: FontFaceFile[] = [];
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = block[1] ?? '';
    const prop = (name: string): string | undefined =>
      new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([^;]+)`).exec(body)?.[1]?.trim();
    if ((prop('font-style') ?? 'normal') !== 'normal') continue;
    const file = /url\(\s*['"]?(?:[^'")]*\/)?([^/'")]+\.woff2)['"]?\s*\)/.exec(
      prop('src') ?? '',
    )?.[1];
    const range = prop('unicode-range');
    const weight = Number(prop('font-weight') ?? '400');
    if (file === undefined || range === undefined || !Number.isFinite(weight)) continue;
    const url = urlOf(file);
    if (url === undefined) continue;
    faces.push({ family, weight, file, url, ranges: parseUnicodeRange(range) });
  }
  return faces;
}

/** Every distinct code point of `text` that a font must draw (controls and spaces need none). */
export function codepointsOf(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0)) set.add(cp);
  }
  return set;
}

export interface FontSelection {
  /** Subsets to inline, per family, for the regular weight (400) and the bold one (700). */
  readonly families: readonly {
    readonly family: string;
    readonly regular: readonly FontFaceFile[];
    readonly bold: readonly FontFaceFile[];
  }[];
  /** Characters none of the families covers: the printer's own fonts draw them, if they can. */
  readonly uncovered: readonly string[];
}

/**
 * The subsets a text needs. Each character goes to the first family (in `families` order, the
 * order of the CSS font-family list) with a regular face whose range holds it, as the browser
 * would pick; the bold face of the same subset comes along, since a bold run needs it.
 */
export function selectFaces(text: string, families: readonly FontFamily[]): FontSelection {
  const chosen = new Map<string, Set<string>>();
  const uncovered: string[] = [];
  for (const cp of codepointsOf(text)) {
    let found = false;
    for (const fam of families) {
      const face = fam.faces.find((f) => f.weight === 400 && covers(f.ranges, cp));
      if (face !== undefined) {
        let files = chosen.get(fam.name);
        if (files === undefined) {
          files = new Set();
          chosen.set(fam.name, files);
        }
        files.add(subsetKey(face.file));
        found = true;
        break;
      }
    }
    if (!found) uncovered.push(String.fromCodePoint(cp));
  }
  return {
    families: families
      .filter((fam) => chosen.has(fam.name))
      .map((fam) => {
        const keys = chosen.get(fam.name) ?? new Set<string>();
        const pick = (w: number) =>
          fam.faces.filter((f) => f.weight === w && keys.has(subsetKey(f.file)));
        return { family: fam.name, regular: pick(400), bold: pick(700) };
      }),
    uncovered,
  };
}

/** `noto-sans-sc-101-400-normal.woff2` → `noto-sans-sc-101`: the subset, whatever the weight. */
const subsetKey = (file: string): string => file.replace(/-\d{3}-normal\.woff2$/, '');

/** Reads one face's bytes as base64 (the built app fetches its own asset; tests read files). */
export type FontLoader = (face: FontFaceFile) => Promise<string>;

export interface InlinedFonts {
  /** `@font-face` rules with data: URLs. */
  readonly css: string;
  readonly faces: readonly { readonly file: string; readonly chars: number }[];
  /** Families printed in synthetic bold to keep the document within its size limit. */
  readonly boldSynthesized: readonly string[];
  /** Subsets left out because the document would exceed its size limit. */
  readonly dropped: readonly string[];
  readonly uncovered: readonly string[];
}

function faceRule(face: FontFaceFile, base64: string): string {
  return (
    `@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight};` +
    `font-display:block;src:url(data:font/woff2;base64,${base64}) format('woff2');` +
    `unicode-range:${rangeToCss(face.ranges)}}`
  );
}

/**
 * Loads and inlines the selected faces within `budget` characters of CSS. Regular faces come
 * first, family by family; a family's bold faces are added only all together (a bold run that
 * found one subset bold and the next not would fall out of the family), else the browser draws
 * that family's bold by emboldening the regular face.
 */
export async function inlineFonts(
  selection: FontSelection,
  load: FontLoader,
  budget: number,
): Promise<InlinedFonts> {
  const rules: string[] = [];
  const faces: { file: string; chars: number }[] = [];
  const dropped: string[] = [];
  const boldSynthesized: string[] = [];
  let used = 0;

  const loaded = await Promise.all(
    selection.families.map(async (fam) => ({
      family: fam.family,
      regular: await Promise.all(fam.regular.map(async (f) => ({ f, b64: await load(f) }))),
      bold: await Promise.all(fam.bold.map(async (f) => ({ f, b64: await load(f) }))),
    })),
  );

  for (const fam of loaded) {
    for (const { f, b64 } of fam.regular) {
      const rule = faceRule(f, b64);
      if (used + rule.length > budget) {
        dropped.push(f.file);
        continue;
      }
      used += rule.length;
      rules.push(rule);
      faces.push({ file: f.file, chars: rule.length });
    }
  }
  for (const fam of loaded) {
    if (fam.bold.length === 0) continue;
    const boldRules = fam.bold.map(({ f, b64 }) => ({ f, rule: faceRule(f, b64) }));
    const size = boldRules.reduce((n, r) => n + r.rule.length, 0);
    if (used + size > budget) {
      boldSynthesized.push(fam.family);
      continue;
    }
    used += size;
    for (const r of boldRules) {
      rules.push(r.rule);
      faces.push({ file: r.f.file, chars: r.rule.length });
    }
  }
  return { css: rules.join('\n'), faces, boldSynthesized, dropped, uncovered: selection.uncovered };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, without Buffer or btoa's string detour (both are missing somewhere we run). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk +=
      B64.charAt(n >>> 18) +
      B64.charAt((n >>> 12) & 63) +
      B64.charAt((n >>> 6) & 63) +
      B64.charAt(n & 63);
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    chunk += `${B64.charAt(n >>> 18)}${B64.charAt((n >>> 12) & 63)}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk += `${B64.charAt(n >>> 18)}${B64.charAt((n >>> 12) & 63)}${B64.charAt((n >>> 6) & 63)}=`;
  }
  parts.push(chunk);
  return parts.join('');
}
