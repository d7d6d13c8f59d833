import { expect, test } from '@playwright/test';
import { DEFAULT_CENTER, screenshot, setUpCenter } from './support';

test('a new counter opens on the home screen and asks to be set up', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Welcome to your service center',
  );
  await expect(page.getByText('This counter is not set up yet')).toBeVisible();
  await screenshot(page, 'home-new-counter');
});

test('the home screen shows the center’s name once it is set up', async ({ page }) => {
  await page.goto('/#/settings');
  // A bad code is refused beside its field, and nothing is saved.
  await page.getByLabel('Center name').fill(DEFAULT_CENTER.name);
  await page.getByLabel('Center code').fill('B');
  await page.getByLabel('Country').fill('IN');
  await page.getByLabel('Currency').fill('INR');
  await page.getByRole('button', { name: 'Save center' }).click();
  const code = page.getByLabel('Center code');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter the center code from HQ')).toBeVisible();
  await screenshot(page, 'settings-bad-code');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Welcome to your service center',
  );

  await setUpCenter(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Welcome to ${DEFAULT_CENTER.name}`,
  );
  await expect(page.getByTestId('center-name')).toHaveText(DEFAULT_CENTER.name);

  // It is stored, not held in memory: a reload shows it again.
  await page.reload();
  await expect(page.getByTestId('center-name')).toHaveText(DEFAULT_CENTER.name);
  await screenshot(page, 'home');
});

test('the web build runs with the web host (no Electron bridge)', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => 'counter' in window)).toBe(false);
});
