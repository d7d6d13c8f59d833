/**
 * A roll receipt is as long as its content. Chromium has no `@page { size: 80mm auto }` (the rule
 * is dropped as invalid, and the page falls back to Letter), so the document is laid out once,
 * off screen, at the roll's width, and its height is written into its `@page` rule.
 */

/** Lays `html` out at `widthMm` and answers its height in millimetres; null when it cannot. */
export type MeasureHeight = (html: string, widthMm: number) => Promise<number | null>;

const PX_PER_MM = 96 / 25.4;
const FRAME_ATTRIBUTE = 'data-counter-measure';

/**
 * Measures in one hidden frame of `doc`, kept for the session: a new frame per print costs a
 * document load (20–40 ms); swapping the content of a standing one costs a parse and a layout
 * (about 4 ms). The frame is sandboxed without scripts, so nothing in a document can run, but
 * same-origin, so this code can read its layout. Measurements run one at a time.
 */
export function domMeasure(doc: Document, timeoutMs = 5000): MeasureHeight {
  let queue: Promise<unknown> = Promise.resolve();

  const frameOf = (): HTMLIFrameElement => {
    const standing = doc.querySelector<HTMLIFrameElement>(`iframe[${FRAME_ATTRIBUTE}]`);
    if (standing !== null) return standing;
    const frame = doc.createElement('iframe');
    frame.setAttribute(FRAME_ATTRIBUTE, '');
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText =
      'position:fixed;left:-10000px;top:0;height:10px;border:0;visibility:hidden;pointer-events:none;';
    doc.body.append(frame);
    return frame;
  };

  const measureOnce = async (html: string, widthMm: number): Promise<number | null> => {
    const frame = frameOf();
    frame.style.width = `${widthMm}mm`;
    const inner = frame.contentDocument;
    if (inner === null) return null;
    // The parsed document is inert (DOMParser runs nothing), and the frame could not run it anyway.
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    inner.replaceChild(inner.importNode(parsed.documentElement, true), inner.documentElement);
    // Lay out once, which asks for the fonts the text uses; wait for them; measure again.
    inner.documentElement.getBoundingClientRect();
    await inner.fonts.ready;
    const px = Math.max(inner.documentElement.scrollHeight, inner.body.scrollHeight);
    return px > 0 ? px / PX_PER_MM : null;
  };

  const withTimeout = (work: Promise<number | null>): Promise<number | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve(null);
      }, timeoutMs);
      work.then(
        (mm) => {
          clearTimeout(timer);
          resolve(mm);
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
      );
    });

  return (html, widthMm) => {
    const run = queue.then(() => withTimeout(measureOnce(html, widthMm)));
    queue = run;
    return run;
  };
}
