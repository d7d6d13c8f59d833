import type { z } from 'zod';
import { err, ok, type Result } from './result';

/**
 * A data file (a brand policy, a knowledge base…) that failed to load: which file, where in it,
 * and what was expected (STYLE.md 3). Every loader of our JSON data reports this one shape.
 */
export interface DataFileError {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export const formatDataFileError = (e: DataFileError): string =>
  `${e.file}: ${e.path === '' ? '(top level)' : e.path}: ${e.message}`;

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  // JSON.stringify gives undefined for what JSON cannot hold (a symbol key, a function).
  const s = JSON.stringify(v) as string | undefined;
  if (s === undefined) return typeof v === 'symbol' ? v.toString() : typeof v;
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function fromZodIssue(file: string, json: unknown, issue: z.core.$ZodIssue): DataFileError {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const many = issue.keys.length > 1;
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    const message = `unexpected field${many ? 's' : ''} ${keys}: remove ${many ? 'them' : 'it'} or check the spelling`;
    return { file, path, message };
  }
  if (issue.code === 'invalid_key') {
    // The path ends at the key itself, and its value is not what is wrong.
    const expected = issue.issues.map((i) => i.message).join('; ');
    return { file, path, message: `${expected} (got the key ${describeValue(issue.path.at(-1))})` };
  }
  return {
    file,
    path,
    message: `${issue.message} (got ${describeValue(valueAt(json, issue.path))})`,
  };
}

/** Validates `json` from `file` against `schema`; the first problem names its place. */
export function parseDataFile<T>(
  schema: z.ZodType<T>,
  json: unknown,
  file: string,
  what: string,
): Result<T, DataFileError> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const first = parsed.error.issues[0];
  return err(first ? fromZodIssue(file, json, first) : { file, path: '', message: `not ${what}` });
}
