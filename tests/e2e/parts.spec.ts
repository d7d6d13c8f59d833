/*
 * The parts ledger at the counter (issue 5), end to end: stock received on the Parts screen, a
 * part fitted on a ticket (on-hand goes down by one), the defective part taken out recorded,
 * packed into a return shipment, and its manifest printed. The web build cannot save a PDF by
 * itself, so the manifest the app sends to the printer is caught as it is handed to the print
 * frame, printed to PDF by Chromium (page.pdf) and read back with poppler's pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { readyCounter, screenshot, VISIT_TIME } from './support';

const OUT = new URL('./__output__/parts/', import.meta.url).pathname;

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(VISIT_TIME);
  // Keeps every document handed to the web host's print frame, for the PDF check below.
  await page.addInitScript(() => {
    const w = window as unknown as { __printed?: string[] };
    const desc = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'srcdoc');
    if (desc === undefined) return;
    Object.defineProperty(HTMLIFrameElement.prototype, 'srcdoc', {
      configurable: true,
      get(this: HTMLIFrameElement): unknown {
        return desc.get?.call(this);
      },
      set(this: HTMLIFrameElement, value: string) {
        (w.__printed ??= []).push(value);
        desc.set?.call(this, value);
      },
    });
  });
  await readyCounter(page);
});

/** A covered XINJI Cobee C5 ticket taken in through the intake screen; answers its number. */
async function takeIn(page: Page, serial: string): Promise<string> {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Model').fill('XINJI Cobee C5');
  await page.getByLabel('Customer name').fill('Lakshmi Iyer');
  await page.getByLabel('Phone').fill('+91 98450 67890');
  await page.getByLabel('Invoice number').fill('INV-5501');
  await page.getByLabel('Invoice date').fill('2025-10-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('official_store');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill('Display cracked, no image.');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  const created = page.getByRole('heading', { name: /^Ticket .* created$/ });
  await expect(created).toBeVisible();
  const number = /^Ticket (\S+) created$/.exec((await created.textContent()) ?? '')?.[1] ?? '';
  expect(number).not.toBe('');
  return number;
}

async function receive(page: Page, ref: string, part: string, quantity: number): Promise<void> {
  await page.goto('/#/parts');
  const form = page.getByRole('form', { name: 'Receive stock' });
  await form.getByLabel('Delivery reference').fill(ref);
  await form.getByRole('combobox', { name: 'Part', exact: true }).selectOption(part);
  await form.getByLabel('Quantity').fill(String(quantity));
  await form.getByRole('button', { name: 'Receive' }).click();
  await expect(form.getByRole('status')).toContainText(`Received ${quantity} × ${part}`);
}

const onHand = (page: Page, part: string) => page.getByTestId(`on-hand-${part}`);

test('stock received, a part fitted and its defective part returned to HQ with a manifest', async ({
  page,
}) => {
  const ticketNumber = await takeIn(page, 'XJ7W2025P00501');
  const ticketUrl = await page.getByRole('link', { name: 'Open the ticket' }).getAttribute('href');

  await receive(page, 'DN-2026-0211', 'XJ-C5-LCD', 2);
  await expect(onHand(page, 'XJ-C5-LCD')).toHaveText('2');
  await screenshot(page, 'parts');

  // Fit one display on the ticket: covered, as the decision says.
  await page.goto(`/${ticketUrl ?? ''}`);
  const panel = page.getByRole('region', { name: 'Parts', exact: true });
  await panel.getByRole('combobox', { name: 'Part', exact: true }).selectOption('XJ-C5-LCD');
  await panel.getByLabel('Quantity').fill('1');
  await panel.getByLabel('New part serial').fill('LCD5N0001');
  await panel.getByRole('button', { name: 'Fit part' }).click();
  const lines = panel.getByRole('table', { name: 'Parts on this ticket' });
  await expect(lines.getByRole('row').filter({ hasText: 'LCD5N0001' })).toContainText('Covered');
  await expect(panel.getByTestId('parts-charged')).toContainText('0');

  // The cracked display that came out: held for HQ.
  await panel
    .getByRole('combobox', { name: 'Removed part', exact: true })
    .selectOption('XJ-C5-LCD');
  await panel.getByLabel('Removed part serial').fill('LCD5D0666');
  await panel.getByLabel('Fault found').fill('Cracked glass, no image');
  await panel.getByRole('button', { name: 'Record removed part' }).click();
  await expect(
    panel.getByRole('status').filter({ hasText: 'keep it for the next return to HQ' }),
  ).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Parts taken out' })).toContainText('Held here');
  await screenshot(page, 'ticket-parts');

  await page.goto('/#/parts');
  await expect(onHand(page, 'XJ-C5-LCD')).toHaveText('1');

  // The usage report counts the fitted display as covered, and saves as CSV.
  const usage = page.getByRole('region', { name: 'Parts used' });
  await expect(usage.getByRole('table', { name: 'Per part' })).toContainText('XJ-C5-LCD');
  await expect(usage).toContainText('Parts used: 1. Covered ₹2,450.00, charged ₹0.00.');
  const download = page.waitForEvent('download');
  await usage.getByRole('button', { name: 'Download CSV' }).click();
  const csvPath = await (await download).path();
  expect(readFileSync(csvPath, 'utf8')).toContain('XINJI Cobee C5');

  // Pack it for HQ.
  await page.goto('/#/returns');
  await page.getByLabel('Pack XJ-C5-LCD LCD5D0666').check();
  await page.getByLabel('Carrier').fill('Blue Dart');
  await page.getByLabel('Tracking number').fill('BD70112233IN');
  await page.getByRole('button', { name: 'Pack shipment' }).click();
  await expect(page.getByText('1 part packed for Blue Dart BD70112233IN')).toBeVisible();
  await expect(page.getByText('No defective parts are waiting to be returned.')).toBeVisible();
  const shipment = page.getByRole('table', { name: 'Shipments' }).getByRole('row', {
    name: /BD70112233IN/,
  });
  await expect(shipment).toContainText('On its way');
  await screenshot(page, 'returns');

  // Print the manifest: the document handed to the printer, printed to PDF.
  await shipment.getByRole('button', { name: 'Print manifest' }).click();
  await expect(shipment.getByRole('status')).toBeVisible();
  const html = await page.evaluate(() => {
    const printed = (window as unknown as { __printed?: string[] }).__printed ?? [];
    return printed.at(-1) ?? '';
  });
  expect(html).toContain('data-document="returnManifest"');
  mkdirSync(OUT, { recursive: true });
  const pdfPage = await page.context().newPage();
  await pdfPage.setContent(html, { waitUntil: 'load' });
  const pdf = `${OUT}manifest.pdf`;
  writeFileSync(pdf, await pdfPage.pdf({ format: 'A4', printBackground: true }));
  await pdfPage.close();
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Return manifest');
  expect(text).toContain('LCD5D0666');
  expect(text).toContain('BD70112233IN');
  expect(text).toContain('Blue Dart');
  expect(text).toContain(ticketNumber);
  expect(text).toContain('XJ-C5-LCD');

  // Saving a PDF needs the desktop app; the browser says what to do instead.
  await shipment.getByRole('button', { name: 'Save manifest PDF' }).click();
  await expect(shipment.getByRole('alert')).toContainText('A browser cannot save a PDF by itself');
});

test('fitting more than is in stock is explained beside the quantity and writes nothing; removing a line and a count correct the ledger', async ({
  page,
}) => {
  await takeIn(page, 'XJ7W2025P00502');
  const ticketUrl = await page.getByRole('link', { name: 'Open the ticket' }).getAttribute('href');
  await receive(page, 'DN-2026-0212', 'XJ-C5-BCV', 1);
  await expect(onHand(page, 'XJ-C5-BCV')).toHaveText('1');

  await page.goto(`/${ticketUrl ?? ''}`);
  const panel = page.getByRole('region', { name: 'Parts', exact: true });
  await panel.getByRole('combobox', { name: 'Part', exact: true }).selectOption('XJ-C5-BCV');
  await panel.getByLabel('Quantity').fill('3');
  await panel.getByRole('button', { name: 'Fit part' }).click();
  await expect(panel.getByLabel('Quantity')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText(/Only 1 of .*XJ-C5-BCV.* is in stock/)).toBeVisible();
  await expect(panel.getByText('Nothing was saved.', { exact: false })).toBeVisible();
  await expect(panel.getByText('No parts fitted yet.')).toBeVisible();
  await screenshot(page, 'ticket-parts-over-stock');

  await page.goto('/#/parts');
  await expect(onHand(page, 'XJ-C5-BCV')).toHaveText('1');

  // Fitted, then taken off again: the part goes back on the shelf.
  await page.goto(`/${ticketUrl ?? ''}`);
  await panel.getByRole('combobox', { name: 'Part', exact: true }).selectOption('XJ-C5-BCV');
  await panel.getByLabel('Quantity').fill('1');
  await panel.getByRole('button', { name: 'Fit part' }).click();
  const lines = panel.getByRole('table', { name: 'Parts on this ticket' });
  await expect(lines.getByRole('row').filter({ hasText: 'XJ-C5-BCV' })).toContainText('Covered');
  await lines.getByRole('button', { name: 'Remove' }).click();
  await panel.getByLabel('Reason for removing').fill('Wrong colour');
  await panel.getByRole('button', { name: 'Remove line' }).click();
  await expect(lines).toContainText('Removed on 2026-02-14: Wrong colour');

  // A stock count finds the shelf empty: the ledger is adjusted to it.
  await page.goto('/#/parts');
  await expect(onHand(page, 'XJ-C5-BCV')).toHaveText('1');
  const count = page.getByRole('form', { name: 'Stock count' });
  await count.getByLabel('Counted XJ-C5-BCV').fill('0');
  await count.getByLabel('Reason for the count').fill('Monthly count');
  await count.getByRole('button', { name: 'Record count' }).click();
  await expect(count.getByRole('status')).toContainText('1 part counted; 1 adjusted');
  await expect(onHand(page, 'XJ-C5-BCV')).toHaveText('0');
});
