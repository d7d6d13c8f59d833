import { describe, expect, it } from 'vitest';
import { EMPTY, escapeHtml, html, imageDataUrl, join, styleElement, type HtmlValue } from './html';

describe('the html template', () => {
  it('escapes every interpolated string: markup typed into a field prints as text', () => {
    const name = '<script>alert(1)</script>';
    expect(html`<p>${name}</p>`.html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('escapes quotes, so a value cannot leave its attribute', () => {
    const value = `" onmouseover="alert(1)' x='`;
    const out = html`<img alt="${value}" />`.html;
    expect(out).toBe('<img alt="&quot; onmouseover=&quot;alert(1)&#39; x=&#39;" />');
    expect(out).not.toContain('" onmouseover');
  });

  it('escapes ampersands, including ones that look like entities', () => {
    expect(html`${'Tom & Jerry &amp; &lt;b&gt;'}`.html).toBe(
      'Tom &amp; Jerry &amp;amp; &amp;lt;b&amp;gt;',
    );
  });

  it('keeps any script as it was typed, Devanagari and Chinese included', () => {
    expect(html`<b>${'अनिल कुमार · 王小明'}</b>`.html).toBe('<b>अनिल कुमार · 王小明</b>');
  });

  it('nests templates without escaping them twice, and escapes arrays item by item', () => {
    const inner = html`<i>${'a<b'}</i>`;
    const items: HtmlValue[] = ['x&y', inner, 3, null, undefined, false];
    expect(html`<p>${inner}</p>`.html).toBe('<p><i>a&lt;b</i></p>');
    expect(html`${items}`.html).toBe('x&amp;y<i>a&lt;b</i>3');
  });

  it('does not treat an object that merely looks like SafeHtml as markup', () => {
    const forged = { html: '<script>alert(1)</script>' } as unknown as string;
    expect(html`${forged}`.html).toBe('');
  });

  it('joins with an escaped separator', () => {
    expect(join(['a', html`<b>b</b>`], ' & ').html).toBe('a &amp; <b>b</b>');
    expect(join([], ', ')).toEqual(EMPTY);
  });

  it('escapeHtml escapes the five characters that matter, and nothing else', () => {
    expect(escapeHtml(`<>&"' ok`)).toBe('&lt;&gt;&amp;&quot;&#39; ok');
  });

  it('refuses CSS that could close its <style> element', () => {
    expect(() => styleElement('p{color:red}</style><script>alert(1)</script>')).toThrow();
    expect(() => styleElement('p{}<!--')).toThrow();
    expect(styleElement('p{color:red}').html).toBe('<style>p{color:red}</style>');
  });

  it('accepts only base64 data: URLs of images for src', () => {
    expect(imageDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(
      'data:image/png;base64,iVBORw0KGgo=',
    );
    expect(imageDataUrl('https://example.com/sig.png')).toBeNull();
    expect(imageDataUrl('javascript:alert(1)')).toBeNull();
    expect(imageDataUrl('data:text/html;base64,PHNjcmlwdD4=')).toBeNull();
    expect(imageDataUrl('data:image/png;base64,AAAA" onerror="alert(1)')).toBeNull();
  });
});
