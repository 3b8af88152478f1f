/**
 * Issue 7's end-to-end acceptance, walked in the browser host against a separately started
 * `coffer sim`: edits made on a pending transaction survive its posting; a rule created in the UI
 * recategorises history; search finds a merchant; a chart bar opens exactly that month's rows
 * for that category. Each check compares what the window shows with the ledger as the API
 * answers it (a second client with the printed token), never with the renderer's own state.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Item, Transaction, TransactionFilter } from '../../src/shared/api';
import { hostApi, launchChromium, linkFirstPlatypus, LONG, simAdmin, waitUntil } from './support/browser';
import { coffersWithKeys, type Running } from './support/processes';
import { openView } from './support/shell';

const secret = `e2e-secret-${randomBytes(12).toString('hex')}`;
const clientId = `e2e-client-${randomBytes(6).toString('hex')}`;
const CATEGORY_NAME = `E2E Treats ${randomBytes(3).toString('hex')}`;
const NOTE = `e2e note ${randomBytes(4).toString('hex')}`;
const RULE_TAG = `e2e-rule-${randomBytes(3).toString('hex')}`;

let dataDir: string;
let browser: Browser;
let page: Page;
let api: ReturnType<typeof hostApi>;
let admin: ReturnType<typeof simAdmin>;
let sim: Running;
let hostUrl: string;
const processes: Running[] = [];
const start = coffersWithKeys({ clientId, secret }, processes);
/** Set by the first test, used by the rule test as the category rules move rows into. */
let userCategory: Category | null = null;

/** Every row of the ledger (or of a filter), through the API's keyset pages. */
async function allTransactions(filter: TransactionFilter = {}): Promise<Transaction[]> {
  const rows: Transaction[] = [];
  let after: string | null = null;
  do {
    const page: { transactions: Transaction[]; next: string | null } = await api('transactions.list', {
      ...filter,
      limit: 1000,
      after,
      includeTotal: false,
    });
    rows.push(...page.transactions);
    after = page.next;
  } while (after !== null);
  return rows;
}

async function summaryCount(): Promise<number> {
  const text = await page.getByTestId('filter-summary').getAttribute('data-count');
  return text === null ? NaN : Number(text);
}

/** The ids the virtualized list shows, scrolling it from top to bottom. */
async function listedIds(): Promise<string[]> {
  const seen = new Set<string>();
  const scroller = page.getByTestId('transactions');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 500; i++) {
    const ids = await page
      .locator('[data-testid=transaction-row]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-transaction-id') ?? ''));
    ids.forEach((id) => seen.add(id));
    const atEnd = await scroller.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight * 0.8;
      return el.scrollTop === before;
    });
    await page.waitForTimeout(120);
    if (atEnd) break;
  }
  return [...seen];
}

/** Waits until the list shows the filtered set the summary counts, and that count is `expected`. */
async function waitForCount(expected: number, what: string): Promise<void> {
  await waitUntil(what, async () => (await summaryCount()) === expected);
}

function go(view: 'Transactions' | 'Spending' | 'Recurring' | 'Rules') {
  return page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: view, exact: true })
    .click();
}

async function clearFilters(): Promise<void> {
  const clear = page.getByRole('button', { name: /^Clear filters/ });
  if (await clear.isVisible()) await clear.click();
  await page.getByRole('searchbox', { name: 'Search transactions' }).fill('');
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'coffer-e2e-tx-'));
  browser = await launchChromium();
  sim = start(['sim', '--port', '0', '--seed', '42']);
  const [, simUrl] = await sim.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, LONG);
  admin = simAdmin({ url: simUrl, clientId, secret });
  const host = start(['serve', '--port', '0', '--data-dir', dataDir, '--plaid-url', simUrl]);
  [, hostUrl] = await host.waitFor(/Coffer is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, LONG);
  api = hostApi(hostUrl);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(hostUrl);
  await linkFirstPlatypus(page);
  await openView(page, 'transactions');
  await waitUntil('the first sync to fill the list', async () => (await summaryCount()) >= 500);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((p) => p.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('Transactions users trust, end to end in the browser host', () => {
  it('keeps a category and a note set on a pending transaction when it posts', async () => {
    await page.getByRole('combobox', { name: 'Pending', exact: true }).selectOption('pending');
    const pendingRows = page.locator('[data-testid=transaction-row][data-pending=true]');
    await waitUntil('pending rows only', async () => {
      const all = await page.locator('[data-testid=transaction-row]').count();
      return all > 0 && (await pendingRows.count()) === all;
    });
    const first = pendingRows.first();
    const pendingId = (await first.getAttribute('data-transaction-id'))!;
    await first.click();

    const drawer = page.getByTestId('transaction-detail');
    await drawer.locator(`[data-transaction-id="${pendingId}"]`).waitFor({ timeout: LONG });
    await drawer.getByRole('button', { name: 'New category…' }).click();
    await drawer.getByRole('textbox', { name: 'New category name' }).fill(CATEGORY_NAME);
    await drawer.getByRole('button', { name: 'Create category' }).click();
    // The new category is chosen in the form once the ledger has created it; a save before that
    // would carry only the note.
    await drawer.getByRole('button', { name: 'New category…' }).waitFor({ timeout: LONG });
    await drawer.getByRole('textbox', { name: 'Note' }).fill(NOTE);
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await waitUntil(
      'both edits to be locked',
      async () => (await drawer.getByText('edited by you').count()) === 2,
    );

    const edited: Transaction = await api('transactions.get', { id: pendingId });
    expect(edited).toMatchObject({ pending: true, note: NOTE, categoryName: CATEGORY_NAME });
    const categories: { categories: Category[] } = await api('categories.list');
    userCategory = categories.categories.find((c) => c.name === CATEGORY_NAME) ?? null;
    expect(userCategory).not.toBeNull();
    expect(edited.category).toBe(userCategory!.id);

    // The simulator's clock moves until the bank has posted it, then the user syncs.
    const { items }: { items: Item[] } = await api('items.list');
    const itemId = items[0].id;
    let advances = 0;
    for (; advances < 10; advances++) {
      const truth = await admin<{ transactions: { transaction_id: string }[] }>(
        'GET',
        `/__sim/truth/transactions?item_id=${encodeURIComponent(itemId)}`,
      );
      if (!truth.transactions.some((t) => t.transaction_id === pendingId)) break;
      await admin('POST', '/__sim/clock/advance', { days: 3 });
    }
    expect(advances).toBeGreaterThan(0);
    const sync = page.getByRole('button', { name: 'Sync now' });
    await sync.click();
    let posted: Transaction[] = [];
    await waitUntil('the posted row to arrive', async () => {
      posted = (await allTransactions()).filter((t) => t.pendingTransactionId === pendingId);
      return posted.length > 0;
    });
    await waitUntil('the sync to finish', () => sync.isEnabled());
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ pending: false, note: NOTE, category: userCategory!.id });
    await expect(api('transactions.get', { id: pendingId })).rejects.toThrow();

    // In the window: the pending row is gone, and searching the note finds the posted row carrying both edits.
    await page.getByRole('button', { name: 'Close details' }).click();
    await clearFilters();
    await page.getByRole('searchbox', { name: 'Search transactions' }).fill(NOTE);
    await waitForCount(1, 'the search for the note');
    const row = page.locator(`[data-testid=transaction-row][data-transaction-id="${posted[0].id}"]`);
    await row.waitFor({ timeout: LONG });
    expect(await row.getAttribute('data-pending')).toBe('false');
    expect(await row.textContent()).toContain(CATEGORY_NAME);
    expect(await row.textContent()).toContain(NOTE);
    expect(await page.locator(`[data-transaction-id="${pendingId}"]`).count()).toBe(0);
  }, 240_000);

  it('recategorises history with a rule created in the Rules view', async () => {
    expect(userCategory).not.toBeNull();
    const before = await allTransactions();
    // The most frequent merchant: enough history for the rule to matter.
    const counts = new Map<string, number>();
    for (const t of before)
      if (t.merchantName) counts.set(t.merchantName, (counts.get(t.merchantName) ?? 0) + 1);
    const merchant = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const matching = (rows: Transaction[]) =>
      rows.filter((t) => t.merchantName?.toLowerCase().includes(merchant.toLowerCase()));
    expect(matching(before).length).toBeGreaterThan(3);
    expect(matching(before).every((t) => t.category === userCategory!.id)).toBe(false);

    await go('Rules');
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'Create rule' });
    await form.getByRole('textbox', { name: 'Merchant contains' }).fill(merchant);
    await form.getByRole('combobox', { name: 'Set category' }).selectOption(userCategory!.id);
    await form.getByRole('textbox', { name: 'Add tags' }).fill(RULE_TAG);
    expect(await form.getByRole('checkbox', { name: 'Also apply to history' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create rule' }).click();
    const ruleRow = page.getByTestId('rule-row').filter({ hasText: merchant });
    const outcome = ruleRow.getByTestId('rule-outcome').filter({ hasText: /applied to history/ });
    await outcome.waitFor({ timeout: LONG });
    expect(Number(/Changed (\d+)/.exec((await outcome.textContent()) ?? '')?.[1])).toBeGreaterThan(0);

    const after = matching(await allTransactions());
    expect(after.length).toBe(matching(before).length);
    for (const t of after) {
      // A category the user set by hand stays; everything else follows the rule.
      if (!t.locked.includes('category')) expect(t.category).toBe(userCategory!.id);
      expect(t.tags).toContain(RULE_TAG);
    }

    // The window's category filter agrees with the ledger.
    const inCategory = (await allTransactions()).filter(
      (t) => t.category === userCategory!.id || t.splits.some((p) => p.category === userCategory!.id),
    );
    await go('Transactions');
    await clearFilters();
    await page.getByRole('combobox', { name: 'Category', exact: true }).selectOption(userCategory!.id);
    await waitForCount(inCategory.length, 'the category filter');
    expect((await listedIds()).sort()).toEqual(inCategory.map((t) => t.id).sort());
  }, 240_000);

  it('finds a transaction by its merchant with the search box', async () => {
    const all = await allTransactions();
    const counts = new Map<string, number>();
    for (const t of all)
      if (t.merchantName) counts.set(t.merchantName, (counts.get(t.merchantName) ?? 0) + 1);
    // A merchant with only a few rows, so the search has to find them among hundreds.
    const [merchant] = [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    const byMerchant = all.filter((t) => t.merchantName === merchant).map((t) => t.id);

    await clearFilters();
    await page.getByRole('searchbox', { name: 'Search transactions' }).fill(merchant);
    const { count }: { count: number } = await api('transactions.summary', { query: merchant });
    expect(count).toBeGreaterThanOrEqual(byMerchant.length);
    expect(count).toBeLessThan(all.length);
    await waitForCount(count, 'the search results');
    const shown = await listedIds();
    expect(shown).toHaveLength(count);
    for (const id of byMerchant) expect(shown).toContain(id);
  }, 120_000);

  it('opens exactly the rows behind a chart bar: that month, that category', async () => {
    const all = await allTransactions();
    // Nothing here was split, so a row's group is its category's group, and its whole amount counts.
    expect(all.filter((t) => t.splits.length > 0)).toEqual([]);
    const spendingMonth = (t: Transaction) => (t.authorizedDate ?? t.date).slice(0, 7);
    const counted = all.filter((t) => !t.transfer && !t.excluded);
    // The chart shows the 12 months up to the newest transaction's.
    const newest = all
      .map((t) => t.date.slice(0, 7))
      .sort()
      .at(-1)!;
    const newestIndex = Number(newest.slice(0, 4)) * 12 + Number(newest.slice(5, 7));
    const shown = (m: string) => newestIndex - (Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7))) < 12;
    // The busiest month × group of spending, by the definition (authorized month, no transfers).
    const { categories }: { categories: Category[] } = await api('categories.list');
    const spendingGroups = new Set(categories.filter((c) => c.side === 'spending').map((c) => c.group));
    const cells = new Map<string, Transaction[]>();
    for (const t of counted) {
      if (!t.categoryGroup || !spendingGroups.has(t.categoryGroup)) continue;
      if (t.amountMinor <= 0 || !shown(spendingMonth(t))) continue;
      const key = `${spendingMonth(t)}|${t.categoryGroup}|${t.currency}`;
      cells.set(key, [...(cells.get(key) ?? []), t]);
    }
    const [key] = [...cells.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    const [month, group, currency] = key.split('|');
    const expected = counted.filter(
      (t) => spendingMonth(t) === month && t.categoryGroup === group && t.currency === currency,
    );

    await go('Spending');
    await page.getByTestId('spending-help').waitFor({ timeout: LONG });
    expect(await page.getByTestId('spending-help').textContent()).not.toMatch(/Plaid|authorized_date/);
    expect(await page.getByTestId('spending-definition').textContent()).toContain(
      "Spending means: money out (Plaid's positive amounts) by category, refunds netted against their category, transfers between the user's own accounts excluded, pending included and marked, month by authorized_date when present else date, one series per currency.",
    );
    const bar = page.locator(
      `[data-testid=spending-chart] [data-testid=chart-bar][data-month="${month}"][data-category="${group}"]`,
    );
    expect(expected.length).toBeGreaterThan(1);
    await bar.waitFor({ timeout: LONG });
    // The bar's height is the net of exactly those rows (refunds netted against their category).
    expect(Number(await bar.getAttribute('data-amount-minor'))).toBe(
      expected.reduce((sum, t) => sum + t.amountMinor, 0),
    );
    // "Drill down" shows its chart where the user is looking, not below the fold.
    await page.getByRole('button', { name: 'Drill down' }).first().click();
    const drillDown = page.getByTestId('drill-down');
    await drillDown.waitFor({ timeout: LONG });
    expect(
      await drillDown.evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        return top >= 0 && top < window.innerHeight / 2;
      }),
    ).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    await page.getByRole('button', { name: 'Back to all categories' }).click();
    await bar.click();

    await page.getByRole('heading', { name: 'Transactions', exact: true }).waitFor({ timeout: LONG });
    await waitForCount(expected.length, 'the drill-down list');
    expect((await listedIds()).sort()).toEqual(expected.map((t) => t.id).sort());
  }, 180_000);

  it('still searches, charts and lists rules and recurring streams with the simulator stopped', async () => {
    await sim.stop();
    await page.reload();
    await openView(page, 'transactions');
    await page.getByTestId('filter-summary').waitFor({ timeout: LONG });
    await page.getByRole('searchbox', { name: 'Search transactions' }).fill(NOTE);
    await waitForCount(1, 'the search while offline');
    await go('Spending');
    await page
      .locator('[data-testid=spending-chart] [data-testid=chart-bar]')
      .first()
      .waitFor({ timeout: LONG });
    await go('Recurring');
    await page.getByRole('heading', { name: 'Subscriptions and bills' }).waitFor({ timeout: LONG });
    await go('Rules');
    await page.getByTestId('rule-row').first().waitFor({ timeout: LONG });
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 120_000);
});
