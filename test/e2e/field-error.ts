// The error a Mantine input shows under itself (its wrapper's error element), found from the input's test id.
import type { Locator, Page } from '@playwright/test';

export function fieldError(page: Page, testId: string): Locator {
  return page.locator('.mantine-InputWrapper-root', { has: page.getByTestId(testId) }).locator('.mantine-InputWrapper-error');
}

/** Raw schema words that must never reach the screen (zod's messages and input paths). */
export const RAW_SCHEMA_TEXT = ['spec.', 'Too small', 'Expected'] as const;

/** Every raw schema word found in the page's rendered text. */
export async function rawSchemaText(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return RAW_SCHEMA_TEXT.filter((raw) => text.includes(raw));
}

/** Picks an option of a Mantine Select. */
export async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
