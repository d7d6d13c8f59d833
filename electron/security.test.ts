import { describe, expect, it, vi } from 'vitest';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  APP_ENTRY_URL,
  buildCsp,
  createWebPreferences,
  denyWindowOpen,
  guardNavigation,
  hardenWebContents,
  hqOriginOf,
  isAppUrl,
  type HardenableContents,
} from './security';

describe('createWebPreferences', () => {
  it('follows the Electron security checklist', () => {
    expect(createWebPreferences('/app/dist-electron/preload.cjs')).toEqual({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });
});

describe('isAppUrl', () => {
  it('knows the app page and nothing else', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://counter/tickets/42?x=1#top')).toBe(true);
    for (const url of [
      'app://counter.evil.example/',
      'app://evil/',
      'app://user:pw@counter/',
      'https://counter/',
      'file:///etc/passwd',
      'data:text/html,hi',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('buildCsp', () => {
  const directives = (csp: string): Map<string, string> =>
    new Map(
      csp.split('; ').map((d) => {
        const [name = '', ...values] = d.split(' ');
        return [name, values.join(' ')];
      }),
    );

  it('is strict without an HQ', () => {
    const csp = directives(buildCsp(null));
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data: blob:");
    expect(csp.get('font-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('lets the page fetch from the HQ origin only', () => {
    expect(directives(buildCsp('https://hq.example.com:8443')).get('connect-src')).toBe(
      "'self' https://hq.example.com:8443",
    );
    // A URL with a path is reduced to its origin; anything else is ignored, never pasted in.
    expect(directives(buildCsp('http://10.0.0.5:3000/v1/sync')).get('connect-src')).toBe(
      "'self' http://10.0.0.5:3000",
    );
    expect(directives(buildCsp("https://x; script-src 'unsafe-eval'")).get('script-src')).toBe(
      "'self'",
    );
    expect(directives(buildCsp('ftp://hq.example')).get('connect-src')).toBe("'self'");
  });

  it('derives the HQ origin from a configured URL', () => {
    expect(hqOriginOf(' https://HQ.example.com/api ')).toBe('https://hq.example.com');
    expect(hqOriginOf(undefined)).toBeNull();
    expect(hqOriginOf('')).toBeNull();
    expect(hqOriginOf('javascript:alert(1)')).toBeNull();
  });
});

describe('navigation and windows', () => {
  it('refuses navigation away from the app', () => {
    const blocked = vi.fn();
    const away = { preventDefault: vi.fn() };
    guardNavigation(away, 'https://evil.example/phish', blocked);
    expect(away.preventDefault).toHaveBeenCalledOnce();
    expect(blocked).toHaveBeenCalledWith('https://evil.example/phish');

    const within = { preventDefault: vi.fn() };
    guardNavigation(within, 'app://counter/index.html', blocked);
    expect(within.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every window.open', () => {
    const blocked = vi.fn();
    expect(denyWindowOpen({ url: 'https://example.com' }, blocked)).toEqual({ action: 'deny' });
    expect(denyWindowOpen({ url: 'app://counter/other' }, blocked)).toEqual({ action: 'deny' });
    expect(blocked).toHaveBeenCalledTimes(2);
  });

  it('hardens a WebContents: navigation, webviews and popups', () => {
    type Listener = (event: { preventDefault(): void; url: string }) => void;
    const listeners = new Map<string, Listener>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
    const contents = {
      on: (event: string, listener: Listener) => {
        listeners.set(event, listener);
      },
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
    } as unknown as HardenableContents;
    const blocked = vi.fn();
    hardenWebContents(contents, blocked);

    const navigate = { preventDefault: vi.fn(), url: 'https://evil.example' };
    listeners.get('will-navigate')?.(navigate);
    expect(navigate.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn(), url: '' };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(blocked.mock.calls.map(([what]: unknown[]) => what)).toEqual([
      'navigation',
      'webview',
      'window.open',
    ]);
  });
});

describe('permissions', () => {
  it('allows only the camera, only to the app', () => {
    expect(allowPermissionRequest('media', APP_ENTRY_URL, ['video'])).toBe(true);
    expect(allowPermissionRequest('media', APP_ENTRY_URL, ['video', 'audio'])).toBe(false);
    expect(allowPermissionRequest('media', APP_ENTRY_URL, ['audio'])).toBe(false);
    expect(allowPermissionRequest('media', APP_ENTRY_URL, [])).toBe(false);
    expect(allowPermissionRequest('media', APP_ENTRY_URL, undefined)).toBe(false);
    expect(allowPermissionRequest('media', 'https://evil.example/', ['video'])).toBe(false);
    for (const other of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb']) {
      expect(allowPermissionRequest(other, APP_ENTRY_URL, ['video']), other).toBe(false);
    }
  });

  it('answers permission checks the same way', () => {
    expect(allowPermissionCheck('media', 'app://counter', 'video')).toBe(true);
    expect(allowPermissionCheck('media', 'app://counter', 'audio')).toBe(false);
    expect(allowPermissionCheck('media', 'https://evil.example', 'video')).toBe(false);
    expect(allowPermissionCheck('geolocation', 'app://counter', undefined)).toBe(false);
  });
});
