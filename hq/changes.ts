import type { CenterCode } from '../shared/domain/ticket';
import type { PullChange, PullResponse } from '../shared/sync/protocol';
import { int, json, toJson, type Queryable } from './db/types';

/*
 * The change log: HQ-owned data flowing down to counters, numbered by one sequence (DESIGN.md,
 * "Sync with HQ"). A counter asks for what came after its cursor; client clocks are never one.
 *
 * A bigserial alone is not a safe cursor: two transactions can take 10 and 11 and commit 11
 * first, and a reader that saw 11 would move past 10 for ever. So every append takes one
 * advisory lock held until commit: numbers are handed out in commit order.
 */

const CHANGELOG_LOCK = 72_450_002;

type ChangeBody = PullChange extends infer C
  ? C extends PullChange
    ? Omit<C, 'seq'>
    : never
  : never;

export interface NewChange {
  /** null: for every center. */
  readonly centerCode: CenterCode | string | null;
  readonly body: ChangeBody;
}

/** Appends changes in this transaction; call it last, so the lock is held only briefly. */
export async function appendChanges(
  tx: Queryable,
  changes: readonly NewChange[],
  now: number,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGELOG_LOCK]);
  await tx.query(
    `INSERT INTO changes (center_code, kind, body, created_at)
     SELECT e.value ->> 'center_code', e.value ->> 'kind', e.value -> 'body', $2
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
     ORDER BY e.n`,
    [
      toJson(changes.map((c) => ({ center_code: c.centerCode, kind: c.body.kind, body: c.body }))),
      now,
    ],
  );
}

/** Changes for `centerCode` after `after`, at most `limit`, in sequence order. */
export async function readChanges(
  q: Queryable,
  centerCode: string,
  after: number,
  limit: number,
): Promise<PullResponse> {
  const rows = await q.query(
    `SELECT seq, body FROM changes
     WHERE seq > $1 AND (center_code IS NULL OR center_code = $2)
     ORDER BY seq LIMIT $3`,
    [after, centerCode, limit + 1],
  );
  const page = rows.slice(0, limit);
  // Bodies are written only by appendChanges, from typed changes.
  const changes = page.map((r) => ({ ...(json(r, 'body') as ChangeBody), seq: int(r, 'seq') }));
  const last = page.at(-1);
  return {
    changes,
    cursor: last === undefined ? after : int(last, 'seq'),
    hasMore: rows.length > limit,
  };
}
