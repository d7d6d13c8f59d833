import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readyCounter, screenshot, VISIT_TIME } from './support';

async function createTicket(page: Page, serial: string, name: string): Promise<string> {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Phone').fill('+91 98450 11111');
  await page.getByLabel('Invoice date').fill('2025-10-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('official_store');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill('Battery drains in an hour.');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  const heading = page.getByRole('heading', { name: /created$/ });
  await expect(heading).toBeVisible();
  return (await heading.textContent())?.match(/Ticket (\S+) created/)?.[1] ?? '';
}

async function saveBackup(page: Page): Promise<string> {
  await page.goto('/#/backup');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save backup' }).click();
  const file = await (await download).path();
  await expect(page.getByRole('main').getByRole('status')).toContainText(
    'Backup saved as counter-backup-BLR01-',
  );
  return file;
}

test('a backup restores on another machine, and a restore that would lose unsynced work asks first', async ({
  page,
  browser,
}) => {
  await page.clock.setFixedTime(VISIT_TIME);
  await readyCounter(page);
  const number = await createTicket(page, 'XJ7W2025E00001', 'Deepa Nair');
  const backup = await saveBackup(page);
  expect(JSON.parse(readFileSync(backup, 'utf8'))).toMatchObject({
    format: 'counter-backup',
    counts: { tickets: 1 },
  });
  await screenshot(page, 'backup');

  // Another machine: a fresh browser profile with nothing in it.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto('/#/backup');
  await second.getByLabel('Backup file').setInputFiles(backup);
  const preview = second.getByRole('region', { name: 'The backup' });
  await expect(preview).toContainText('BLR01');
  const reloaded = second.waitForEvent('load');
  await second.getByRole('button', { name: 'Restore this backup' }).click();
  await reloaded; // the app starts afresh on the restored database
  await expect(second.getByTestId('center-name')).toHaveText('Koramangala Service Point');
  await second.goto('/#/tickets');
  await expect(second.getByRole('table', { name: 'Tickets' })).toContainText(number);
  await other.close();

  // Back on the first counter: new work after the backup has not reached HQ yet.
  await createTicket(page, 'XJ7W2025E00002', 'Kiran Das');
  await page.goto('/#/backup');
  await page.getByLabel('Backup file').setInputFiles(backup);
  await expect(page.getByRole('alert')).toContainText(
    '1 entry made on this counter has not reached HQ yet and is not in this backup.',
  );
  const restore = page.getByRole('button', { name: 'Restore this backup' });
  await expect(restore).toBeDisabled();
  await screenshot(page, 'restore-confirm');
  await page.getByLabel('I understand: restore anyway and drop those entries').check();
  const restarted = page.waitForEvent('load');
  await restore.click();
  await restarted;
  await page.goto('/#/tickets');
  await expect(page.getByRole('table', { name: 'Tickets' })).toContainText(number);
  await expect(page.getByRole('table', { name: 'Tickets' })).not.toContainText('Kiran Das');
});

test('a file that is not a backup is refused beside the field, and nothing changes', async ({
  page,
}) => {
  await page.goto('/#/backup');
  await page.getByLabel('Backup file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":"world"}'),
  });
  await expect(page.getByLabel('Backup file')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This file is not a Counter backup.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore this backup' })).toHaveCount(0);
});
