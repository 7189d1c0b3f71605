// The shell: language switch (every visible string from the dictionary), theme following the OS.
import { expect, shot, test } from './webapi-fixture.js';

test('switches to Chinese and back', async ({ page, webapi }) => {
  await page.goto(webapi.url);
  await expect(page.getByTestId('add-host')).toHaveText('Add host');
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-zh-CN').click();
  await expect(page.getByTestId('add-host')).toHaveText('添加主机');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await shot(page, 'zh-CN');
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
  await expect(page.getByTestId('add-host')).toHaveText('Add host');
});

test('follows the OS colour scheme', async ({ browser, webapi }) => {
  const ctx = await browser.newContext({ colorScheme: 'dark' });
  const page = await ctx.newPage();
  await page.goto(webapi.url);
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await shot(page, 'dark');
  await ctx.close();
});
