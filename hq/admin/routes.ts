import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { issueEnrollmentCode, revokeDevice, type IssuedCode } from '../centers';
import type { HqContext } from '../context';
import { HqError } from '../errors';
import { markPartReceived, publishCatalog, publishPolicy } from '../publish';
import { sameHash, sha256 } from '../secrets';
import {
  currentCatalog,
  listCenters,
  listDevices,
  listPolicies,
  listReturns,
  recentRejections,
} from './data';
import {
  catalogPage,
  dashboardPage,
  enrollPage,
  loginPage,
  messagePage,
  policiesPage,
  returnsPage,
} from './pages';

/*
 * The admin pages under /admin, behind the admin token. Signing in puts the token in an HttpOnly,
 * SameSite=Strict cookie, so no other site can make a signed-in browser post a form here; a POST
 * whose Origin is another site is refused as well.
 */

export const ADMIN_COOKIE = 'hq_admin';
/** Pasted policies and catalogs can be large. */
const ADMIN_BODY_LIMIT = 16 * 1024 * 1024;

type Form = Readonly<Record<string, string>>;

function readCookie(req: FastifyRequest, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function form(req: FastifyRequest): Form {
  const b: unknown = req.body;
  if (typeof b !== 'object' || b === null) return {};
  return b as Form;
}

const field = (f: Form, name: string): string => f[name] ?? '';

/** A form post from this site's own page (or from a client that sends no Origin at all). */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin === undefined || host === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return (
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      // same-origin, not no-referrer: with no-referrer browsers post forms with "Origin: null",
      // which the same-origin check above would refuse.
      .header('referrer-policy', 'same-origin')
      .send(page)
  );
}

export interface AdminOptions {
  /** SHA-256 of the admin token, read per request (it can be rotated); null: pages off. */
  readonly adminTokenHash: () => string | null;
  /** Mark the cookie Secure (HQ behind HTTPS). */
  readonly secureCookie: boolean;
}

export function registerAdmin(app: FastifyInstance, ctx: HqContext, opts: AdminOptions): void {
  const isAdminToken = (token: string | null): boolean => {
    const hash = opts.adminTokenHash();
    return hash !== null && token !== null && sameHash(sha256(token), hash);
  };
  const signedIn = (req: FastifyRequest): boolean => isAdminToken(readCookie(req, ADMIN_COOKIE));

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: ADMIN_BODY_LIMIT },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.register(
    (admin, _opts, next) => {
      admin.addHook('onRequest', async (req, reply) => {
        if (opts.adminTokenHash() === null) {
          return sendPage(reply, messagePage('Admin', 'The admin pages are turned off.'), 404);
        }
        if (req.method === 'POST' && !sameOrigin(req)) {
          return sendPage(reply, messagePage('Refused', 'This form came from another site.'), 403);
        }
        const path = req.url.split('?')[0];
        if (path === '/admin/login') return undefined;
        if (!signedIn(req)) {
          return req.method === 'GET'
            ? reply.redirect('/admin/login', 303)
            : sendPage(reply, loginPage('Sign in first.'), 401);
        }
        return undefined;
      });

      admin.get('/login', (_req, reply) => sendPage(reply, loginPage(null)));
      admin.post('/login', { bodyLimit: 64 * 1024 }, (req, reply) => {
        const token = field(form(req), 'token').trim();
        if (!isAdminToken(token)) {
          return sendPage(reply, loginPage('That is not the admin token.'), 401);
        }
        const cookie = [
          `${ADMIN_COOKIE}=${encodeURIComponent(token)}`,
          'Path=/admin',
          'HttpOnly',
          'SameSite=Strict',
          'Max-Age=43200',
          ...(opts.secureCookie ? ['Secure'] : []),
        ].join('; ');
        return reply.header('set-cookie', cookie).redirect('/admin', 303);
      });
      admin.post('/logout', (_req, reply) =>
        reply
          .header(
            'set-cookie',
            `${ADMIN_COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0`,
          )
          .redirect('/admin/login', 303),
      );

      const dashboard = async (reply: FastifyReply, notice: string | null) =>
        sendPage(
          reply,
          dashboardPage(
            await listCenters(ctx.db),
            await listDevices(ctx.db),
            await recentRejections(ctx.db),
            notice,
          ),
        );
      admin.get('/', (_req, reply) => dashboard(reply, null));
      admin.post<{ Params: { id: string } }>('/devices/:id/revoke', async (req, reply) => {
        const done = await revokeDevice(ctx, req.params.id);
        return dashboard(
          reply,
          done ? `Counter ${req.params.id} is revoked.` : 'That counter was already revoked.',
        );
      });

      admin.get('/enroll', (_req, reply) =>
        sendPage(reply, enrollPage(null, null, { center: '', name: '' })),
      );
      admin.post('/enroll', async (req, reply) => {
        const f = form(req);
        const input = { center: field(f, 'center'), name: field(f, 'name') };
        const days = Number(field(f, 'days') || '7');
        let issued: IssuedCode;
        try {
          issued = await issueEnrollmentCode(ctx, { ...input, days });
        } catch (e) {
          if (e instanceof HqError) return sendPage(reply, enrollPage(null, e.message, input), 400);
          throw e;
        }
        return sendPage(reply, enrollPage(issued, null, { center: '', name: '' }));
      });

      admin.get('/returns', async (_req, reply) =>
        sendPage(reply, returnsPage(await listReturns(ctx.db), null)),
      );
      admin.post<{ Params: { id: string } }>('/returns/parts/:id/received', async (req, reply) => {
        const r = await markPartReceived(ctx, req.params.id, field(form(req), 'note').trim());
        const notice = r.ok
          ? `Part ${req.params.id} marked received; center ${r.value.centerCode} will hear of it at its next sync.`
          : r.error;
        return sendPage(reply, returnsPage(await listReturns(ctx.db), notice), r.ok ? 200 : 400);
      });

      admin.get('/policies', async (_req, reply) =>
        sendPage(reply, policiesPage(await listPolicies(ctx.db), null, null, '')),
      );
      admin.post('/policies', async (req, reply) => {
        const pasted = field(form(req), 'json');
        const r = await publishPolicy(ctx, pasted);
        const policies = await listPolicies(ctx.db);
        return r.ok
          ? sendPage(
              reply,
              policiesPage(
                policies,
                null,
                `Published ${r.value.id} version ${r.value.version}; counters get it at their next sync.`,
                '',
              ),
            )
          : sendPage(reply, policiesPage(policies, r.error, null, pasted), 400);
      });

      admin.get('/catalog', async (_req, reply) =>
        sendPage(reply, catalogPage(await currentCatalog(ctx.db), null, null, '')),
      );
      admin.post('/catalog', async (req, reply) => {
        const pasted = field(form(req), 'json');
        const r = await publishCatalog(ctx, pasted);
        const catalog = await currentCatalog(ctx.db);
        return r.ok
          ? sendPage(
              reply,
              catalogPage(catalog, null, `Published catalog version ${r.value.version}.`, ''),
            )
          : sendPage(reply, catalogPage(catalog, r.error, null, pasted), 400);
      });
      next();
    },
    { prefix: '/admin' },
  );
}
