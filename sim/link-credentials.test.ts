/**
 * Plaid Sandbox's test credentials through the Link stand-in in Chromium (MFA by device code,
 * questions and selections; error_<CODE> passwords; user_custom) and through
 * /sandbox/public_token/create; and the OAuth bank, whose login happens in a pop-up.
 */
import { CountryCode, Products } from 'plaid';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkHostSuite, type HostResult } from './link-host.testing';
import { plaidFailure, startHarness, type SimHarness } from './testing';

describe('sandbox credentials in the Link stand-in (Chromium)', () => {
  const suite = linkHostSuite();
  let h: SimHarness;
  let hostUrl: string;
  let browser: Browser;

  beforeAll(() => {
    ({ h, hostUrl, browser } = suite);
  });

  async function openLink(
    products: Products[] = [Products.Transactions],
  ): Promise<{ page: Page; link: FrameLocator }> {
    const { data } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'local-user' },
      products,
    });
    const page = await browser.newPage();
    await page.goto(`${hostUrl}?token=${encodeURIComponent(data.link_token)}`);
    return { page, link: page.frameLocator('iframe[title="Plaid Link"]') };
  }

  async function logIn(link: FrameLocator, institutionId: string, username: string, password: string) {
    await link.locator(`[data-institution-id="${institutionId}"]`).click();
    await link.locator('input[name="username"]').fill(username);
    await link.locator('input[name="password"]').fill(password);
    await link.getByRole('button', { name: 'Submit' }).click();
  }

  async function finish(page: Page, link: FrameLocator): Promise<HostResult> {
    await link.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(() => window.linkResult !== null);
    return page.evaluate(() => window.linkResult as HostResult);
  }

  const alertOf = (link: FrameLocator) => () => link.getByRole('alert').first().textContent();

  it('asks mfa_device for the code, refuses a wrong one, accepts 1234', async () => {
    const { page, link } = await openLink();
    await logIn(link, 'ins_109508', 'mfa_device', 'pass_good');
    await link.locator('input[name="code"]').fill('0000');
    await link.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(alertOf(link)).toBe('The provided MFA responses were not correct. Please try again.');
    await link.locator('input[name="code"]').fill('1234');
    await link.getByRole('button', { name: 'Submit' }).click();
    const result = await finish(page, link);
    expect(result.kind).toBe('success');
    const events = await page.evaluate(() => window.linkEvents);
    expect(events).toContain('SUBMIT_MFA');
    await page.close();
  });

  it('asks mfa_questions_2_2 two rounds of two questions, answered answer_<round>_<question>', async () => {
    const { page, link } = await openLink();
    await logIn(link, 'ins_109508', 'mfa_questions_2_2', 'pass_good');
    for (const round of [0, 1]) {
      await expect.poll(() => link.locator('input[name^="answer-"]').count()).toBe(2);
      await expect.poll(() => link.getByRole('heading').textContent()).toContain(`(${round + 1} of 2)`);
      await link.locator('input[name="answer-0"]').fill(`answer_${round}_0`);
      await link.locator('input[name="answer-1"]').fill(round === 0 ? 'answer_0_1' : 'wrong');
      await link.getByRole('button', { name: 'Submit' }).click();
      if (round === 1) {
        await expect.poll(alertOf(link)).toContain('MFA responses were not correct');
        await link.locator('input[name="answer-1"]').fill('answer_1_1');
        await link.getByRole('button', { name: 'Submit' }).click();
      }
    }
    expect((await finish(page, link)).kind).toBe('success');
    await page.close();
  });

  it('asks mfa_selections to pick an answer; Yes logs in', async () => {
    const { page, link } = await openLink();
    await logIn(link, 'ins_109508', 'mfa_selections', 'pass_good');
    await link.getByLabel('No').check();
    await link.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(alertOf(link)).toContain('MFA responses were not correct');
    await link.getByLabel('Yes').check();
    await link.getByRole('button', { name: 'Submit' }).click();
    expect((await finish(page, link)).kind).toBe('success');
    await page.close();
  });

  it('shows the error an error_<CODE> password asks for, and onExit reports it', async () => {
    const { page, link } = await openLink();
    await logIn(link, 'ins_109508', 'user_good', 'error_ITEM_LOCKED');
    await expect
      .poll(alertOf(link))
      .toBe('The given credentials belong to a locked account. Please visit your bank to unlock it.');
    await link.locator('input[name="password"]').fill('error_INSTITUTION_DOWN');
    await link.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(alertOf(link)).toContain('not currently responding');
    await link.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(() => window.linkResult !== null);
    const result = await page.evaluate(() => window.linkResult as HostResult);
    expect(result.error).toMatchObject({ error_type: 'INSTITUTION_ERROR', error_code: 'INSTITUTION_DOWN' });
    await page.close();
  });

  it('takes user_custom’s JSON: force_error fails, an MFA config asks for it', async () => {
    const { page, link } = await openLink();
    await logIn(link, 'ins_109508', 'user_custom', JSON.stringify({ force_error: 'ITEM_LOCKED' }));
    await expect.poll(alertOf(link)).toContain('locked account');
    await link.locator('input[name="password"]').fill(JSON.stringify({ mfa: { type: 'device' } }));
    await link.getByRole('button', { name: 'Submit' }).click();
    await link.locator('input[name="code"]').fill('1234');
    await link.getByRole('button', { name: 'Submit' }).click();
    expect((await finish(page, link)).kind).toBe('success');
    await page.close();
  });

  it('logs in to Platypus OAuth Bank in a pop-up that returns to Link', async () => {
    const { page, link } = await openLink();
    await link.locator('[data-institution-id="ins_127287"]').click();
    const [popup] = await Promise.all([
      page.context().waitForEvent('page'),
      link.getByRole('button', { name: 'Continue' }).click(),
    ]);
    await popup.waitForURL(/\/__link\/oauth\?state=/);
    expect(new URL(popup.url()).origin).toBe(h.sim.url);
    // Closing the bank's page without signing in leaves Link with Plaid's message and a retry.
    await popup.close();
    await expect.poll(alertOf(link)).toBe('The connection to your bank was not completed. Please try again.');
    const [again] = await Promise.all([
      page.context().waitForEvent('page'),
      link.getByRole('button', { name: 'Continue' }).click(),
    ]);
    await again.waitForURL(/\/__link\/oauth\?state=/);
    await expect.poll(() => again.title()).toBe('Platypus OAuth Bank — Sign in');
    await again.locator('input[name="username"]').fill('user_good');
    await again.locator('input[name="password"]').fill('nope');
    await again.getByRole('button', { name: 'Authorize' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toContain('not correct');
    await again.locator('input[name="password"]').fill('pass_good');
    const closed = again.waitForEvent('close');
    await again.getByRole('button', { name: 'Authorize' }).click();
    await closed;
    const result = await finish(page, link);
    expect(result.kind).toBe('success');
    expect(result.metadata.institution).toEqual({
      name: 'Platypus OAuth Bank',
      institution_id: 'ins_127287',
    });
    const events = await page.evaluate(() => window.linkEvents);
    expect(events).toEqual(expect.arrayContaining(['OPEN_OAUTH', 'CLOSE_OAUTH']));
    const { data } = await h.plaid.itemPublicTokenExchange({ public_token: result.publicToken! });
    const { data: item } = await h.plaid.itemGet({ access_token: data.access_token });
    expect(item.item.institution_id).toBe('ins_127287');
    await page.close();
  });

  it('refuses to finish an Investments Link when no investment account was kept', async () => {
    const { page, link } = await openLink([Products.Investments]);
    await logIn(link, 'ins_109508', 'user_good', 'pass_good');
    for (const name of [/Plaid Brokerage/, /Plaid IRA/, /Plaid 401k/]) await link.getByLabel(name).uncheck();
    await link.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(alertOf(link)).toBe('No valid investment accounts were found at this institution.');
    await page.close();
  });
});

describe('sandbox credentials through /sandbox/public_token/create', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startHarness({ clock: '2026-03-15', statePath: null });
  });
  afterAll(() => h.close());

  const create = (username: string, password: string, institution = 'ins_109508') =>
    h.plaid.sandboxPublicTokenCreate({
      institution_id: institution,
      initial_products: [Products.Transactions],
      options: { override_username: username, override_password: password },
    });

  it('lets user_good and the MFA users in (MFA belongs to Link)', async () => {
    for (const username of [
      'user_good',
      'mfa_device',
      'mfa_questions_3_1',
      'mfa_selections',
      'mfa_selections_1_2_3',
    ])
      expect((await create(username, 'pass_good')).data.public_token, username).toMatch(/^public-sandbox-/);
  });

  it('fails error_<CODE> passwords with that error, and wrong passwords with INVALID_CREDENTIALS', async () => {
    for (const code of [
      'ITEM_LOCKED',
      'INVALID_MFA',
      'INSTITUTION_DOWN',
      'INSTITUTION_NOT_RESPONDING',
      'INSTITUTION_NO_LONGER_SUPPORTED',
      'NO_ACCOUNTS',
      'USER_SETUP_REQUIRED',
      'MFA_NOT_SUPPORTED',
      'INTERNAL_SERVER_ERROR',
    ]) {
      const failure = await plaidFailure(create('user_good', `error_${code}`));
      expect(failure.data.error_code, code).toBe(code);
    }
    expect((await plaidFailure(create('user_good', 'pass_bad'))).data.error_code).toBe('INVALID_CREDENTIALS');
    expect((await plaidFailure(create('mfa_questions_0_1', 'pass_good'))).data.error_code).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('reads user_custom’s configuration', async () => {
    expect((await create('user_custom', JSON.stringify({ version: '2' }))).data.public_token).toMatch(
      /^public-/,
    );
    const forced = await plaidFailure(
      create('user_custom', JSON.stringify({ force_error: 'ITEM_NOT_SUPPORTED' })),
    );
    expect(forced.data.error_code).toBe('ITEM_NOT_SUPPORTED');
    const plaidError = await plaidFailure(
      create('user_custom', JSON.stringify({ force_error: 'PLAID_ERROR' })),
    );
    expect([plaidError.status, plaidError.data.error_code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect((await plaidFailure(create('user_custom', '{not json'))).data.error_code).toBe(
      'INVALID_CREDENTIALS',
    );
  });

  it('serves user_custom’s override_accounts and their transactions, pending until posted', async () => {
    const config = {
      override_accounts: [
        {
          type: 'depository',
          subtype: 'checking',
          starting_balance: 1000,
          meta: { name: 'My Checking', mask: '4242' },
          transactions: [
            {
              date_transacted: '2026-03-01',
              date_posted: '2026-03-02',
              amount: 25.5,
              description: 'Coffee Roasters',
            },
            {
              date_transacted: '2026-03-10',
              date_posted: '2026-03-10',
              amount: -500,
              description: 'Paycheck',
            },
            { date_transacted: '2026-03-14', date_posted: '2026-03-17', amount: 12, description: 'Bookshop' },
          ],
        },
        {
          type: 'credit',
          subtype: 'credit card',
          starting_balance: 0,
          meta: { limit: 500 },
          transactions: [],
        },
      ],
    };
    const { data: created } = await create('user_custom', JSON.stringify(config));
    const { data: exchanged } = await h.plaid.itemPublicTokenExchange({ public_token: created.public_token });
    const token = exchanged.access_token;
    const { data } = await h.plaid.accountsGet({ access_token: token });
    expect(data.accounts.map((a) => [a.name, a.mask, a.type, a.subtype])).toEqual([
      ['My Checking', '4242', 'depository', 'checking'],
      ['Custom Credit Card', '3333', 'credit', 'credit card'],
    ]);
    expect(data.accounts[0]!.balances).toMatchObject({ current: 1474.5, available: 1462.5 });
    const first = await h.syncAll(token);
    expect(first.added.map((t) => [t.name, t.amount, t.pending]).sort()).toEqual([
      ['Bookshop', 12, true],
      ['Coffee Roasters', 25.5, false],
      ['Paycheck', -500, false],
    ]);
    await h.advanceClock(3);
    const later = await h.syncAll(token, first.cursor);
    const pendingId = first.added.find((t) => t.pending)!.transaction_id;
    expect(later.removed.map((r) => r.transaction_id)).toEqual([pendingId]);
    expect(later.added.map((t) => [t.name, t.pending, t.pending_transaction_id])).toEqual([
      ['Bookshop', false, pendingId],
    ]);
  });
});
