import type { IssuedCode } from '../centers';
import type {
  CatalogView,
  CenterView,
  DeviceView,
  PolicyView,
  RejectionView,
  ShipmentView,
} from './data';
import { html, when, type SafeHtml } from './html';

/* The admin pages: plain server-rendered HTML, every value escaped by `html`. */

const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#dfe6f3;text-decoration:none}header strong{margin-right:1rem}
header form{margin-left:auto}
main{padding:1rem 1.2rem;max-width:80rem}
table{border-collapse:collapse;background:#fff;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #d8dce3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
textarea{width:100%;min-height:18rem;font:13px/1.4 ui-monospace,monospace}
.error{background:#fde8e8;border:1px solid #e0a0a0;padding:.6rem;white-space:pre-wrap}
.ok{background:#e6f5e9;border:1px solid #9ccaa5;padding:.6rem}
.code{font:600 1.6rem ui-monospace,monospace;letter-spacing:.1em}
.muted{color:#6b7280}button{cursor:pointer}
`;

export function layout(title: string, body: SafeHtml, signedIn = true): string {
  const nav = signedIn
    ? html`<a href="/admin">Centers &amp; devices</a><a href="/admin/enroll">Enrollment codes</a
        ><a href="/admin/returns">Returns</a><a href="/admin/policies">Policies</a
        ><a href="/admin/catalog">Parts catalog</a>
        <form method="post" action="/admin/logout"><button>Sign out</button></form>`
    : html``;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Counter HQ</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header><strong>Counter HQ</strong>${nav}</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.value;
}

const message = (kind: 'error' | 'ok', text: string | null) =>
  text === null ? html`` : html`<p class="${kind}">${text}</p>`;

export function loginPage(error: string | null): string {
  return layout(
    'Sign in',
    html`${message('error', error)}
      <form method="post" action="/admin/login">
        <p>
          <label
            >Admin token<br /><input
              name="token"
              type="password"
              autocomplete="current-password"
              size="60"
              required
          /></label>
        </p>
        <p><button>Sign in</button></p>
        <p class="muted">
          The token was printed when HQ first started (or is HQ_ADMIN_TOKEN). Lost it?
          <code>npm run hq -- admin-token</code> makes a new one.
        </p>
      </form>`,
    false,
  );
}

function deviceRow(d: DeviceView): SafeHtml {
  const backlog = Math.max(0, d.pendingUpTo - d.lastMutationId);
  return html`<tr>
    <td>${d.centerCode}</td>
    <td>${d.name}<br /><small class="muted">${d.id}</small></td>
    <td>${d.revokedAt === null ? 'active' : `revoked ${when(d.revokedAt)}`}</td>
    <td>${when(d.lastSeenAt)}</td>
    <td>${when(d.lastPushAt)}</td>
    <td>${when(d.lastPullAt)}</td>
    <td class="num">${d.lastMutationId}</td>
    <td class="num">${d.pendingUpTo}</td>
    <td class="num">${backlog}</td>
    <td class="num">${d.rejectedCount}</td>
    <td>${d.appVersion ?? '—'}</td>
    <td>
      ${
        d.revokedAt === null
          ? html`<form method="post" action="/admin/devices/${encodeURIComponent(d.id)}/revoke">
              <button>Revoke</button>
            </form>`
          : html``
      }
    </td>
  </tr>`;
}

export function dashboardPage(
  centers: readonly CenterView[],
  devices: readonly DeviceView[],
  rejections: readonly RejectionView[],
  notice: string | null,
): string {
  return layout(
    'Centers & devices',
    html`${message('ok', notice)}
      <h2>Centers</h2>
      <table>
        <tr>
          <th>Code</th>
          <th>Name</th>
          <th>Counters</th>
          <th>Tickets</th>
        </tr>
        ${centers.map(
          (c) =>
            html`<tr>
              <td>${c.code}</td>
              <td>${c.name}</td>
              <td class="num">${c.devices}</td>
              <td class="num">${c.tickets}</td>
            </tr>`,
        )}
      </table>
      <h2>Counters</h2>
      <p class="muted">
        Backlog: changes the counter said it has written that HQ has not applied yet (as of its last
        push).
      </p>
      <table>
        <tr>
          <th>Center</th>
          <th>Counter</th>
          <th>Access</th>
          <th>Last seen</th>
          <th>Last push</th>
          <th>Last pull</th>
          <th>Last applied id</th>
          <th>Written up to</th>
          <th>Backlog</th>
          <th>Rejected</th>
          <th>App</th>
          <th></th>
        </tr>
        ${devices.map(deviceRow)}
      </table>
      <h2>Recent rejected changes</h2>
      <table>
        <tr>
          <th>When</th>
          <th>Center</th>
          <th>Counter</th>
          <th>Id</th>
          <th>Change</th>
          <th>Why</th>
        </tr>
        ${rejections.map(
          (r) =>
            html`<tr>
              <td>${when(r.rejectedAt)}</td>
              <td>${r.centerCode}</td>
              <td>${r.deviceName}</td>
              <td class="num">${r.mutationId}</td>
              <td>${r.name}</td>
              <td><code>${r.code}</code> ${r.message}</td>
            </tr>`,
        )}
      </table>`,
  );
}

export function enrollPage(
  issued: IssuedCode | null,
  error: string | null,
  form: { readonly center: string; readonly name: string },
): string {
  return layout(
    'Enrollment codes',
    html`${message('error', error)}
      ${
        issued === null
          ? html``
          : html`<div class="ok">
              <p>
                Enrollment code for ${issued.centerCode} (${issued.centerName}), valid until
                ${when(issued.expiresAt)}, for one counter:
              </p>
              <p class="code">${issued.code}</p>
              <p>It is shown only now: give it to the center.</p>
            </div>`
      }
      <form method="post" action="/admin/enroll">
        <p>
          <label>Center code<br /><input name="center" value="${form.center}" required /></label>
        </p>
        <p>
          <label
            >Center name (for a new center)<br /><input name="name" value="${form.name}" size="40"
          /></label>
        </p>
        <p>
          <label>Valid for (days)<br /><input name="days" value="7" size="4" /></label>
        </p>
        <p><button>Create enrollment code</button></p>
      </form>`,
  );
}

export function returnsPage(shipments: readonly ShipmentView[], notice: string | null): string {
  return layout(
    'Return shipments',
    html`${message('ok', notice)}
    ${shipments.length === 0 ? html`<p>No defective parts have been reported yet.</p>` : html``}
    ${shipments.map(
      (s) =>
        html`<h2>${s.id === null ? `Not yet shipped — ${s.centerCode}` : `Shipment ${s.id}`}</h2>
          ${
            s.id === null
              ? html``
              : html`<p>
                  Center ${s.centerCode}; created ${when(s.createdAt)}; shipped ${when(s.shippedAt)}
                  ${s.carrier} ${s.tracking}
                </p>`
          }
          <table>
            <tr>
              <th>Part</th>
              <th>Ticket</th>
              <th>Serial</th>
              <th>Recorded</th>
              <th>Received</th>
            </tr>
            ${s.parts.map(
              (p) =>
                html`<tr>
                  <td>${p.partNumber}<br /><small class="muted">${p.id}</small></td>
                  <td>${p.ticketId ?? '—'}</td>
                  <td>${p.serial ?? '—'}</td>
                  <td>${when(p.recordedAt)}</td>
                  <td>
                    ${
                      p.receivedAt === null
                        ? html`<form
                            method="post"
                            action="/admin/returns/parts/${encodeURIComponent(p.id)}/received"
                          >
                            <input name="note" placeholder="note (optional)" />
                            <button>Mark received</button>
                          </form>`
                        : html`${when(p.receivedAt)} ${p.receivedNote}`
                    }
                  </td>
                </tr>`,
            )}
          </table>`,
    )}`,
  );
}

export function policiesPage(
  policies: readonly PolicyView[],
  error: string | null,
  notice: string | null,
  pasted: string,
): string {
  return layout(
    'Warranty policies',
    html`${message('error', error)} ${message('ok', notice)}
      <table>
        <tr>
          <th>Policy</th>
          <th>Version</th>
          <th>Published</th>
        </tr>
        ${policies.map(
          (p) =>
            html`<tr>
              <td>${p.id}</td>
              <td class="num">${p.version}</td>
              <td>${when(p.publishedAt)}</td>
            </tr>`,
        )}
      </table>
      <h2>Publish a new version</h2>
      <form method="post" action="/admin/policies">
        <p>
          Paste the policy file (JSON, as in policies/*.json). It is checked exactly as the counters
          check it; its version must be higher than the one published.
        </p>
        <textarea name="json" required>${pasted}</textarea>
        <p><button>Publish</button></p>
      </form>`,
  );
}

export function catalogPage(
  catalog: CatalogView,
  error: string | null,
  notice: string | null,
  pasted: string,
): string {
  return layout(
    'Parts catalog',
    html`${message('error', error)} ${message('ok', notice)}
      <p>
        ${
          catalog.version === null
            ? 'No catalog published yet.'
            : `Version ${catalog.version}, published ${when(catalog.publishedAt)}, ${catalog.partCount} parts.`
        }
      </p>
      <table>
        <tr>
          <th>Part number</th>
          <th>Brand</th>
          <th>Name</th>
          <th>Returned to the manufacturer</th>
        </tr>
        ${catalog.parts.map(
          (p) =>
            html`<tr>
              <td>${p.partNumber}</td>
              <td>${p.brand}</td>
              <td>${p.name}</td>
              <td>${p.returnable ? 'yes' : 'no'}</td>
            </tr>`,
        )}
      </table>
      <h2>Publish a catalog</h2>
      <form method="post" action="/admin/catalog">
        <p>
          Paste the whole catalog as JSON, in the counters' format (as policies/parts-catalog.json:
          version, editableAtCenter, parts). It is checked exactly as the counters check it, its
          version must be higher than the one published, and it replaces it.
        </p>
        <textarea name="json" required>${pasted}</textarea>
        <p><button>Publish</button></p>
      </form>`,
  );
}

export function messagePage(title: string, text: string): string {
  return layout(title, html`<p class="error">${text}</p>`);
}
