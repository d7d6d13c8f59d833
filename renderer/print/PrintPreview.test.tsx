// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { PrintPreview } from './PrintPreview';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('PrintPreview', () => {
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('shows the document in a frame that cannot run scripts', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const html =
      '<!doctype html><html><body><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></body></html>';
    await act(async () => {
      root.render(<PrintPreview html={html} size="80mm" title="Intake receipt BLR01-250701-007" />);
      await Promise.resolve();
    });
    const frame = container.querySelector('iframe');
    expect(frame).not.toBeNull();
    expect(frame?.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(frame?.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(frame?.getAttribute('srcdoc')).toBe(html);
    expect(frame?.getAttribute('title')).toBe('Intake receipt BLR01-250701-007');
    expect(frame?.style.width).toBe('80mm');
    act(() => {
      root.unmount();
    });
  });
});
