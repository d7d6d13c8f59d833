import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentTypeOf, createAppProtocolHandler, resolveAppPath } from './appProtocol';

const root = path.resolve('/srv/counter/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app URLs to files inside the root', () => {
    expect(resolveAppPath(root, 'app://counter/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://counter')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://counter/index.html?v=2#top')).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveAppPath(root, 'app://counter/assets/index-Bx1.js')).toBe(
      path.join(root, 'assets', 'index-Bx1.js'),
    );
    expect(resolveAppPath(root, 'app://counter/fonts/Receipt%20Mono.woff2')).toBe(
      path.join(root, 'fonts', 'Receipt Mono.woff2'),
    );
    // Empty segments collapse; they cannot reach the filesystem root.
    expect(resolveAppPath(root, 'app://counter//etc/passwd')).toBe(
      path.join(root, 'etc', 'passwd'),
    );
  });

  it('refuses dot segments, plain or percent-encoded', () => {
    for (const url of [
      'app://counter/../etc/passwd',
      'app://counter/assets/../../etc/passwd',
      'app://counter/./index.html',
      'app://counter/%2e%2e/etc/passwd',
      'app://counter/%2E%2E/%2E%2E/etc/passwd',
      'app://counter/.%2e/etc/passwd',
      'app://counter/%2e./etc/passwd',
      'app://counter/..%2f..%2fetc%2fpasswd',
      'app://counter/..%20/etc/passwd',
      'app://counter/assets/..',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('decodes once: a double-encoded dot segment is an odd file name inside the root', () => {
    expect(resolveAppPath(root, 'app://counter/%252e%252e/etc')).toBe(
      path.join(root, '%2e%2e', 'etc'),
    );
  });

  it('refuses backslashes, drive letters, absolute paths and NUL bytes', () => {
    for (const url of [
      'app://counter/..\\..\\windows\\win.ini',
      'app://counter/%5c..%5cwindows',
      'app://counter/assets%5c..%5c..%5csecret',
      'app://counter/C:%5cWindows%5cwin.ini',
      'app://counter/C:/Windows/win.ini',
      'app://counter/%2fetc%2fpasswd',
      'app://counter/index.html%00.png',
      'app://counter/%00',
      'app://counter/%E0%A4%A', // malformed escape
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('refuses anything that is not app://counter', () => {
    for (const url of [
      'app:///etc/passwd',
      'app://evil/index.html',
      'app://counter.evil/index.html',
      'app://counterfeit/index.html',
      'app://user@counter/index.html',
      'app://counter:8080/index.html',
      'file:///etc/passwd',
      'https://counter/index.html',
      '/etc/passwd',
      '',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('holds on Windows paths too', () => {
    const winRoot = 'C:\\Program Files\\Counter\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppPath(winRoot, 'app://counter/assets/a.js', path.win32)).toBe(
      `${winRoot}\\assets\\a.js`,
    );
    for (const url of [
      'app://counter/..%5c..%5csecret.txt',
      'app://counter/C:%5cWindows',
      'app://counter/D:secret',
      'app://counter/%5c%5cserver%5cshare',
      'app://counter/..%2e/x',
      'app://counter/index.html./x',
    ]) {
      expect(resolveAppPath(winRoot, url, path.win32), url).toBeNull();
    }
  });
});

describe('contentTypeOf', () => {
  it('names the types the renderer build produces', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('logo.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('unknown.bin')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-protocol-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Counter</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), 'secret');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(dir, '..', `${path.basename(dir)}-secret.txt`), { force: true });
  });

  const handler = (onError = vi.fn()) =>
    createAppProtocolHandler({
      root: dir,
      readFile: (file) => fs.promises.readFile(file),
      csp: () => "default-src 'self'",
      onError,
    });

  it('serves files with their type and the CSP header', async () => {
    const response = await handler()(new Request('app://counter/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers client-side routes with the app page, and missing assets with 404', async () => {
    const route = await handler()(new Request('app://counter/tickets/42'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Counter</title>');
    expect((await handler()(new Request('app://counter/assets/missing.js'))).status).toBe(404);
  });

  it('does not serve a file beside the root', async () => {
    const sibling = `${path.basename(dir)}-secret.txt`;
    const response = await handler()(new Request(`app://counter/..%2f${sibling}`));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler()(new Request('app://counter/', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it('reports read errors other than a missing file', async () => {
    const onError = vi.fn();
    const failing = createAppProtocolHandler({
      root: dir,
      readFile: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
      csp: () => '',
      onError,
    });
    expect((await failing(new Request('app://counter/index.html'))).status).toBe(500);
    expect(onError).toHaveBeenCalledOnce();
  });
});
