/**
 * A brokerage account in the journals: hledger (strict) and beancount (FIFO lots) accept them,
 * each security's quantity and the cash equal the holdings at the range's end, beancount's
 * realized gains equal the tax summary's FIFO figures (a gain, a loss, a sale of shares held
 * before the history), and a security without a ticker gets a valid commodity name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRequest } from '../../../shared/contract/exports';
import { plaidRow, testLedger, type TestLedger } from '../transactions/testing';
import { insertBrokerage } from './investment-fixture';
import { commodityName } from './journal-investments';
import { exportToFile, prepareExport, type ExportDeps } from './service';

let t: TestLedger;
let deps: ExportDeps;

beforeAll(() => {
  t = testLedger();
  t.sync([{ added: [plaidRow('coffee', { amount: 4.5, date: '2024-03-02' })] }]);
  insertBrokerage(t.ledger);
  t.ledger.write(() => {
    const db = t.ledger.db;
    // A Treasury note without a ticker, bought in the history and still held; and shares of
    // a fund held since before the history, never traded, with Plaid's cost basis.
    db.prepare(
      `INSERT INTO securities (security_id, name, ticker, type, is_cash, currency, updated_at) VALUES
         ('note', 'United States Treasury Note 3.5% 05/15/2033', NULL, 'fixed income', 0, 'USD', '2025-01-15'),
         ('old', 'Old Fund', 'OLD.X', 'mutual fund', 0, 'USD', '2025-01-15')`,
    ).run();
    db.prepare(
      `INSERT INTO investment_transactions (investment_transaction_id, account_id, item_id, security_id, date, name,
         quantity, price, amount_minor, fees_minor, type, subtype, currency)
       VALUES ('buy-note', 'acc-brokerage', 'item-1', 'note', '2024-07-01', 'BUY NOTE', 2.5, 99.2, 24800, NULL, 'buy', 'buy', 'USD'),
              ('dep', 'acc-brokerage', 'item-1', NULL, '2024-06-30', 'DEPOSIT', 0, 0, -24800, NULL, 'cash', 'deposit', 'USD')`,
    ).run();
    db.prepare(
      `INSERT INTO holdings (account_id, security_id, item_id, quantity, price, price_as_of, value_minor, cost_basis_minor, currency)
       VALUES ('acc-brokerage', 'note', 'item-1', 2.5, 99.5, '2025-01-15', 24875, 24800, 'USD'),
              ('acc-brokerage', 'old', 'item-1', 12.125, 20, '2025-01-15', 24250, 15000, 'USD')`,
    ).run();
  });
  deps = { ledger: t.ledger, dataDir: path.join(t.dir, 'data'), emit: () => undefined };
});

afterAll(() => t.close());

async function journal(kind: 'hledger' | 'beancount', spec: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(t.dir, `out-${Math.random().toString(36).slice(2)}.${kind}`);
  await exportToFile(deps, prepareExport(deps, ExportRequest.parse({ kind, ...spec })), file, false);
  return file;
}

function balances(file: string, ...query: string[]): Record<string, string> {
  const bal = spawnSync('hledger', ['bal', '-f', file, '-N', '--flat', '-O', 'csv', ...query], {
    encoding: 'utf8',
  });
  expect(bal.stderr).toBe('');
  const rows = parse(bal.stdout, { columns: true }) as { account: string; balance: string }[];
  return Object.fromEntries(rows.map((r) => [r.account, r.balance]));
}

function beanQuery(file: string, query: string): string {
  const r = spawnSync('bean-query', ['-f', 'csv', file, query], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('investment accounts in the journals', () => {
  it('hledger check -s passes, and each security and the cash equal the holdings', async () => {
    const file = await journal('hledger');
    const check = spawnSync('hledger', ['check', '-s', '-f', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(balances(file, '^Assets:.*Brokerage')).toEqual({
      'Assets:Test-Bank:Brokerage:Cash': '1000.00 USD',
      'Assets:Test-Bank:Brokerage:FUND': '6 FUND',
      'Assets:Test-Bank:Brokerage:UNITED-STATES-TREASURY': '2.5 "UNITED-STATES-TREASURY"',
      'Assets:Test-Bank:Brokerage:OLD-X': '12.125 "OLD.X"',
    });
    const text = fs.readFileSync(file, 'utf8');
    // The buy is a conversion at the cash paid, commission included.
    expect(text).toMatch(/Assets:Test-Bank:Brokerage:ACME {2}10 ACME @@ 1005\.00 USD/);
    expect(text).toContain('commodity "UNITED-STATES-TREASURY"');
  });

  it('bean-check passes with FIFO lots, and the realized gains are the tax summary’s', async () => {
    const file = await journal('beancount');
    const check = spawnSync('bean-check', [file], { encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/open Assets:Test-Bank:Brokerage:FUND "FIFO"/);
    // Plaid's cost basis of a position never traded; 4 ACME from before the history, basis unknown.
    expect(text).toMatch(/Assets:Test-Bank:Brokerage:OLD-X {2}12\.125 OLD\.X \{\{150\.00 USD, /);
    expect(text).toMatch(
      /Assets:Test-Bank:Brokerage:ACME {2}4 ACME \{\{400\.00 USD, [\d-]+\}\}\n {4}basis: "unknown"/,
    );
    // 2024: +95 long-term ACME, −20 short-term FUND; the 2024-02-01 sale of the 4 opening ACME
    // at the stand-in basis (100 a share, the first known price) gains 200.
    const gains = beanQuery(
      file,
      "SELECT sum(number) AS gains WHERE account ~ 'Capital-Gains' AND year = 2024",
    );
    expect(Number(gains.trim().split('\n')[1])).toBeCloseTo(-(95 - 20 + 200), 6);
    const units = beanQuery(
      file,
      "SELECT account, sum(units(position)) AS units WHERE account ~ 'Brokerage' GROUP BY account",
    );
    expect(units).toMatch(/Brokerage:FUND\s*,\s*6\s+FUND/);
    expect(units).toMatch(/Brokerage:Cash\s*,\s*1000\.00\s+USD/);
  });

  it('a year ends on the positions held at its end', async () => {
    const file = await journal('hledger', { year: 2024, accountIds: ['acc-brokerage'] });
    expect(spawnSync('hledger', ['check', '-s', '-f', file]).status).toBe(0);
    const bal = balances(file, '^Assets');
    // Cash on 2024-12-31 is today's: no move after the year.
    expect(bal['Assets:Test-Bank:Brokerage:Cash']).toBe('1000.00 USD');
    expect(bal['Assets:Test-Bank:Brokerage:FUND']).toBe('6 FUND');
    expect(bal['Assets:Test-Bank:Brokerage:ACME']).toBeUndefined();
    const mid = await journal('beancount', { to: '2024-05-01', accountIds: ['acc-brokerage'] });
    expect(spawnSync('bean-check', [mid]).status).toBe(0);
    const h = await journal('hledger', { to: '2024-05-01', accountIds: ['acc-brokerage'] });
    // The holdings export's figures for that day: 10 ACME, 10 FUND, −300 USD cash.
    expect(balances(h, '^Assets')).toMatchObject({
      'Assets:Test-Bank:Brokerage:ACME': '10 ACME',
      'Assets:Test-Bank:Brokerage:FUND': '10 FUND',
      'Assets:Test-Bank:Brokerage:Cash': '-300.00 USD',
    });
  });

  it('names commodities by each tool’s rules', () => {
    const taken = new Set(['USD']);
    expect(commodityName('VTI', 'Vanguard', taken)).toBe('VTI');
    expect(commodityName('brk.b', null, taken)).toBe('BRK.B');
    expect(commodityName('F', 'Ford', taken)).toBe('F-X');
    expect(commodityName('123', null, taken)).toBe('X123');
    expect(commodityName('USD', null, taken)).toBe('USD-2');
    expect(commodityName(null, 'Ünïcode Bond Fund of the Very Long Name Kind', taken)).toBe(
      'UNICODE-BOND-FUND-OF-THE',
    );
    expect(commodityName(null, null, taken)).toBe('SECURITY');
    for (const s of taken) expect(s).toMatch(/^[A-Z][A-Z0-9'._-]{0,22}[A-Z0-9]$/);
  });
});
