import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCsp } from './security';
import { createHqOriginStore } from './hqOrigin';

const dir = () => mkdtempSync(join(tmpdir(), 'hq-origin-'));

describe('the enrolled HQ origin', () => {
  it('starts from the environment, is set at enrollment, and is kept for the next start', () => {
    const file = join(dir(), 'hq-origin.txt');
    const first = createHqOriginStore({ file, fromEnvironment: 'https://old.example.com/v1' });
    expect(first.get()).toBe('https://old.example.com');
    expect(first.set('https://hq.example.com:8443/some/path')).toBe(true);
    expect(first.get()).toBe('https://hq.example.com:8443');
    expect(readFileSync(file, 'utf8')).toBe('https://hq.example.com:8443');
    const next = createHqOriginStore({ file, fromEnvironment: undefined });
    expect(next.get()).toBe('https://hq.example.com:8443');
    expect(buildCsp(next.get())).toContain('connect-src');
    expect(buildCsp(next.get())).toContain('https://hq.example.com:8443');
  });

  it('refuses an address that is not http(s), and ignores a damaged file', () => {
    const file = join(dir(), 'hq-origin.txt');
    writeFileSync(file, 'javascript:alert(1)');
    const store = createHqOriginStore({ file, fromEnvironment: undefined });
    expect(store.get()).toBeNull();
    expect(store.set('file:///etc/passwd')).toBe(false);
    expect(store.get()).toBeNull();
  });
});
