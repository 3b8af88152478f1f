/**
 * The Settings view end to end in the browser host (`coffer serve` in demo with its embedded
 * simulator, inside a throwaway keyring so the ledger is encrypted and has a recovery key): the
 * key is shown only on request, acknowledged for good, and never kept by the browser; a backup
 * written from the window restores over a later edit. Checks read the ledger through the API (a
 * second client with the printed token) and the disk, not the renderer's state.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../../src/shared/api';
import { requireTestKeyring } from '../support/keyring';
import {
  browserStorage,
  hostApi,
  launchChromium,
  linkFirstPlatypus,
  LONG,
  waitUntil,
} from './support/browser';
import { startCoffer, type Running } from './support/processes';
import { openView } from './support/shell';
import { leaksInDir } from './support/secrets-scan';

/** What security.recoveryKey answers: 8 groups of 4 Crockford base32 characters. */
const RECOVERY_KEY_FORMAT = /^(?:[0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/;
const NOTE = `settings e2e note ${Date.now().toString(36)}`;

let dataDir: string;
let backupDir: string;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof hostApi>;
let host: Running;
let recoveryKey = '';

async function goSettings(): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Settings', exact: true })
    .click();
  await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor({ timeout: LONG });
  await page.getByTestId('security-status').waitFor({ timeout: LONG });
}

async function filterCount(): Promise<number> {
  const text = await page.getByTestId('filter-summary').getAttribute('data-count');
  return text === null ? NaN : Number(text);
}

beforeAll(async () => {
  requireTestKeyring();
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-settings-'));
  backupDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-backups-'));
  browser = await launchChromium();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Demo with the embedded simulator and its demo keys.
  for (const name of ['PLAID_ENV', 'PLAID_BASE_URL', 'PLAID_CLIENT_ID', 'PLAID_SECRET']) delete env[name];
  host = startCoffer(['serve', '--port', '0', '--data-dir', dataDir], env);
  const [, url] = await host.waitFor(/Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, LONG);
  api = hostApi(url);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(url).origin,
  });
  await page.goto(url);
  // Before anything is linked there is no navigation: the empty state leads to Settings (to restore a backup).
  await page.getByRole('button', { name: 'Restore a backup in Settings' }).click();
  await page.getByTestId('security-status').waitFor({ timeout: LONG });
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByTestId('empty-state').waitFor({ timeout: LONG });
  await linkFirstPlatypus(page);
  await openView(page, 'transactions');
  await waitUntil('the first sync to fill the list', async () => (await filterCount()) > 0);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const dir of [dataDir, backupDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}, LONG);

describe('Settings: recovery key and backups in the browser host', () => {
  it('reveals the recovery key on request, acknowledges it for good, and keeps it out of browser storage', async () => {
    const notices = page.getByTestId('notices');
    expect(await notices.textContent()).toMatch(/recovery key/i);
    const pending: { ledgerEncrypted: boolean; recoveryKey: string | null } =
      await api('security.recoveryKey');
    expect(pending.ledgerEncrypted).toBe(true);
    expect(pending.recoveryKey).toMatch(RECOVERY_KEY_FORMAT);

    // The notice leads to the view that resolves it.
    await notices.getByRole('button', { name: 'Open Settings' }).click();
    await page.getByTestId('security-status').waitFor({ timeout: LONG });
    expect(await notices.getByRole('button', { name: 'Open Settings' }).count()).toBe(0);
    expect(await page.getByTestId('ledger-encrypted').getAttribute('data-encrypted')).toBe('true');
    const keyState = page.getByTestId('recovery-key-state');
    expect(await keyState.getAttribute('data-acknowledged')).toBe('false');
    // Not on screen until asked for.
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(await page.content()).not.toContain(pending.recoveryKey);

    await page.getByRole('button', { name: 'Show recovery key' }).click();
    const shown = page.getByTestId('recovery-key');
    await shown.waitFor({ timeout: LONG });
    recoveryKey = ((await shown.textContent()) ?? '').trim();
    expect(recoveryKey).toMatch(RECOVERY_KEY_FORMAT);
    expect(recoveryKey).toBe(pending.recoveryKey);

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(/^Copied\./).waitFor({ timeout: LONG });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(recoveryKey);
    // Overwrite the clipboard so the key does not linger on the test machine.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    expect(await browserStorage(page)).not.toContain(recoveryKey);

    // Hiding drops it; showing again asks the API again.
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(await page.content()).not.toContain(recoveryKey);
    await page.getByRole('button', { name: 'Show recovery key' }).click();
    await shown.waitFor({ timeout: LONG });

    await page.getByRole('button', { name: 'I have saved it' }).click();
    await waitUntil(
      'the key to be acknowledged',
      async () => (await keyState.getAttribute('data-acknowledged')) === 'true',
    );
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show recovery key' }).count()).toBe(0);
    // The notice that asked for it is resolved.
    await waitUntil('the recovery-key notice to go', async () => {
      const list = page.getByTestId('notices');
      return (await list.count()) === 0 || !/recovery key/i.test((await list.textContent()) ?? '');
    });
    expect(await api('security.recoveryKey')).toEqual({ ledgerEncrypted: true, recoveryKey: null });

    // It stays acknowledged after a reload, and nothing of the key is left in the page or its storage.
    await page.reload();
    await openView(page, 'transactions');
    await page.getByTestId('filter-summary').waitFor({ timeout: LONG });
    await goSettings();
    expect(await page.getByTestId('recovery-key-state').getAttribute('data-acknowledged')).toBe('true');
    expect(await page.content()).not.toContain(recoveryKey);
    expect(await browserStorage(page)).not.toContain(recoveryKey);
    expect(leaksInDir(dataDir, [recoveryKey])).toEqual([]);
  }, 180_000);

  it('downloads a backup, and restoring its upload undoes a later edit', async () => {
    const target = path.join(backupDir, 'e2e.cfrbackup');
    await goSettings();
    const create = page.getByRole('form', { name: 'Create backup' });
    // The window names no path: the browser host's backup is a download.
    expect(await create.getByRole('textbox').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: LONG }),
      create.getByRole('button', { name: 'Download a backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^coffer-demo-\d{4}-\d{2}-\d{2}\.cfrbackup$/);
    await download.saveAs(target);
    const result = page.getByTestId('backup-result');
    await result.waitFor({ timeout: LONG });
    expect(await result.getAttribute('data-name')).toBe(download.suggestedFilename());
    expect(readFileSync(target).subarray(0, 8).toString()).toBe('CFRBKP01');
    if (recoveryKey) expect(leaksInDir(backupDir, [recoveryKey])).toEqual([]);

    // A change after the backup: a note typed in the transaction drawer.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Transactions', exact: true })
      .click();
    const row = page.locator('[data-testid=transaction-row]').first();
    await row.waitFor({ timeout: LONG });
    const id = (await row.getAttribute('data-transaction-id'))!;
    await row.click();
    const drawer = page.getByTestId('transaction-detail');
    await drawer.locator(`[data-transaction-id="${id}"]`).waitFor({ timeout: LONG });
    await drawer.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await waitUntil('the note to be saved', async () => {
      const tx: Transaction = await api('transactions.get', { id });
      return tx.note === NOTE;
    });
    await page.getByRole('button', { name: 'Close details' }).click();

    // Files that are not backups are refused before anything is asked, and change nothing.
    await goSettings();
    const restore = page.getByRole('form', { name: 'Restore from backup' });
    const fileInput = restore.locator('input[type=file]');
    const restoreError = page.getByTestId('restore-error');
    for (const bad of [
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(4096, 7) },
      { name: 'empty.cfrbackup', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
      {
        name: 'cut.cfrbackup',
        mimeType: 'application/octet-stream',
        buffer: readFileSync(target).subarray(0, 4000),
      },
    ]) {
      await fileInput.setInputFiles(bad);
      await restore.getByRole('button', { name: 'Check backup…' }).click();
      await restoreError.waitFor({ timeout: LONG });
      expect(await restoreError.getAttribute('data-code')).toBe('BACKUP_INVALID');
      expect(await restoreError.textContent()).toContain(`${bad.name} is not a Coffer backup`);
      expect(await restoreError.textContent()).not.toMatch(/\/demo\/|\.upload-|E[A-Z]{3,}/);
      expect(await page.getByRole('alertdialog').count()).toBe(0);
      expect(((await api('transactions.get', { id })) as Transaction).note).toBe(NOTE);
    }

    // The real backup is checked first: the question names it, its date and its contents.
    await fileInput.setInputFiles(target);
    await restore.getByRole('button', { name: 'Check backup…' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor({ timeout: LONG });
    expect(await confirm.textContent()).toMatch(/the backup e2e\.cfrbackup, made .*\(1 connection\(s\)/);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(((await api('transactions.get', { id })) as Transaction).note).toBe(NOTE);
    await restore.getByRole('button', { name: 'Check backup…' }).click();
    await confirm.waitFor({ timeout: LONG });
    await confirm.getByRole('button', { name: 'Replace ledger with backup' }).click();
    const restored = page.getByTestId('restore-result');
    await restored.waitFor({ timeout: LONG });
    expect(await restored.textContent()).toMatch(/Restored the backup made .*: 1 connection\(s\)/);

    const after: Transaction = await api('transactions.get', { id });
    expect(after.note).toBeNull();
    expect(after.locked).not.toContain('note');

    // The window follows: searching the note finds nothing any more.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Transactions', exact: true })
      .click();
    const search = page.getByRole('searchbox', { name: 'Search transactions' });
    await search.fill(NOTE);
    await waitUntil('the search for the restored-away note', async () => (await filterCount()) === 0);
    expect(await page.getByRole('alert').count()).toBe(0);

    // An overlong search stops at what the API takes: no red banner with the schema's words.
    await search.fill('x'.repeat(500));
    expect((await search.inputValue()).length).toBe(200);
    await waitUntil('the overlong search to run', async () => (await filterCount()) === 0);
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 240_000);
});
