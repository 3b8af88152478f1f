/**
 * The window's shell as a keyboard user drives it: the command palette (Ctrl+K, a command's two
 * letters, Enter), and which view is shown.
 */
import type { Page } from 'playwright-core';
import { LONG, waitUntil } from './browser';

/** Clicks the navigation's button for a view, by the label a person reads on it. */
export function clickView(page: Page, label: string): Promise<void> {
  return page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: label, exact: true })
    .click();
}

/** The registry id of the view the navigation marks as current. */
export function currentView(page: Page): Promise<string | null> {
  return page.locator('nav [aria-current="page"]').first().getAttribute('data-view-id');
}

/**
 * Runs a palette command by its id in three keys after opening: its two-letter code (read from
 * the palette, as the user reads it), then Enter. Returns the code typed.
 */
export async function runCommand(page: Page, commandId: string): Promise<string> {
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await palette.waitFor({ timeout: LONG });
  const code = (await palette.locator(`[data-command-id="${commandId}"] kbd`).textContent())!;
  await page.keyboard.type(code);
  const first = palette.getByRole('option').first();
  if ((await first.getAttribute('data-command-id')) !== commandId)
    throw new Error(`typing ${code} does not put ${commandId} first`);
  await page.keyboard.press('Enter');
  await waitUntil('the palette to close', async () => (await palette.count()) === 0);
  return code;
}

/** Opens a view from the navigation (the app opens on the dashboard). */
export async function openView(page: Page, viewId: string): Promise<void> {
  await page.locator(`nav [data-view-id="${viewId}"]`).click({ timeout: LONG });
  await waitUntil(`${viewId} to show`, async () => (await currentView(page)) === viewId);
}
