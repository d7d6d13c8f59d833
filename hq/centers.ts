import { parseCenterCode, type CenterCode } from '../shared/domain/ticket';
import type { EnrollRequest, EnrollResponse } from '../shared/sync/protocol';
import type { HqContext } from './context';
import { int, intOrNull, text, type Queryable } from './db/types';
import { HqError } from './errors';
import { newEnrollmentCode, newId, newToken, normalizeEnrollmentCode, sha256 } from './secrets';

/*
 * Centers, their enrolled counters (devices) and the bearer tokens those hold. A token is shown
 * once, at enrollment, and kept only as its hash; revoking one stops its counter at the next call.
 */

export const ENROLLMENT_CODE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface IssuedCode {
  readonly code: string;
  readonly centerCode: CenterCode;
  readonly centerName: string;
  readonly expiresAt: number;
  readonly centerCreated: boolean;
}

/** Creates the center if it is new, and a one-time enrollment code for it. */
export async function issueEnrollmentCode(
  ctx: HqContext,
  input: { readonly center: string; readonly name?: string; readonly days?: number },
): Promise<IssuedCode> {
  const centerCode = parseCenterCode(input.center);
  if (centerCode === null) {
    throw new HqError(
      400,
      'bad_request',
      'A center code is 2 to 10 letters and digits, like BLR01.',
    );
  }
  const days = input.days ?? ENROLLMENT_CODE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new HqError(400, 'bad_request', 'An enrollment code lasts 1 to 90 days.');
  }
  const now = ctx.clock();
  const code = newEnrollmentCode(ctx.random);
  return ctx.db.transaction(async (tx) => {
    const name = (input.name ?? '').trim();
    // Race-free under concurrent requests: create only when new, then read whichever exists.
    const created =
      name === ''
        ? []
        : await tx.query(
            `INSERT INTO centers (code, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (code) DO NOTHING RETURNING code`,
            [centerCode, name, now],
          );
    const [existing] = await tx.query('SELECT name FROM centers WHERE code = $1', [centerCode]);
    if (existing === undefined) {
      throw new HqError(
        400,
        'bad_request',
        `Center ${centerCode} is new: give its name (--name "Smart Care Koramangala").`,
      );
    }
    const centerName = text(existing, 'name');
    const expiresAt = now + days * DAY_MS;
    await tx.query(
      `INSERT INTO enrollment_codes (code_hash, center_code, created_at, expires_at)
       VALUES ($1, $2, $3, $4)`,
      [sha256(normalizeEnrollmentCode(code)), centerCode, now, expiresAt],
    );
    return { code, centerCode, centerName, expiresAt, centerCreated: created.length > 0 };
  });
}

/** Spends a one-time code: a new device and token (or, for a known installation, a new token). */
export async function enroll(ctx: HqContext, req: EnrollRequest): Promise<EnrollResponse> {
  const now = ctx.clock();
  const token = newToken(ctx.random);
  return ctx.db.transaction(async (tx) => {
    const codeHash = sha256(normalizeEnrollmentCode(req.code));
    const [code] = await tx.query(
      `SELECT e.center_code, e.expires_at, e.used_at, c.name
       FROM enrollment_codes e JOIN centers c ON c.code = e.center_code
       WHERE e.code_hash = $1 FOR UPDATE OF e`,
      [codeHash],
    );
    if (code === undefined) {
      throw new HqError(
        403,
        'enrollment_code_invalid',
        'HQ does not know this enrollment code. Check it letter by letter, or ask HQ for a new one.',
      );
    }
    if (intOrNull(code, 'used_at') !== null) {
      throw new HqError(
        403,
        'enrollment_code_used',
        'This enrollment code was already used. Ask HQ for a new one.',
      );
    }
    if (int(code, 'expires_at') <= now) {
      throw new HqError(
        403,
        'enrollment_code_expired',
        'This enrollment code has expired. Ask HQ for a new one.',
      );
    }
    const centerCode = text(code, 'center_code') as CenterCode;
    const centerName = text(code, 'name');
    let deviceId: string;
    let lastMutationId = 0;
    const [known] =
      req.installationId === undefined
        ? []
        : await tx.query(
            'SELECT id, center_code, last_mutation_id FROM devices WHERE installation_id = $1 FOR UPDATE',
            [req.installationId],
          );
    if (known !== undefined) {
      if (text(known, 'center_code') !== centerCode) {
        throw new HqError(
          409,
          'installation_elsewhere',
          `This counter is enrolled at center ${text(known, 'center_code')}; this code is for ${centerCode}. Ask HQ which is right.`,
        );
      }
      // The same installation again (a revoked or lost token): it keeps its id and its place in
      // the outbox, and the old token stops working.
      deviceId = text(known, 'id');
      lastMutationId = int(known, 'last_mutation_id');
      await tx.query(
        `UPDATE devices SET token_hash = $2, revoked_at = NULL, name = $3, enrolled_at = $4,
                            app_version = COALESCE($5, app_version)
         WHERE id = $1`,
        [deviceId, sha256(token), req.deviceName, now, req.appVersion ?? null],
      );
    } else {
      deviceId = newId(now, ctx.random);
      await tx.query(
        `INSERT INTO devices (id, center_code, name, installation_id, token_hash, enrolled_at,
                              app_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          deviceId,
          centerCode,
          req.deviceName,
          req.installationId ?? null,
          sha256(token),
          now,
          req.appVersion ?? null,
        ],
      );
    }
    await tx.query(
      'UPDATE enrollment_codes SET used_at = $2, used_by_device = $3 WHERE code_hash = $1',
      [codeHash, now, deviceId],
    );
    return { deviceId, token, centerCode, centerName, lastMutationId };
  });
}

/** Revokes a device's token; false when there is no such device or it was revoked already. */
export async function revokeDevice(ctx: HqContext, deviceId: string): Promise<boolean> {
  const rows = await ctx.db.query(
    'UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [deviceId, ctx.clock()],
  );
  return rows.length > 0;
}

export interface AuthedDevice {
  readonly id: string;
  readonly centerCode: CenterCode;
}

/** The device a `Bearer` token belongs to, or a 401 that says what to do. */
export async function authenticate(
  q: Queryable,
  authorization: string | undefined,
): Promise<AuthedDevice> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (m?.[1] === undefined) {
    throw new HqError(
      401,
      'missing_token',
      'This call needs the counter’s token (Authorization: Bearer …). Enroll the counter first.',
    );
  }
  const [row] = await q.query(
    'SELECT id, center_code, revoked_at FROM devices WHERE token_hash = $1',
    [sha256(m[1])],
  );
  if (row === undefined) {
    throw new HqError(
      401,
      'invalid_token',
      'HQ does not know this counter’s token. Enroll the counter again with a new code from HQ.',
    );
  }
  if (intOrNull(row, 'revoked_at') !== null) {
    throw new HqError(
      401,
      'revoked_token',
      'HQ has revoked this counter’s access. Enroll it again with a new code from HQ.',
    );
  }
  return { id: text(row, 'id'), centerCode: text(row, 'center_code') as CenterCode };
}
