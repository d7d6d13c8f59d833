import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/lib/result';
import {
  API_PATHS,
  EnrollResponseSchema,
  ErrorBodySchema,
  PullResponseSchema,
  PushResponseSchema,
  RegistryAnswerSchema,
  type EnrollRequest,
  type EnrollResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RegistryAnswer,
} from '../../shared/sync/protocol';
import type { Host } from '../host/types';

/*
 * HTTPS JSON to HQ (DESIGN.md, "Sync with HQ"): the token comes from the host (the shell's safe
 * storage, or IndexedDB in a browser), HQ's address from the sync settings, every call has a
 * timeout, and every failure comes back as data the engine can classify.
 */

export type TransportError =
  /** The request never got an answer: no network, HQ down, connection dropped. */
  | { readonly kind: 'offline'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string }
  /** HQ answered with an error status and (usually) `{ error: { code, message } }`. */
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code: string;
      readonly message: string;
    }
  /** No HQ address or no token: this counter is not enrolled. */
  | { readonly kind: 'not_enrolled'; readonly detail: string }
  /** An answer that is not what the protocol says (a proxy's page, a different server). */
  | { readonly kind: 'protocol'; readonly detail: string };

export type TransportResult<T> = Result<T, TransportError>;

export interface SyncTransport {
  enroll(hqUrl: string, req: EnrollRequest): Promise<TransportResult<EnrollResponse>>;
  push(req: PushRequest): Promise<TransportResult<PushResponse>>;
  pull(after: number, limit: number): Promise<TransportResult<PullResponse>>;
  lookup(serial: string, timeoutMs: number): Promise<TransportResult<RegistryAnswer>>;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Where the token lives: the host's part of the IPC contract. */
export type TokenVault = Pick<Host, 'getToken' | 'setToken' | 'clearToken'>;

export interface HttpTransportDeps {
  readonly fetch: FetchLike;
  readonly tokens: TokenVault;
  /** HQ's base URL from the sync settings; null when not enrolled. */
  readonly baseUrl: () => Promise<string | null>;
  /** Per request (default 30 s): a push of a full batch is one database transaction at HQ. */
  readonly timeoutMs?: number;
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

const describe = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : String(e);

/** One call: JSON in, JSON out, checked against `schema`. */
async function call<T>(
  fetchFn: FetchLike,
  schema: z.ZodType<T>,
  url: string,
  init: { method: 'GET' | 'POST'; token: string | null; body?: unknown; timeoutMs: number },
): Promise<TransportResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token !== null) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  let json: unknown;
  try {
    res = await fetchFn(url, {
      method: init.method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (e) {
    return err({ kind: isTimeout(e) ? 'timeout' : 'offline', detail: describe(e) });
  }
  try {
    json = await res.json();
  } catch (e) {
    if (isTimeout(e)) return err({ kind: 'timeout', detail: describe(e) });
    if (!(e instanceof SyntaxError)) return err({ kind: 'offline', detail: describe(e) });
    json = undefined;
  }
  if (!res.ok) {
    const body = ErrorBodySchema.safeParse(json);
    return err({
      kind: 'http',
      status: res.status,
      code: body.success ? body.data.error.code : `http_${res.status}`,
      message: body.success ? body.data.error.message : `HQ answered HTTP ${res.status}.`,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return err({
      kind: 'protocol',
      detail: `the answer from ${url} is not what the sync protocol expects`,
    });
  }
  return ok(parsed.data);
}

/** `https://hq.example.com/` → `https://hq.example.com`; null when it is not an http(s) URL. */
export function normalizeHqUrl(typed: string): string | null {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return null;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createHttpTransport(deps: HttpTransportDeps): SyncTransport {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const token = async (): Promise<TransportResult<string>> => {
    const r = await deps.tokens.getToken();
    if (!r.ok) return err({ kind: 'not_enrolled', detail: r.error.message });
    if (r.value === null) return err({ kind: 'not_enrolled', detail: 'no token stored' });
    return ok(r.value);
  };
  const authed = async <T>(
    schema: z.ZodType<T>,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    ms: number,
  ): Promise<TransportResult<T>> => {
    const base = await deps.baseUrl();
    if (base === null) return err({ kind: 'not_enrolled', detail: 'no HQ address set' });
    const t = await token();
    if (!t.ok) return t;
    return call(deps.fetch, schema, `${base}${path}`, {
      method,
      token: t.value,
      body,
      timeoutMs: ms,
    });
  };
  return {
    enroll: (hqUrl, req) =>
      call(deps.fetch, EnrollResponseSchema, `${hqUrl}${API_PATHS.enroll}`, {
        method: 'POST',
        token: null,
        body: req,
        timeoutMs,
      }),
    push: (req) => authed(PushResponseSchema, 'POST', API_PATHS.push, req, timeoutMs),
    pull: (after, limit) =>
      authed(
        PullResponseSchema,
        'GET',
        `${API_PATHS.pull}?after=${after}&limit=${limit}`,
        undefined,
        timeoutMs,
      ),
    lookup: (serial, ms) =>
      authed(RegistryAnswerSchema, 'GET', API_PATHS.device(serial), undefined, ms),
  };
}
