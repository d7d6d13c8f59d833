// The HQ origin the page may fetch (the CSP's connect-src): set when the counter enrolls, kept in
// a small file in userData so it holds after a restart. COUNTER_HQ_URL, when set, is the starting
// value for installs that are pointed at HQ by their installer.
import fs from 'node:fs';
import { hqOriginOf } from './security';

export interface HqOriginStore {
  get(): string | null;
  /** Records the enrolled HQ's origin; false when the address is not http(s). */
  set(url: string): boolean;
}

export function createHqOriginStore(input: {
  readonly file: string;
  readonly fromEnvironment: string | undefined;
  readonly fs?: Pick<typeof fs, 'readFileSync' | 'writeFileSync'>;
}): HqOriginStore {
  const io = input.fs ?? fs;
  let origin = hqOriginOf(input.fromEnvironment);
  try {
    origin = hqOriginOf(io.readFileSync(input.file, 'utf8')) ?? origin;
  } catch {
    // No file yet (never enrolled) or unreadable: keep the environment's value.
  }
  return {
    get: () => origin,
    set: (url) => {
      const next = hqOriginOf(url);
      if (next === null) return false;
      io.writeFileSync(input.file, next, { mode: 0o600 });
      origin = next;
      return true;
    },
  };
}
