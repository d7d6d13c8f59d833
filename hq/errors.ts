import type { z } from 'zod';
import type { HqErrorCode } from '../shared/sync/protocol';

/** An answer HQ gives on purpose: the HTTP status and the protocol's `{ error: { code, message } }`. */
export class HqError extends Error {
  constructor(
    readonly status: number,
    readonly code: HqErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HqError';
  }
}

/** The first few problems of a failed parse, each with where it is: `mutations.3.at: …`. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const shown = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HqError(400, 'bad_request', `${what}: ${describeIssues(r.error)}`);
  return r.data;
}
