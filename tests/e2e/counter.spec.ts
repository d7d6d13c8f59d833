import { expect, test, type Page } from '@playwright/test';
import { readyCounter, screenshot, VISIT_TIME } from './support';

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(VISIT_TIME);
  await readyCounter(page);
});

const decision = (page: Page) => page.getByRole('region', { name: 'Warranty decision' });
const verdict = (page: Page) => decision(page).locator('.verdict-main');

/** Types into the focused field and presses Enter, as a technician (or a scanner) does. */
async function enter(page: Page, text: string): Promise<void> {
  if (text !== '') await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a walk-in by keyboard only: scan, fill, create; the ticket survives a reload', async ({
  page,
}) => {
  await page.goto('/#/intake');
  await expect(page.getByLabel('Serial number')).toBeFocused();

  await enter(page, 'XJ7W2025A00123'); // the scanner types the serial and presses Enter
  await expect(page.getByText('First visit of this watch on this counter.')).toBeVisible();
  await expect(page.getByLabel('Brand')).toBeFocused();
  await enter(page, ''); // XINJI is the default brand
  await enter(page, 'XINJI Watch S1');
  await enter(page, ''); // watch body
  await expect(page.getByLabel('Customer name')).toBeFocused();
  await enter(page, 'Priya Sharma');
  await enter(page, '+91 98450 12345');
  await enter(page, 'INV-2025-0042');
  await expect(page.getByLabel('Invoice date')).toBeFocused();
  await enter(page, '07032025'); // 2025-07-03, typed into the date field
  await page.keyboard.press('Space'); // invoice shown
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Activation date')).toBeFocused();
  await enter(page, '07012025');
  await page.keyboard.type('Au'); // bought from: authorized dealer
  await page.keyboard.press('Enter');
  await enter(page, ''); // country of purchase: IN, the center's
  await page.keyboard.press('Space'); // warranty card shown
  await page.keyboard.press('Enter');
  await page.keyboard.type('I'); // sticker intact
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Complaint')).toBeFocused();
  await page.keyboard.type('Screen stays black after charging overnight.');

  // The decision beside the form, clause by clause.
  await expect(verdict(page)).toHaveText('Covered');
  await expect(decision(page)).toContainText('Free');
  await expect(decision(page).getByTestId('last-covered-day')).toHaveText('2026-07-01');
  await expect(decision(page)).toContainText('xinji.start');
  await expect(decision(page)).toContainText('whichever is earlier');
  await screenshot(page, 'intake');

  await page.keyboard.press('Control+Enter'); // create the ticket
  const created = page.getByRole('heading', { name: /^Ticket BLR01-260214-001 created$/ });
  await expect(created).toBeVisible();
  await expect(created).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Open the ticket' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'BLR01-260214-001' })).toBeVisible();
  await expect(page.getByTestId('ticket-status')).toHaveText('Received');
  await expect(verdict(page)).toHaveText('Covered');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'BLR01-260214-001' })).toBeVisible();
  await expect(page.getByText('Priya Sharma')).toBeVisible();
  await expect(verdict(page)).toHaveText('Covered');
  await screenshot(page, 'ticket');
});

test('ticking liquid damage turns the decision to "Not covered"', async ({ page }) => {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill('XJ7W2025A00124');
  await page.getByLabel('Invoice date').fill('2025-07-03');
  await page.getByLabel('Activation date').fill('2025-07-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await expect(verdict(page)).toHaveText('Covered');

  const liquid = page.getByLabel('Liquid damage (water, moisture, corrosion)');
  await liquid.focus();
  await page.keyboard.press('Space');
  await expect(verdict(page)).toHaveText('Not covered');
  await expect(decision(page)).toContainText('Paid');
  await expect(decision(page)).toContainText('xinji.excl.improper-use');
  await expect(decision(page)).toContainText('Paid repair');
  await page.keyboard.press('Space');
  await expect(verdict(page)).toHaveText('Covered');
});

async function fillValidIntake(page: Page, serial: string, name: string): Promise<void> {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Model').fill('Watch S1');
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Phone').fill('+91 98450 67890');
  await page.getByLabel('Invoice number').fill('INV-77');
  await page.getByLabel('Invoice date').fill('2025-10-01');
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('official_store');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill('Does not charge.');
}

test('works with the browser offline, and the ticket is found by serial search', async ({
  page,
  context,
}) => {
  await page.goto('/#/intake');
  await context.setOffline(true);
  await fillValidIntake(page, 'XJ7W2025B00999', 'Anil Mehta');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('heading', { name: /created$/ })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Tickets' })
    .click();
  await page.getByLabel('Search tickets').fill('xj7w2025b00999'); // as typed, any case
  const list = page.getByRole('table', { name: 'Tickets' });
  await expect(list.getByRole('row').filter({ hasText: 'XJ7W2025B00999' })).toHaveCount(1);
  await expect(page.getByText('1 ticket, by serial number')).toBeVisible();
  await screenshot(page, 'tickets-list');
  await page.getByLabel('Search tickets').press('Enter');
  await expect(page.getByText('Anil Mehta')).toBeVisible();
  await context.setOffline(false);
});

test('bad input is explained beside each field, and nothing is saved', async ({ page }) => {
  await page.goto('/#/intake');
  await page.getByLabel('Serial number').fill('AB-1');
  await page.getByLabel('Customer name').fill('Meera');
  await page.getByLabel('Phone').fill('call me');
  await page.getByLabel('Invoice date').fill('2026-03-01'); // after today's visit
  await page.getByLabel('Activation date').fill('2026-05-01'); // in the future
  await page.getByLabel('Complaint').fill('Strap broke.');
  await page.getByRole('button', { name: 'Create ticket' }).click();

  await expect(page.getByText('Nothing was saved. Fix the fields marked in red')).toBeVisible();
  await expect(page.getByLabel('Serial number')).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText(/"AB-1" \(4 characters\) is not a XINJI serial number/),
  ).toBeVisible();
  await expect(
    page.getByText(/invoice date 2026-03-01 is after today's visit \(2026-02-14\)/i),
  ).toBeVisible();
  await expect(page.getByText(/activation date 2026-05-01 is in the future/i)).toBeVisible();
  await expect(page.getByLabel('Phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Serial number')).toBeFocused(); // the first field to fix
  await screenshot(page, 'intake-errors');

  await page.goto('/#/tickets');
  await expect(page.getByText('No tickets found.')).toBeVisible();
});

test('names in any script are kept as typed, and markup is shown as text', async ({ page }) => {
  const name = '<b>Zoë</b> & <script>alert(1)</script> 王小明 अनिल';
  await fillValidIntake(page, 'XJ7W2025C00001', name);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await page.getByRole('link', { name: 'Open the ticket' }).click();
  const customer = page.locator('dd', { hasText: '王小明' });
  await expect(customer).toContainText(name);
  expect(await page.locator('b', { hasText: 'Zoë' }).count()).toBe(0);
  expect(await page.locator('main script').count()).toBe(0);
});

test('a center can set its own serial format, and intake holds serials to it', async ({ page }) => {
  await page.goto('/#/settings');
  await page.getByLabel('XINJI pattern').fill('XJ[0-9A-Z]{12}');
  await page.getByLabel('XINJI format in words').fill('XJ and 12 letters or digits');
  await page.getByRole('button', { name: 'Save serial formats' }).click();
  await expect(
    page.getByRole('form', { name: 'Serial number formats' }).getByRole('status'),
  ).toHaveText('Saved.');

  await fillValidIntake(page, 'AB12345678', 'Kavya');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByText(/expected XJ and 12 letters or digits/)).toBeVisible();

  // A broken pattern is refused beside its field.
  await page.goto('/#/settings');
  await page.getByLabel('KOSPET pattern').fill('[A-Z');
  await page.getByRole('button', { name: 'Save serial formats' }).click();
  await expect(
    page.getByText(/KOSPET serial pattern is not a valid regular expression/),
  ).toBeVisible();
});

test('a ticket moves through its statuses; a diagnosis decides again and the history keeps both', async ({
  page,
}) => {
  await fillValidIntake(page, 'XJ7W2025D00042', 'Sunita Rao');
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await page.getByRole('link', { name: 'Open the ticket' }).click();
  await expect(verdict(page)).toHaveText('Covered');

  await page.getByLabel('Move to').selectOption('diagnosing');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Diagnosing');

  await page.getByLabel('Liquid damage (water, moisture, corrosion)').check();
  await expect(page.getByText('With these findings: Not covered, paid.')).toBeVisible();
  await page.getByLabel('Diagnosis summary').fill('Corrosion under the battery connector.');
  await page.getByRole('button', { name: 'Record diagnosis' }).click();
  await expect(verdict(page)).toHaveText('Not covered');
  const history = page.getByRole('region', { name: 'Decision history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history).toContainText('at intake');
  await expect(history).toContainText('after diagnosis');

  // Paid work: the customer approves a price.
  await page.getByLabel('Move to').selectOption('awaiting_approval');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByText('Set the quote first: the customer approves a price.')).toBeVisible();
  await page.getByLabel('Amount (INR)').fill('12 ab');
  await page.getByRole('button', { name: 'Set quote' }).click();
  await expect(page.getByLabel('Amount (INR)')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Amount (INR)').fill('1450.00');
  await page.getByRole('button', { name: 'Set quote' }).click();
  await expect(page.getByRole('region', { name: 'History', exact: true })).toContainText(
    'Quote set',
  );
  await page.getByLabel('Move to').selectOption('awaiting_approval');
  await page.getByRole('button', { name: 'Change status' }).click();
  await expect(page.getByTestId('ticket-status')).toHaveText('Awaiting customer approval');

  await page.getByLabel('Note', { exact: true }).fill('Customer will call back after 5 pm.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const timeline = page.getByRole('region', { name: 'History', exact: true });
  await expect(timeline).toContainText('Customer will call back after 5 pm.');
  await expect(timeline).toContainText('Status: Received → Diagnosing');
  await expect(timeline).toContainText('Ravi Kumar');
  await screenshot(page, 'ticket-diagnosed');
});
