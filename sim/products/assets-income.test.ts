/**
 * Asset Reports and bank-income users outlive a restart of the simulator (its state file), an
 * Asset Report can be made to fail through the admin API as Plaid reports it (ASSETS / ERROR,
 * then the error from /asset_report/get), and bank income reaches an Item linked earlier
 * through update mode with the user's token.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CountryCode, Products } from 'plaid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plaidFailure, startHarness, startWebhookReceiver, type SimHarness } from '../testing';

const CLOCK = '2026-03-15';
let dir: string;
let statePath: string;
const open: SimHarness[] = [];

async function harness(): Promise<SimHarness> {
  const h = await startHarness({ clock: CLOCK, statePath });
  open.push(h);
  return h;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-assets-'));
  statePath = path.join(dir, 'state.json');
});
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Asset Reports', () => {
  it('survive a restart: the token still opens the report, which names its owner in the PDF', async () => {
    const first = await harness();
    const { accessToken } = await first.linkItem({ products: [Products.Transactions, Products.Assets] });
    const { data: created } = await first.plaid.assetReportCreate({
      access_tokens: [accessToken],
      days_requested: 30,
      options: { user: { first_name: 'Ada', last_name: 'Lovelace' } },
    });
    await first.close();
    open.splice(0);

    const second = await harness();
    await second.advanceClock(1);
    const { data } = await second.plaid.assetReportGet({ asset_report_token: created.asset_report_token });
    expect(data.report.asset_report_id).toBe(created.asset_report_id);
    const owner = data.report.items[0]!.accounts[0]!.owners[0]!.names[0]!;

    const pdf = await second.plaid.assetReportPdfGet(
      { asset_report_token: created.asset_report_token },
      { responseType: 'arraybuffer' },
    );
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, Buffer.from(pdf.data as unknown as ArrayBuffer));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Prepared for: Ada Lovelace');
    expect(text).toContain(owner);

    const { data: removed } = await second.plaid.assetReportRemove({
      asset_report_token: created.asset_report_token,
    });
    expect(removed.removed).toBe(true);
    const gone = await plaidFailure(
      second.plaid.assetReportGet({ asset_report_token: created.asset_report_token }),
    );
    expect(gone.data).toMatchObject({ error_code: 'INVALID_FIELD' });
  });

  it('fail when the admin API says so: ASSETS / ERROR with Plaid’s error, and the same error from get', async () => {
    const h = await harness();
    const { accessToken, itemId } = await h.linkItem({ products: [Products.Transactions, Products.Assets] });
    await h.admin('POST', `/__sim/items/${itemId}/asset-report-error`, {
      error_code: 'ASSET_REPORT_GENERATION_FAILED',
    });
    const receiver = await startWebhookReceiver();
    try {
      const { data: created } = await h.plaid.assetReportCreate({
        access_tokens: [accessToken],
        days_requested: 30,
        options: { webhook: receiver.url },
      });
      const [webhook] = await receiver.waitFor(
        (w) => w.body.webhook_type === 'ASSETS' && w.body.webhook_code === 'ERROR',
      );
      expect(webhook!.body).toMatchObject({
        asset_report_id: created.asset_report_id,
        error: { error_type: 'ASSET_REPORT_ERROR', error_code: 'ASSET_REPORT_GENERATION_FAILED' },
      });
      const failure = await plaidFailure(
        h.plaid.assetReportGet({ asset_report_token: created.asset_report_token }),
      );
      expect(failure.data).toMatchObject({
        error_type: 'ASSET_REPORT_ERROR',
        error_code: 'ASSET_REPORT_GENERATION_FAILED',
      });
      expect(failure.data.display_message).toMatch(/could not be created/);
    } finally {
      await receiver.close();
    }
  });
});

describe('bank income on an existing Item', () => {
  it('comes through update mode with products and the user_token, and the user survives a restart', async () => {
    const first = await harness();
    const { accessToken, itemId } = await first.linkItem({ products: [Products.Transactions] });
    const { data: user } = await first.plaid.userCreate({ client_user_id: 'coffer-ledger' });
    const { data: link } = await first.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'coffer-ledger' },
      access_token: accessToken,
      user_token: user.user_token!,
      products: [Products.IncomeVerification],
    });
    await first.linkThroughStandIn(link.link_token);
    await first.close();
    open.splice(0);

    const second = await harness();
    const { data } = await second.plaid.creditBankIncomeGet({ user_token: user.user_token! });
    const report = data.bank_income![0]!;
    expect(report.items!.map((i) => i.item_id)).toEqual([itemId]);
    const salary = report.items![0]!.bank_income_sources!.find((s) => s.income_category === 'SALARY')!;
    expect(salary.pay_frequency).toBe('BIWEEKLY');
  });

  it('refuses income_verification without a user_token', async () => {
    const h = await harness();
    const failure = await plaidFailure(
      h.plaid.linkTokenCreate({
        client_name: 'Coffer',
        language: 'en',
        country_codes: [CountryCode.Us],
        user: { client_user_id: 'x' },
        products: [Products.IncomeVerification],
      }),
    );
    expect(failure.data).toMatchObject({ error_code: 'INVALID_FIELD' });
  });
});
