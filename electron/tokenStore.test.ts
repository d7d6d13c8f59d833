import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeStorage } from 'electron';
import type { Logger } from './log';
import { createTokenStore } from './tokenStore';

// A reversible stand-in for the OS key store: enough to prove the file never holds the token.
const fake = vi.hoisted(() => {
  const encode = (text: string, key: string): Buffer =>
    Buffer.from(
      `${key}:${Buffer.from(text, 'utf8').toString('base64').split('').reverse().join('')}`,
    );
  const state = { key: 'k1', available: true, backend: 'gnome_libsecret' as string };
  return {
    state,
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(state.available),
      getSelectedStorageBackend: () => state.backend,
      encryptStringAsync: (text: string) => Promise.resolve(encode(text, state.key)),
      decryptStringAsync: (data: Buffer) => {
        const [key = '', body = ''] = data.toString('utf8').split(':');
        if (!['k1', 'k2'].includes(key)) return Promise.reject(new Error('bad key'));
        const result = Buffer.from(body.split('').reverse().join(''), 'base64').toString('utf8');
        return Promise.resolve({ result, shouldReEncrypt: key !== state.key });
      },
    },
  };
});

vi.mock('electron', () => ({ safeStorage: fake.safeStorage }));

const log = (): Logger => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('token store', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counter-token-'));
    file = path.join(dir, 'hq-token.bin');
    Object.assign(fake.state, { key: 'k1', available: true, backend: 'gnome_libsecret' });
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = (platform: NodeJS.Platform = 'linux', logger = log()) =>
    createTokenStore({ file, safeStorage, platform, log: logger });

  it('has no token before enrollment', async () => {
    expect(await store().get()).toEqual({ ok: true, value: null });
  });

  it('round-trips a token, encrypted at rest', async () => {
    const tokens = store();
    expect(await tokens.set('hq.secret-token')).toEqual({ ok: true, value: null });
    expect(await tokens.get()).toEqual({ ok: true, value: 'hq.secret-token' });
    expect(fs.readFileSync(file, 'utf8')).not.toContain('hq.secret-token');
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('clears the token, and clearing twice is fine', async () => {
    const tokens = store();
    await tokens.set('t');
    expect(await tokens.clear()).toEqual({ ok: true, value: null });
    expect(await tokens.clear()).toEqual({ ok: true, value: null });
    expect(await tokens.get()).toEqual({ ok: true, value: null });
  });

  it('refuses to store without a key store, and writes nothing', async () => {
    fake.state.available = false;
    const result = await store().set('t');
    expect(result.ok ? 'ok' : result.error.code).toBe('unavailable');
    expect(fs.existsSync(file)).toBe(false);
  });

  it("refuses Linux's plain-text fallback, which is not encryption", async () => {
    fake.state.backend = 'basic_text';
    const linux = await store('linux').set('t');
    expect(linux.ok ? 'ok' : linux.error.code).toBe('unavailable');
    // The backend only exists on Linux; elsewhere the OS key store is used.
    expect((await store('darwin').set('t')).ok).toBe(true);
  });

  it('re-encrypts when the OS rotated its key', async () => {
    const tokens = store();
    await tokens.set('t-rotated');
    fake.state.key = 'k2';
    expect(await tokens.get()).toEqual({ ok: true, value: 't-rotated' });
    expect(fs.readFileSync(file, 'utf8').startsWith('k2:')).toBe(true);
  });

  it('says to enroll again when the stored token cannot be decrypted', async () => {
    fs.writeFileSync(file, 'zz:garbage');
    const logger = log();
    const result = await store('linux', logger).get();
    expect(result.ok ? 'ok' : result.error.code).toBe('unavailable');
    expect(result.ok ? '' : result.error.message).toMatch(/Enroll this counter again/);
    expect(logger.warn).toHaveBeenCalledOnce();
  });
});
