import type { RandomBytes } from '../shared/domain/ids';
import type { Queryable } from './db/types';
import { json, toJson } from './db/types';
import { newToken, sha256 } from './secrets';

const KEY = 'admin_token_hash';

/**
 * The admin token's hash: from HQ_ADMIN_TOKEN when set; else the stored one; else a new token,
 * stored hashed and handed to `announce` once (HQ prints it at its first start).
 */
export async function ensureAdminToken(
  q: Queryable,
  fromEnv: string | null,
  random: RandomBytes,
  announce: (token: string) => void,
): Promise<string> {
  if (fromEnv !== null) return sha256(fromEnv);
  const [row] = await q.query('SELECT value FROM hq_settings WHERE key = $1', [KEY]);
  const stored = row === undefined ? null : json(row, 'value');
  if (typeof stored === 'string') return stored;
  const token = newToken(random);
  const inserted = await q.query(
    `INSERT INTO hq_settings (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [KEY, toJson(sha256(token))],
  );
  if (inserted.length === 0) return ensureAdminToken(q, fromEnv, random, announce);
  announce(token);
  return sha256(token);
}

/** A new admin token, replacing the stored one; returns the token (shown once). */
export async function rotateAdminToken(
  q: Queryable,
  random: RandomBytes,
): Promise<{ readonly token: string; readonly hash: string }> {
  const token = newToken(random);
  const hash = sha256(token);
  await q.query(
    `INSERT INTO hq_settings (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [KEY, toJson(hash)],
  );
  return { token, hash };
}
