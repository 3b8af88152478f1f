/**
 * The tax summary, investment CSVs and holdings at a date on a fixture year computed by hand:
 * a mortgage (snapshot near the year's end), a student loan (snapshot in August: an estimate),
 * qualified and ordinary dividends, a sale at a gain (long-term), one at a loss (short-term), and
 * one from shares held before the history Plaid returned (basis unknown).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRequest } from '../../../shared/contract/exports';
import { plaidRow, testLedger, type TestLedger } from '../transactions/testing';
import { insertBrokerage, MOVES } from './investment-fixture';
import { exportToFile, prepareExport, type ExportDeps } from './service';

let t: TestLedger;
let deps: ExportDeps;

const mortgage = {
  kind: 'mortgage',
  rateType: 'fixed',
  ratePercentage: 6.5,
  nextMonthlyPaymentMinor: 250000,
  escrowBalanceMinor: null,
  ytdInterestMinor: 845000,
  ytdPrincipalMinor: 300000,
  maturityDate: null,
  pastDueMinor: null,
  currentLateFeeMinor: null,
  loanTerm: '30 year',
  loanTypeDescription: 'conventional',
  originationDate: null,
  originationPrincipalMinor: null,
  propertyAddress: null,
  hasPmi: false,
  hasPrepaymentPenalty: false,
};
const student = {
  kind: 'student',
  loanName: 'Consolidation',
  guarantor: null,
  servicerAddress: null,
  repaymentPlan: 'standard',
  repaymentStatus: 'repayment',
  repaymentStatusEndDate: null,
  interestRatePercentage: 5.2,
  outstandingInterestMinor: null,
  expectedPayoffDate: null,
  ytdInterestMinor: 61234,
  ytdPrincipalMinor: 90000,
  originationDate: null,
  originationPrincipalMinor: null,
};

beforeAll(() => {
  t = testLedger();
  t.sync([
    {
      added: [
        plaidRow('bank-int', {
          amount: -1.23,
          date: '2024-03-31',
          personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_INTEREST_EARNED' },
        }),
        plaidRow('bank-fee', {
          amount: 35,
          date: '2024-02-02',
          personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_OVERDRAFT_FEES' },
        }),
      ],
    },
  ]);
  const db = t.ledger.db;
  t.ledger.write(() => {
    const account = db.prepare(
      `INSERT INTO accounts (account_id, item_id, name, mask, type, subtype, currency, current_minor, updated_at)
       VALUES (?, 'item-1', ?, NULL, ?, ?, 'USD', ?, '2025-01-15T00:00:00Z')`,
    );
    account.run('acc-mortgage', 'Home loan', 'loan', 'mortgage', 30000000);
    account.run('acc-student', 'Student loan', 'loan', 'student', 1500000);
    const liability = db.prepare(
      `INSERT INTO liabilities (account_id, item_id, kind, currency, detail_json, updated_at) VALUES (?, 'item-1', ?, 'USD', ?, ?)`,
    );
    liability.run('acc-mortgage', 'mortgage', JSON.stringify(mortgage), '2024-12-20T10:00:00Z');
    liability.run('acc-student', 'student', JSON.stringify(student), '2024-08-31T10:00:00Z');
  });
  insertBrokerage(t.ledger);
  deps = { ledger: t.ledger, dataDir: path.join(t.dir, 'data'), emit: () => undefined };
});

afterAll(() => t.close());

async function exportCsv(spec: Record<string, unknown>): Promise<Record<string, string>[]> {
  const file = path.join(t.dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  await exportToFile(deps, prepareExport(deps, ExportRequest.parse(spec)), file, false);
  return parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
}

const AMOUNT = 'amount (positive = counts toward the figure)';

describe('tax summary of a year', () => {
  it('matches the figures computed by hand, says where each comes from and flags estimates', async () => {
    const rows = await exportCsv({ kind: 'tax-summary', year: 2024 });
    const totals = Object.fromEntries(
      rows.filter((r) => r.line === 'total').map((r) => [r.figure, [r[AMOUNT], r.estimate]]),
    );
    expect(totals).toEqual({
      'mortgage interest': ['8450', 'false'],
      'student-loan interest': ['612.34', 'true'],
      // 40 qualified + 12.50 + 7.50 non-qualified; the 2023 dividend is another year's.
      'ordinary dividends': ['60', 'false'],
      'qualified dividends': ['40', 'false'],
      'capital gain distributions': ['0', 'false'],
      // 1.23 at the bank, 3.21 in the brokerage account.
      'interest income': ['4.44', 'false'],
      // 4 FUND bought 2024-03-01 at 50 (cost 200), sold 2024-09-03 for 180.
      'short-term capital gains': ['-20', 'false'],
      // 10 ACME bought 2023-03-01 for 1005, sold 2024-06-03 for 1100.
      'long-term capital gains': ['95', 'false'],
      // 4 ACME held before the first transaction, sold for 600.
      'sales with basis unknown': ['600', 'false'],
      // 35 overdraft + 25 account fee + 1 commission on the FUND sale.
      fees: ['61', 'false'],
      deductible: ['0', 'false'],
      charitable: ['0', 'false'],
    });
    const behind = (figure: string) =>
      rows.filter((r) => r.figure === figure && r.line === 'row').map((r) => [r.id, r[AMOUNT]]);
    expect(behind('qualified dividends')).toEqual([['div-q', '40']]);
    expect(behind('ordinary dividends')).toEqual([
      ['div-q', '40'],
      ['div-o', '12.5'],
      ['div-nq', '7.5'],
    ]);
    expect(behind('long-term capital gains')).toEqual([['sell-gain/1', '95']]);
    expect(behind('short-term capital gains')).toEqual([['sell-loss/1', '-20']]);
    expect(behind('sales with basis unknown')).toEqual([['sell-old/1', '600']]);
    expect(behind('fees')).toEqual([
      ['bank-fee', '35'],
      ['fee', '25'],
      ['sell-loss', '1'],
    ]);
    const student = rows.find((r) => r.figure === 'student-loan interest' && r.line === 'row');
    expect(student?.detail).toMatch(/^Estimate: .* as of 2024-08-31/);
    const gain = rows.find((r) => r.id === 'sell-gain/1');
    expect(gain?.detail).toBe('10 shares acquired 2023-03-01 for 1005 USD; sold for 1100 USD');
  });

  it('a year after the last liability snapshot has no loan figure, and says so', async () => {
    const rows = await exportCsv({ kind: 'tax-summary', year: 2023 });
    const mortgageRow = rows.find((r) => r.figure === 'mortgage interest' && r.line === 'row');
    expect(mortgageRow).toMatchObject({ [AMOUNT]: '', estimate: 'true' });
    expect(mortgageRow?.detail).toMatch(/No snapshot from 2023/);
    expect(rows.find((r) => r.figure === 'qualified dividends' && r.line === 'total')?.[AMOUNT]).toBe('99');
  });
});

describe('investment exports', () => {
  it('lists investment transactions with the CSV sign conventions', async () => {
    const rows = await exportCsv({ kind: 'investment-transactions', year: 2024 });
    expect(rows.map((r) => r.id)).toEqual(
      MOVES.filter((m) => m[1].startsWith('2024'))
        .map((m) => m[0])
        .sort((a, b) => MOVES.find((m) => m[0] === a)![1].localeCompare(MOVES.find((m) => m[0] === b)![1])),
    );
    expect(rows.find((r) => r.id === 'sell-loss')).toMatchObject({
      security: 'Index Fund',
      ticker: 'FUND',
      type: 'sell',
      'quantity (negative = shares out)': '-4',
      price: '45.25',
      'amount (negative = money out)': '180',
      'fees (positive = paid)': '1',
      currency: 'USD',
    });
    expect(rows.find((r) => r.id === 'buy-fund')?.['amount (negative = money out)']).toBe('-500');
  });

  it('holdings at a past date: positions rebuilt from the trades, cost basis by FIFO lots', async () => {
    const rows = await exportCsv({ kind: 'holdings', to: '2024-05-01' });
    const by = Object.fromEntries(rows.map((r) => [r.ticker, r]));
    expect(by.ACME).toMatchObject({
      quantity: '10',
      price: '150',
      'price date': '2024-02-01',
      value: '1500',
      'cost basis': '1005',
      'cost basis source': 'first-in-first-out lots of the trades',
    });
    expect(by.FUND).toMatchObject({ quantity: '10', 'cost basis': '500' });
    // Cash today (1000) less what arrived after 2024-05-01: 1100 + 12.50 + 180 + 7.50.
    expect(by['CUR:USD']).toMatchObject({ cash: 'true', value: '-300' });
  });

  it("holdings at the year's end with no trade since are Plaid's, with Plaid's cost basis", async () => {
    const rows = await exportCsv({ kind: 'holdings', year: 2024 });
    expect(rows.map((r) => [r.ticker, r.quantity, r['cost basis'], r['cost basis source']])).toEqual([
      ['FUND', '6', '300', "Plaid's cost basis on 2025-01-15 (no trades since)"],
      ['CUR:USD', '1000', '', 'cash'],
    ]);
  });

  it('a year with no investment data is refused with one sentence', async () => {
    await expect(exportCsv({ kind: 'investment-transactions', year: 2019 })).rejects.toThrow(
      'There are no investment transactions in 2019 for this choice.',
    );
    await expect(exportCsv({ kind: 'holdings', year: 2019 })).rejects.toThrow(
      'There are no holdings on 2019-12-31 for this choice.',
    );
  });
});
