import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readyCounter, screenshot, VISIT_TIME } from './support';

/*
 * Issue 8: the brand's support steps at the counter. A pairing complaint is resolved there (no
 * repair, a summary for the customer); another continues to a repair ticket that lists the steps
 * tried, in its history and on its job sheet.
 */

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(VISIT_TIME);
  await readyCounter(page);
});

/** KOSPET's answer to "Why can’t I pair the watch/band with my phone?", step by step. */
const STEPS = [
  'First and foremost, please ensure that you follow the instructions of the user manual.',
  'Remove all Bluetooth devices on your phone, restart your phone and the watch/band before pairing them again.',
  'Reset the watch/band. Then delete and reinstall the compatible App.',
  'Switch to another mobile device to pair it with the watch/band again.',
] as const;
const PAIRING = 'Watch will not pair with the phone';

const panel = (page: Page) => page.getByRole('region', { name: 'Troubleshooting' });
const step = (page: Page, n: number) => panel(page).getByRole('group', { name: `Step ${n}` });

/** A KOSPET walk-in with a valid intake form and the complaint typed. */
async function kospetWalkIn(page: Page, serial: string, name: string): Promise<void> {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Brand').selectOption('kospet');
  await page.getByLabel('Model').fill('KOSPET Tank T2');
  await page.getByLabel('Customer name').fill(name);
  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('+91 98450 67890');
  await page.getByLabel('Invoice number').fill('INV-77');
  await page.getByLabel('Invoice date').fill('2025-10-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('official_store');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill("watch won't connect to my phone");
}

/** Chooses the first suggestion, which must be the pairing symptom. */
async function choosePairing(page: Page): Promise<void> {
  const suggestions = panel(page).getByRole('group', { name: 'Matching symptoms' });
  const first = suggestions.getByRole('button').first();
  await expect(first).toHaveText(PAIRING);
  await first.click();
  await expect(panel(page).getByRole('heading', { name: PAIRING })).toBeVisible();
  for (const [i, text] of STEPS.entries()) {
    await expect(step(page, i + 1)).toContainText(text);
  }
}

/** The ticket's id, from the "Open the ticket" link of the created panel. */
async function createdTicketId(page: Page): Promise<string> {
  const href =
    (await page.getByRole('link', { name: 'Open the ticket' }).getAttribute('href')) ?? '';
  const id = /tickets\/([0-9a-f-]{36})/.exec(href)?.[1] ?? '';
  expect(id).not.toBe('');
  return id;
}

test('a pairing complaint resolved at the counter: no fault found, with a summary for the customer', async ({
  page,
}) => {
  await kospetWalkIn(page, 'KSP2025PAIR0001', 'Asha Verma');
  // Instant, offline: the brand's symptoms as the complaint is typed.
  await choosePairing(page);

  await step(page, 1).getByLabel('Tried').check();
  await step(page, 1).getByLabel('Result').selectOption({ label: 'No change' });
  await step(page, 2).getByLabel('Tried').check();
  await step(page, 2).getByLabel('Result').selectOption({ label: 'Helped' });
  await panel(page)
    .getByLabel('Advice given to the customer')
    .fill('Remove the watch from the old phone’s Bluetooth list before pairing a new phone.');
  await screenshot(page, 'troubleshooting-checklist');

  // Back and forth keeps nothing stale: another symptom, then pairing again.
  await panel(page).getByRole('button', { name: 'Choose another symptom' }).click();
  await expect(panel(page).getByRole('group', { name: 'Matching symptoms' })).toBeVisible();
  await choosePairing(page);
  await expect(step(page, 1).getByLabel('Tried')).not.toBeChecked();
  await step(page, 2).getByLabel('Result').selectOption({ label: 'Helped' }); // ticks "Tried" too
  await expect(step(page, 2).getByLabel('Tried')).toBeChecked();
  await panel(page)
    .getByLabel('Advice given to the customer')
    .fill('Remove the watch from the old phone’s Bluetooth list before pairing a new phone.');

  await page.getByRole('button', { name: 'Resolved at the counter' }).click();
  await expect(
    page.getByRole('heading', { name: /^Ticket BLR01-260214-001 created$/ }),
  ).toBeVisible();
  const summary = page.getByRole('region', { name: 'Summary for the customer' });
  await expect(summary).toContainText(PAIRING);
  await expect(summary).toContainText(STEPS[1]);
  await expect(summary).not.toContainText(STEPS[0]);
  await expect(summary).toContainText('before pairing a new phone');
  await expect(summary).toContainText('No repair was needed. Ticket BLR01-260214-001');
  await expect(summary.getByRole('button', { name: 'Print summary' })).toBeVisible();
  await screenshot(page, 'troubleshooting-resolved');

  await page.getByRole('link', { name: 'Open the ticket' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('No fault found / advice given');
  const history = page.getByRole('region', { name: 'History', exact: true });
  await expect(history).toContainText(PAIRING);
  await expect(history).toContainText(STEPS[1]);
});

test('a pairing complaint that continues to a repair lists the steps tried, on the ticket and the job sheet', async ({
  page,
}) => {
  await kospetWalkIn(page, 'KSP2025PAIR0002', 'Vikram Iyer');
  await choosePairing(page);
  await step(page, 1).getByLabel('Tried').check();
  await step(page, 1).getByLabel('Result').selectOption({ label: 'No change' });
  await step(page, 2).getByLabel('Tried').check();
  await step(page, 2).getByLabel('Result').selectOption({ label: 'No change' });
  await step(page, 3).getByLabel('Result').selectOption({ label: 'No change' });

  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary for the customer' })).toHaveCount(0);
  const id = await createdTicketId(page);

  await page.getByRole('link', { name: 'Open the ticket' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Received');
  const history = page.getByRole('region', { name: 'History', exact: true });
  await expect(history).toContainText(PAIRING);
  for (const text of STEPS.slice(0, 3)) await expect(history).toContainText(text);
  await screenshot(page, 'troubleshooting-ticket');

  // The job sheet that stays with the watch: what was tried, so the workshop does not repeat it.
  await page.goto('about:blank');
  await page.goto(`/#/print/jobSheet/${id}?size=A4`);
  await expect(page.locator('html[data-document="jobSheet"]')).toBeAttached();
  const sheet = page.locator('section.tried');
  await expect(sheet).toContainText('Tried at the counter');
  await expect(sheet).toContainText(`${PAIRING} (Continued to repair)`);
  for (const text of STEPS.slice(0, 3)) await expect(sheet).toContainText(`${text} — No change`);
  await expect(sheet).toContainText(`${STEPS[3]} — Not tried`);
});

test('the report counts walk-ins resolved without a repair, per brand and per symptom, as CSV too', async ({
  page,
}) => {
  // One resolved at the counter, one continued to a repair, one ordinary ticket.
  await kospetWalkIn(page, 'KSP2025PAIR0003', 'Asha Verma');
  await choosePairing(page);
  await step(page, 1).getByLabel('Result').selectOption({ label: 'Helped' });
  await page.getByRole('button', { name: 'Resolved at the counter' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Next walk-in' }).click();
  await kospetWalkIn(page, 'KSP2025PAIR0004', 'Vikram Iyer');
  await choosePairing(page);
  await step(page, 1).getByLabel('Result').selectOption({ label: 'No change' });
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Next walk-in' }).click();
  await kospetWalkIn(page, 'KSP2025PAIR0005', 'Nila Das');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();

  await page.goto('/#/reports');
  await expect(page.getByLabel('From')).toHaveValue('2026-02-01');
  await expect(page.getByLabel('To')).toHaveValue('2026-02-14');
  const byBrand = page.getByRole('table', { name: 'Per brand' });
  await expect(byBrand.getByRole('row', { name: /^KOSPET/ }).getByRole('cell')).toHaveText([
    '3',
    '1',
    '1',
  ]);
  const bySymptom = page.getByRole('table', { name: 'Per symptom' });
  await expect(
    bySymptom.getByRole('row', { name: new RegExp(PAIRING) }).getByRole('cell'),
  ).toHaveText(['KOSPET', '1', '1']);
  await screenshot(page, 'troubleshooting-report');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('troubleshooting 2026-02-01 to 2026-02-14.csv');
  expect(readFileSync(await file.path(), 'utf8')).toBe(
    'From,To,Brand,Symptom ID,Symptom,Resolved at the counter,Continued to repair,Walk-ins\r\n' +
      `2026-02-01,2026-02-14,KOSPET,pairing,${PAIRING},1,1,\r\n` +
      '2026-02-01,2026-02-14,KOSPET,,All symptoms,1,1,3\r\n' +
      '2026-02-01,2026-02-14,All brands,,All symptoms,1,1,3\r\n',
  );

  // A range the wrong way round is explained beside its field.
  await page.getByLabel('From').fill('2026-02-20');
  await expect(
    page.getByText('The last day is before the first (2026-02-20): swap them.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
});
