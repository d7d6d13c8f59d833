// The HQ bearer token, encrypted with the OS key store through Electron's safeStorage and kept in a
// file in userData. The renderer never holds it at rest; it asks for it when it syncs.
import nodeFs from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { fail, succeed, type IpcResult } from '../shared/ipc/contract';
import { describeError, type Logger } from './log';

export type SafeStorageLike = Pick<
  SafeStorage,
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
>;

type TokenFs = Pick<typeof nodeFs, 'readFile' | 'writeFile' | 'rename' | 'rm'>;

export interface TokenStore {
  get(): Promise<IpcResult<string | null>>;
  set(token: string): Promise<IpcResult<null>>;
  clear(): Promise<IpcResult<null>>;
}

export interface TokenStoreDeps {
  readonly file: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  readonly log: Logger;
  readonly fs?: TokenFs;
}

const NO_KEY_STORE =
  'This computer has no secure key store for the HQ token. On Linux, install and unlock ' +
  'GNOME Keyring or KWallet, then enroll again.';

export function createTokenStore(deps: TokenStoreDeps): TokenStore {
  const fs = deps.fs ?? nodeFs;
  const { file, safeStorage, log } = deps;

  // On Linux without a keyring, safeStorage falls back to a hard-coded key ("basic_text"): that
  // is obfuscation, not encryption, so we refuse rather than pretend the token is protected.
  const keyStoreReady = async (): Promise<boolean> =>
    (await safeStorage.isAsyncEncryptionAvailable()) &&
    (deps.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');

  const write = async (token: string): Promise<void> => {
    const encrypted = await safeStorage.encryptStringAsync(token);
    const temp = `${file}.tmp`;
    await fs.writeFile(temp, encrypted, { mode: 0o600 });
    await fs.rename(temp, file);
  };

  return {
    async get() {
      let encrypted: Buffer;
      try {
        encrypted = await fs.readFile(file);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return succeed(null);
        throw error;
      }
      if (!(await keyStoreReady())) return fail('unavailable', NO_KEY_STORE);
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        // The OS rotated its key: store the token again under the new one.
        if (shouldReEncrypt) await write(result);
        return succeed(result);
      } catch (error) {
        log.warn('token: stored token could not be decrypted', describeError(error));
        return fail(
          'unavailable',
          'The saved HQ token cannot be read on this computer any more (its key store changed). ' +
            'Enroll this counter again.',
        );
      }
    },

    async set(token) {
      if (!(await keyStoreReady())) return fail('unavailable', NO_KEY_STORE);
      await write(token);
      return succeed(null);
    },

    async clear() {
      await fs.rm(file, { force: true });
      return succeed(null);
    },
  };
}
