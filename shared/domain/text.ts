const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Length as a person counts it: "👍🏽" and "मा" are one character each, whatever the encoding. */
export function charCount(s: string): number {
  // ASCII, the common case, needs no segmentation.
  if (isAscii(s)) return s.length;
  return Array.from(graphemes.segment(s)).length;
}

/** Empty or whitespace only: text that says nothing, though it is kept as typed when it does. */
export const isBlank = (s: string): boolean => s.trim() === '';
