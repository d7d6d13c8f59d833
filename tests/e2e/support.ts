import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';

export const SCREENSHOTS = new URL('./__output__/screenshots/', import.meta.url).pathname;

/** Saves a full-page screenshot under tests/e2e/__output__/screenshots/NAME.png, to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

export interface CenterSetup {
  name: string;
  code: string;
  country: string;
  currency: string;
  address?: string;
  phone?: string;
}

export const DEFAULT_CENTER: CenterSetup = {
  name: 'Koramangala Service Point',
  code: 'BLR01',
  country: 'IN',
  currency: 'INR',
  address: '80 Feet Road, Koramangala, Bengaluru 560034',
  phone: '+91 80 4123 4567',
};

/** Sets up the center through the Settings screen, as a new counter would. */
export async function setUpCenter(page: Page, center: CenterSetup = DEFAULT_CENTER): Promise<void> {
  await page.goto('/#/settings');
  await page.getByLabel('Center name').fill(center.name);
  await page.getByLabel('Center code').fill(center.code);
  await page.getByLabel('Address', { exact: true }).fill(center.address ?? '');
  await page.getByLabel('Center phone').fill(center.phone ?? '');
  await page.getByLabel('Country').fill(center.country);
  await page.getByLabel('Currency').fill(center.currency);
  await page.getByRole('button', { name: 'Save center' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
}

/** Adds a technician on the Settings screen. */
export async function addTechnician(page: Page, name: string): Promise<void> {
  await page.goto('/#/settings');
  await page.getByLabel('Technician name').fill(name);
  await page.getByRole('button', { name: 'Add technician' }).click();
  await page.getByRole('listitem').filter({ hasText: name }).waitFor();
}

/** A counter ready for walk-ins: the center set up and one technician. */
export async function readyCounter(page: Page): Promise<void> {
  await setUpCenter(page);
  await addTechnician(page, 'Ravi Kumar');
}

/** The visit date of ../shared/warranty-examples.json's first case, at 10:30 local time. */
export const VISIT_TIME = new Date('2026-02-14T10:30:00');
