import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { setUpCenter } from './support';

/*
 * Receipts for a ticket taken in through the intake screen: each document at 80 mm and A4,
 * printed to PDF from the print route (#/print/:kind/:ticketId?size=…), read back with poppler
 * (pdftotext for the words, pdffonts for the embedded fonts) and turned into PNGs under
 * tests/e2e/__output__/receipts/ to look at.
 */

const OUT = new URL('./__output__/receipts/', import.meta.url).pathname;
const KINDS = ['intake', 'jobSheet', 'completion'] as const;
const SIZES = ['80mm', 'A4'] as const;
const TECHNICIAN = 'Arjun';

interface Ticket {
  readonly id: string;
  readonly number: string;
}

/**
 * A full load of the app at `hash`. The print route replaces the page with the document, so a
 * hash change alone would leave that document on screen: start from a blank page each time.
 */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/${hash}`);
}

/** The center and one technician, through Settings, as a new counter is set up. */
async function setUpCounter(page: Page): Promise<void> {
  await setUpCenter(page);
  await page.getByLabel('Technician name').fill(TECHNICIAN);
  await page.getByRole('button', { name: 'Add technician' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: TECHNICIAN })).toBeVisible();
}

/** An invoice date about a month ago on the 10th, so the last covered day needs no month-end rule. */
function invoiceDate(): { iso: string; lastCovered: { y: number; m: number; d: number } } {
  const now = new Date();
  const back = now.getDate() >= 11 ? 1 : 2;
  const d = new Date(now.getFullYear(), now.getMonth() - back, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    iso: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-10`,
    lastCovered: { y: d.getFullYear() + 1, m: d.getMonth() + 1, d: 10 },
  };
}

/** Takes a XINJI watch in through the intake screen; answers the new ticket's id and number. */
async function takeIn(
  page: Page,
  customerName: string,
  serial: string,
  sign = false,
): Promise<Ticket> {
  await open(page, '#/intake');
  await page.getByLabel('Serial number').fill(serial);
  await page.getByLabel('Brand').selectOption('xinji');
  await page.getByLabel('Model').fill('XINJI Cobee C5');
  await page.getByLabel('Customer name').fill(customerName);
  // The label reads "Phone *" (the star is aria-hidden): match the accessible name.
  await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('+91 98765 43210');
  await page.getByLabel('Invoice number').fill('INV-7781');
  await page.getByLabel('Invoice date').fill(invoiceDate().iso);
  await page.getByLabel('Invoice shown (proof of purchase)').check();
  await page.getByLabel('Bought from').selectOption('authorized_dealer');
  await page.getByLabel('Warranty sticker').selectOption('intact');
  await page.getByLabel('Complaint').fill('Screen stays black after charging overnight.');
  if (sign) {
    // A stroke on the signature pad, as a customer signs with a finger.
    const pad = page.getByRole('img', { name: 'Customer’s signature' });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (box === null) throw new Error('the signature pad is not on screen');
    await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        box.x + 30 + i * 20,
        box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2)),
      );
    }
    await page.mouse.up();
  }
  await page.getByRole('button', { name: 'Create ticket' }).click();

  const heading = page.getByRole('heading', { name: /^Ticket .+ created$/ });
  await expect(heading).toBeVisible();
  const number = /^Ticket (.+) created$/.exec((await heading.textContent()) ?? '')?.[1] ?? '';
  const href =
    (await page.getByRole('link', { name: 'Open the ticket' }).getAttribute('href')) ?? '';
  const id = /tickets\/([0-9a-f-]{36})/.exec(href)?.[1] ?? '';
  expect(number).toMatch(/^BLR01-\d{6}-\d{3,}$/);
  expect(id).not.toBe('');
  return { id, number };
}

/** Opens the print route and prints the page to PDF, as a browser's "Save as PDF" would. */
async function printToPdf(
  page: Page,
  ticket: Ticket,
  kind: (typeof KINDS)[number],
  size: (typeof SIZES)[number],
  name: string,
): Promise<{ pdf: string; text: string; fonts: string; pages: number }> {
  await open(page, `#/print/${kind}/${ticket.id}?size=${size}`);
  await expect(
    page.locator(`html[data-document="${kind}"][data-size="${size}"]`),
    'the print route renders the document (PrintDocumentPage registered in renderer/app/App.tsx)',
  ).toBeAttached();
  // The document carries no scripts: typed markup stayed text.
  expect(await page.locator('script').count()).toBe(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));

  mkdirSync(OUT, { recursive: true });
  const pdf = `${OUT}${name}.pdf`;
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '110', pdf, `${OUT}${name}`]);
  return { pdf, text, fonts, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0) };
}

/** The last covered day as the documents print it (the browser's own Intl, as the app's). */
async function lastCoveredDayText(page: Page): Promise<string> {
  const { y, m, d } = invoiceDate().lastCovered;
  return page.evaluate(
    ([yy, mm, dd]) =>
      new Intl.DateTimeFormat('en-IN', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(Date.UTC(yy, mm - 1, dd)),
    [y, m, d] as const,
  );
}

const squeeze = (s: string): string => s.replace(/\s+/g, '');

// Six prints per test, each a fresh load of the app and a PDF: more than the default minute.
test.describe.configure({ timeout: 180_000 });

test('every document of a ticket taken in at the counter prints at 80 mm and A4', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await setUpCounter(page);
  const evil = '<script>alert(1)</script>';
  const ticket = await takeIn(page, evil, 'XJ20240001ABCD', true);
  const lastDay = await lastCoveredDayText(page);

  for (const kind of KINDS) {
    for (const size of SIZES) {
      const { pdf, text, fonts, pages } = await printToPdf(
        page,
        ticket,
        kind,
        size,
        `${kind}-${size}`,
      );
      // The signature drawn at intake is on the intake receipt, and only there.
      const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
      expect(images, `${kind} ${size}: signature image`).toBe(kind === 'intake' ? 1 : 0);
      expect(text, `${kind} ${size}: ticket number`).toContain(ticket.number);
      expect(text, `${kind} ${size}: serial`).toContain('XJ20240001ABCD');
      // Case-blind: the decision box sets its verdict in capitals.
      expect(text, `${kind} ${size}: decision`).toMatch(/\bcovered\b/i);
      expect(text, `${kind} ${size}: decision`).not.toMatch(/not covered/i);
      expect(text, `${kind} ${size}: last covered day`).toContain(lastDay);
      expect(text, `${kind} ${size}: the name typed as markup prints literally`).toContain(evil);
      expect(text, `${kind} ${size}: XINJI's intake terms`).toContain(
        'xinji.bring-box-and-invoice',
      );
      expect(fonts, `${kind} ${size}: inlined Noto Sans`).toContain('NotoSans-Regular');
      // A roll receipt is one page as long as its content.
      if (size === '80mm') expect(pages, `${kind} 80mm: one length of roll`).toBe(1);
    }
  }
  expect(dialogs).toEqual([]);
});

test('a Hindi and a Chinese name print as those characters, in the inlined fonts', async ({
  page,
}) => {
  await setUpCounter(page);
  const names = [
    { name: 'अनिल कुमार', serial: 'XJ20240002HIND', font: 'NotoSansDevanagari', file: 'hindi' },
    { name: '王小明', serial: 'XJ20240003ZHCN', font: 'NotoSansSC', file: 'chinese' },
  ];
  for (const n of names) {
    const ticket = await takeIn(page, n.name, n.serial);
    for (const size of SIZES) {
      const { text, fonts } = await printToPdf(
        page,
        ticket,
        'intake',
        size,
        `${n.file}-intake-${size}`,
      );
      // pdftotext may split a Devanagari cluster with a space; the characters are what count.
      expect(squeeze(text), `${n.file} ${size}`).toContain(squeeze(n.name));
      expect(text).toContain(n.serial);
      // Drawn from the inlined Noto subset: this machine has no Devanagari or CJK font of its own,
      // so anything else would be empty boxes.
      expect(fonts, `${n.file} ${size}: embedded font`).toContain(n.font);
    }
  }
});
