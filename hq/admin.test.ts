import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPolicyFiles } from '../policies';
import { readChanges } from './changes';
import { escapeHtml, html } from './admin/html';
import { partsCatalog } from './testing/fixtures';
import { pgliteInMemory, startTestHq, TEST_ADMIN_TOKEN, type TestHq } from './testing/harness';

/* The admin pages, through fastify's inject: sign-in, escaping, and each form's effect. */

let hq: TestHq;
let cookie = '';

beforeAll(async () => {
  hq = await startTestHq(pgliteInMemory);
  const res = await hq.app.inject({
    method: 'POST',
    url: '/admin/login',
    payload: `token=${encodeURIComponent(TEST_ADMIN_TOKEN)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode).toBe(303);
  const set = String(res.headers['set-cookie']);
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  cookie = set.split(';')[0] ?? '';
});
afterAll(async () => {
  await hq.close();
});

const get = (url: string) => hq.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  hq.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(form).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

describe('signing in', () => {
  it('sends a stranger to the login page, and refuses a wrong token', async () => {
    const page = await hq.app.inject({ method: 'GET', url: '/admin/returns' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login');
    const wrong = await hq.app.inject({
      method: 'POST',
      url: '/admin/login',
      payload: 'token=guess',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That is not the admin token.');
    const post = await hq.app.inject({
      method: 'POST',
      url: '/admin/enroll',
      payload: 'center=ZZ01&name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(401);
  });

  it('refuses a form posted from another site', async () => {
    const res = await post(
      '/admin/enroll',
      { center: 'ZZ02', name: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('the pages', () => {
  it('escape every value, and show counters with their sync state', async () => {
    const res = await post('/admin/enroll', {
      center: 'ADM01',
      name: '<img src=x onerror=alert(1)>',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const code = /class="code">([^<]+)</.exec(res.body)?.[1];
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(res.body).not.toContain('<img src=x');
    await hq.enroll('ADM01', '"><script>x()</script>');
    const dash = await get('/admin');
    expect(dash.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dash.body).toContain('&quot;&gt;&lt;script&gt;x()&lt;/script&gt;');
    expect(dash.body).not.toContain('<script>x()');
    expect(dash.body).toContain('Last applied id');
  });

  it('revoke a counter', async () => {
    const e = await hq.enroll('ADM02');
    const res = await post(`/admin/devices/${e.deviceId}/revoke`, {});
    expect(res.body).toContain('is revoked');
    const pull = await fetch(`${hq.url}/v1/sync/pull?after=0`, {
      headers: { authorization: `Bearer ${e.token}` },
    });
    expect(pull.status).toBe(401);
  });

  it('publish a policy only when parsePolicy accepts it, saying what is wrong otherwise', async () => {
    const xinji = bundledPolicyFiles.find((f) => f.file.includes('xinji'));
    if (xinji === undefined) throw new Error('no xinji');
    const doc = xinji.json as Record<string, unknown> & { version: number };
    const broken = await post('/admin/policies', { json: JSON.stringify({ ...doc, coverage: 1 }) });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('coverage');
    expect(broken.body).toContain('the pasted policy: coverage');
    const notJson = await post('/admin/policies', { json: '{oops' });
    expect(notJson.body).toContain('This is not JSON');
    const ok = await post('/admin/policies', {
      json: JSON.stringify({ ...doc, version: doc.version + 1 }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain(`Published xinji version ${doc.version + 1}`);
    const changes = await readChanges(hq.db, 'ADM01', 0, 100);
    expect(changes.changes.filter((c) => c.kind === 'policy')).toHaveLength(1);
  });

  it('publish a parts catalog', async () => {
    const wrong = partsCatalog(1) as { parts: Record<string, unknown>[] };
    const bad = await post('/admin/catalog', {
      json: JSON.stringify({ ...wrong, parts: [{ ...wrong.parts[0], partNumber: 'x' }] }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('the pasted catalog: parts[0].partNumber');
    const ok = await post('/admin/catalog', {
      json: JSON.stringify(partsCatalog(3, 'Display <LCD>')),
    });
    expect(ok.body).toContain('Published catalog version 3');
    expect(ok.body).toContain('Display &lt;LCD&gt;');
    const older = await post('/admin/catalog', { json: JSON.stringify(partsCatalog(2)) });
    expect(older.body).toContain('already at version 3');
  });

  it('mark a returned part received, which tells its center', async () => {
    await hq.issueCode('ADM03');
    await hq.db.query(
      `INSERT INTO return_shipments (id, center_code, created_at, carrier, tracking)
       VALUES ('ship-1', 'ADM03', 1, 'BlueDart', 'BD123')`,
    );
    await hq.db.query(
      `INSERT INTO defective_parts (id, center_code, part_number, shipment_id, recorded_at)
       VALUES ('part-1', 'ADM03', 'XJ-C5-LCD', 'ship-1', 1)`,
    );
    const list = await get('/admin/returns');
    expect(list.body).toContain('Shipment ship-1');
    expect(list.body).toContain('Mark received');
    const done = await post('/admin/returns/parts/part-1/received', {
      note: 'cracked as reported',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('cracked as reported');
    const again = await post('/admin/returns/parts/part-1/received', { note: '' });
    expect(again.statusCode).toBe(400);
    const changes = await readChanges(hq.db, 'ADM03', 0, 100);
    expect(changes.changes.filter((c) => c.kind === 'partReturnReceipt')).toEqual([
      expect.objectContaining({
        partId: 'part-1',
        shipmentId: 'ship-1',
        note: 'cracked as reported',
      }),
    ]);
  });
});

describe('html', () => {
  it('escapes what it interpolates, and nothing it built itself', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', html`<br />`]}${null}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b>&lt;<br /></p>',
    );
  });
});
