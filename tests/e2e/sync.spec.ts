import { expect, test, type Browser, type Page } from '@playwright/test';
import { readyCounter, screenshot } from './support';

const HQ = process.env.E2E_HQ_URL ?? '';
const ADMIN_TOKEN = process.env.E2E_HQ_ADMIN_TOKEN ?? '';

/** Signs in to HQ's admin pages in a separate browser context (HQ's own cookie). */
async function hqAdmin(browser: Browser): Promise<Page> {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(`${HQ}/admin/login`);
  await admin.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await expect(admin).toHaveURL(`${HQ}/admin`);
  return admin;
}

async function enrollmentCode(admin: Page): Promise<string> {
  await admin.goto(`${HQ}/admin/enroll`);
  await admin.getByLabel('Center code').fill('BLR01');
  await admin.getByLabel('Center name (for a new center)').fill('Koramangala Service Point');
  await admin.getByRole('button', { name: 'Create enrollment code' }).click();
  const code = (await admin.locator('.code').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  return code;
}

/** Takes a watch in; returns what the intake said about HQ's registry. */
async function takeIn(page: Page, serial: string, name: string): Promise<string> {
  await page.goto('/#/intake');
  const next = page.getByRole('button', { name: 'Next walk-in' });
  if (await next.isVisible()) await next.click();
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Serial number').press('Enter');
  const registry = page.getByTestId('registry-line');
  await expect(registry).not.toContainText('Asking');
  const said = (await registry.textContent()) ?? '';
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Phone').fill('+91 98450 22222');
  await page.getByLabel('Invoice date').fill('2025-10-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('authorized_dealer');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill('Heart rate reads zero.');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();
  return said;
}

const status = (page: Page) => page.getByRole('status', { name: 'Sync with HQ' });

test('tickets made offline drain to HQ when the network comes back', async ({
  page,
  context,
  browser,
}) => {
  const admin = await hqAdmin(browser);
  const code = await enrollmentCode(admin);

  await readyCounter(page);
  await page.goto('/#/settings');
  const hq = page.getByRole('form', { name: 'Head office (HQ)' });
  await hq.getByLabel('HQ address').fill(HQ);
  await hq.getByLabel('Enrollment code').fill(code);
  await hq.getByRole('button', { name: 'Enroll with HQ' }).click();
  await expect(hq.getByRole('status')).toContainText('Enrolled with HQ');
  await expect(status(page)).toContainText('0 waiting');
  await expect(status(page)).toContainText('Online');

  // The network goes: the counter goes on, and its work waits.
  await context.setOffline(true);
  expect(await takeIn(page, 'XJ7W2025F00001', 'Rahul Verma')).toContain('HQ could not be reached');
  await takeIn(page, 'XJ7W2025F00002', 'Asha Pillai');
  await expect(status(page)).toContainText('Offline');
  await expect(status(page)).not.toContainText(' 0 waiting');
  await screenshot(page, 'sync-offline');

  // The network is back: the backlog drains on its own.
  await context.setOffline(false);
  await expect(status(page)).toContainText('0 waiting', { timeout: 30_000 });
  await expect(status(page)).toContainText('Online');
  await screenshot(page, 'sync-drained');

  // And HQ has the tickets.
  await admin.goto(`${HQ}/admin`);
  const center = admin.getByRole('row').filter({ hasText: 'BLR01' }).first();
  await expect(center).toContainText('2');
  await admin.screenshot({
    path: new URL('./__output__/screenshots/hq-admin.png', import.meta.url).pathname,
    fullPage: true,
  });
  await admin.context().close();
});

test('intake asks HQ’s registry when it can; without HQ the decision is provisional', async ({
  page,
}) => {
  await readyCounter(page);
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill('XJ7W2025G00001');
  await page.getByLabel('Serial number').press('Enter');
  await expect(page.getByTestId('registry-line')).toContainText('not connected to HQ');
  await page.getByLabel('Activation date').fill('2025-07-01');
  await expect(page.getByRole('region', { name: 'Warranty decision' })).toContainText(
    'Provisional',
  );
});
