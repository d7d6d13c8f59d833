import { describe, expect, it } from 'vitest';
import { charCount, isBlank } from './text';

describe('charCount', () => {
  it('counts characters as people see them', () => {
    expect(charCount('Tom')).toBe(3);
    expect(charCount('José')).toBe(4);
    expect(charCount('Jose\u0301')).toBe(4);
    expect(charCount('👍🏽👍🏽')).toBe(2);
    expect(charCount('नमस्ते')).toBeLessThan('नमस्ते'.length);
    expect(charCount('')).toBe(0);
  });

  it('blank is empty or whitespace', () => {
    expect(isBlank(' \t\n')).toBe(true);
    expect(isBlank(' a ')).toBe(false);
  });
});
