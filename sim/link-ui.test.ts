import { CountryCode, Products } from 'plaid';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkHostSuite, type HostResult } from './link-host.testing';
import type { SimHarness } from './testing';

describe('Link stand-in in Chromium', () => {
  const suite = linkHostSuite();
  let h: SimHarness;
  let hostUrl: string;
  let browser: Browser;

  beforeAll(() => {
    ({ h, hostUrl, browser } = suite);
  });

  async function openLink(): Promise<Page> {
    const { data } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'local-user' },
      products: [Products.Transactions],
      transactions: { days_requested: 730 },
    });
    const page = await browser.newPage();
    await page.goto(`${hostUrl}?token=${encodeURIComponent(data.link_token)}`);
    return page;
  }

  async function resultOf(page: Page): Promise<HostResult> {
    await page.waitForFunction(() => window.linkResult !== null);
    return page.evaluate(() => window.linkResult as HostResult);
  }

  it('links First Platypus Bank: a wrong password shows Plaid’s message, the retry succeeds, the token exchanges', async () => {
    const page = await openLink();
    const link = page.frameLocator('iframe[title="Plaid Link"]');
    await link.locator('[data-institution-id="ins_109508"]').click();
    // The login screen tells a first-time user which test credentials work.
    expect(await link.getByTestId('sandbox-credentials').textContent()).toBe(
      'Sandbox: log in with username user_good and password pass_good.',
    );
    await link.locator('input[name="username"]').fill('user_good');
    await link.locator('input[name="password"]').fill('wrong-password');
    await link.getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => link.getByRole('alert').textContent())
      .toBe('The provided credentials were not correct. Please try again.');

    await link.locator('input[name="password"]').fill('pass_good');
    await link.getByRole('button', { name: 'Submit' }).click();
    const boxes = link.locator('input[type="checkbox"]');
    await expect.poll(() => boxes.count()).toBe(8);
    for (let i = 0; i < 8; i++) expect(await boxes.nth(i).isChecked()).toBe(true);
    await link.getByRole('button', { name: 'Continue' }).click();

    const result = await resultOf(page);
    expect(result.kind).toBe('success');
    expect(result.publicToken).toMatch(/^public-sandbox-/);
    expect(result.metadata).toMatchObject({
      institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
      transfer_status: null,
    });
    expect(result.metadata.link_session_id).toEqual(expect.any(String));
    const accounts = result.metadata.accounts as Record<string, unknown>[];
    expect(
      accounts.map((a) => [a.name, a.mask, a.type, a.subtype, a.verification_status, a.class_type]),
    ).toEqual([
      ['Plaid Checking', '0000', 'depository', 'checking', null, null],
      ['Plaid Saving', '1111', 'depository', 'savings', null, null],
      ['Plaid Credit Card', '3333', 'credit', 'credit card', null, null],
      ['Plaid Brokerage', '9999', 'investment', 'brokerage', null, null],
      ['Plaid IRA', '5555', 'investment', 'ira', null, null],
      ['Plaid 401k', '6666', 'investment', '401k', null, null],
      ['Plaid Student Loan', '7777', 'loan', 'student', null, null],
      ['Plaid Mortgage', '8888', 'loan', 'mortgage', null, null],
    ]);
    expect(await page.locator('iframe').count()).toBe(0);
    const events = await page.evaluate(() => window.linkEvents);
    for (const name of ['OPEN', 'SELECT_INSTITUTION', 'SUBMIT_CREDENTIALS', 'ERROR', 'HANDOFF'])
      expect(events).toContain(name);

    const { data: exchanged } = await h.plaid.itemPublicTokenExchange({ public_token: result.publicToken! });
    const { data } = await h.plaid.accountsGet({ access_token: exchanged.access_token });
    expect(data.accounts.map((a) => a.account_id)).toEqual(accounts.map((a) => a.id));
    const { added } = await h.syncAll(exchanged.access_token);
    expect(added.length).toBeGreaterThanOrEqual(500);
    await page.close();
  });

  it('links only the accounts the user keeps selected', async () => {
    const page = await openLink();
    const link = page.frameLocator('iframe[title="Plaid Link"]');
    await link.locator('[data-institution-id="ins_109512"]').click();
    await link.locator('input[name="username"]').fill('user_good');
    await link.locator('input[name="password"]').fill('pass_good');
    await link.getByRole('button', { name: 'Submit' }).click();
    await link.getByLabel(/Plaid Saving/).uncheck();
    await link.getByRole('button', { name: 'Continue' }).click();
    const result = await resultOf(page);
    const { data: exchanged } = await h.plaid.itemPublicTokenExchange({ public_token: result.publicToken! });
    const { data } = await h.plaid.accountsGet({ access_token: exchanged.access_token });
    expect(data.accounts.map((a) => a.name)).toEqual(['Plaid Checking', 'Plaid Credit Card']);
    expect(data.item.institution_id).toBe('ins_109512');
    await page.close();
  });

  it('reports a closed Link through onExit with the last error and where the user stopped', async () => {
    const page = await openLink();
    const link = page.frameLocator('iframe[title="Plaid Link"]');
    await link.locator('[data-institution-id="ins_109508"]').click();
    await link.locator('input[name="username"]').fill('user_good');
    await link.locator('input[name="password"]').fill('nope');
    await link.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => link.getByRole('alert').textContent()).toContain('not correct');
    await link.getByRole('button', { name: 'Close' }).click();
    const result = await resultOf(page);
    expect(result.kind).toBe('exit');
    expect(result.error).toMatchObject({ error_type: 'ITEM_ERROR', error_code: 'INVALID_CREDENTIALS' });
    expect(result.metadata).toMatchObject({
      status: 'requires_credentials',
      institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
    });
    expect(await page.evaluate(() => window.linkEvents)).toContain('EXIT');
    await page.close();
  });
});
