import { useState, type SyntheticEvent } from 'react';
import type { PaperSize } from './input';

/** How wide the paper is on screen: the real width, so the preview reads like the print. */
const PAPER_WIDTH: Readonly<Record<PaperSize, string>> = { '80mm': '80mm', A4: '210mm' };

export interface PrintPreviewProps {
  /** A document from buildDocument. */
  readonly html: string;
  readonly size: PaperSize;
  /** Names the frame for screen readers, e.g. "Intake receipt BLR01-250701-007". */
  readonly title: string;
  readonly className?: string;
}

/**
 * Shows a built document as it will print, in a frame sandboxed without scripts: the document is
 * rendered, never run, whatever was typed into it. Same-origin only so the frame can be sized to
 * its content (the document itself has no script to use that).
 */
export function PrintPreview({ html, size, title, className }: PrintPreviewProps) {
  const [heightPx, setHeightPx] = useState<number | null>(null);
  const onLoad = (e: SyntheticEvent<HTMLIFrameElement>) => {
    const doc = e.currentTarget.contentDocument;
    if (doc === null) return;
    setHeightPx(Math.max(doc.documentElement.scrollHeight, doc.body.scrollHeight));
  };
  return (
    <iframe
      className={className ?? 'print-preview'}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={html}
      onLoad={onLoad}
      style={{
        display: 'block',
        width: PAPER_WIDTH[size],
        maxWidth: '100%',
        height: heightPx === null ? '70vh' : `${heightPx}px`,
        border: '1px solid #d5dde4',
        background: '#fff',
        boxShadow: '0 1px 4px rgba(0,0,0,.08)',
      }}
    />
  );
}
