import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportRequest } from '../../../shared/contract/exports';
import { AppError } from '../errors';
import { createUserCategory } from '../transactions/categories';
import { splitTransaction, updateTransaction } from '../transactions/edits';
import { plaidRow, testLedger, type TestLedger } from '../transactions/testing';
import { createExportService, exportToFile, prepareExport, type ExportDeps } from './service';
import { exportRows, type ExportRow } from './transaction-rows';
import { TRANSACTION_COLUMNS } from './transactions-csv';

const AMOUNT = 'amount (negative = money out)';
/** What a spreadsheet evaluates when a cell starts with it (ASCII and full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const CORPUS = [
  '=1+2',
  '+41',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://x","y")',
  '\uFF1D1+2',
  '\uFF0B1',
  '\uFF0D1',
  '\uFF20SUM(A1)',
];

let t: TestLedger;
let out: string;
const events: { rows: number; total: number }[] = [];

type Target = { path: string; overwrite?: boolean };
type Job = ExportRequest & Target;

function request(over: Record<string, unknown> & Target): Job {
  const { path: file, overwrite, ...spec } = over;
  return { ...ExportRequest.parse({ kind: 'transactions', ...spec }), path: file, overwrite };
}

/** What the CLI does: ready the export, then write it to its path. */
async function writeExport(deps: ExportDeps, job: Job, onProgress?: (rows: number, total: number) => void) {
  const { path: file, overwrite, ...req } = job;
  return exportToFile(deps, prepareExport(deps, req, onProgress), file, overwrite ?? false);
}

function exportWith(job: Job, onProgress?: (rows: number, total: number) => void) {
  const deps: ExportDeps = {
    ledger: t.ledger,
    dataDir: path.join(t.dir, 'data'),
    emit: (name, payload) => {
      if (name === 'export.progress') events.push(payload as { rows: number; total: number });
    },
  };
  return writeExport(deps, job, onProgress);
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

function unescape(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

beforeEach(() => {
  t = testLedger();
  out = fs.mkdtempSync(path.join(t.dir, 'out-'));
  events.length = 0;
  t.sync([
    {
      added: [
        ...CORPUS.map((text, i) =>
          plaidRow(`inj-${i}`, { name: text, merchant_name: text, amount: -(i + 1.25), date: '2024-02-01' }),
        ),
        plaidRow('grocery', { amount: 84.1, merchant_name: 'Whole Foods', date: '2024-03-02' }),
        plaidRow('split-me', { amount: 100, merchant_name: 'Costco', date: '2024-04-05' }),
        plaidRow('salary', {
          amount: -2500,
          merchant_name: 'Acme Payroll',
          date: '2024-05-01',
          personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
        }),
        plaidRow('card-buy', {
          account_id: 'acc-card',
          amount: 42.42,
          merchant_name: 'Shop',
          date: '2024-06-01',
        }),
        plaidRow('to-savings', { amount: 300, date: '2024-07-01', name: 'Transfer to savings' }),
        plaidRow('from-checking', {
          account_id: 'acc-savings',
          amount: -300,
          date: '2024-07-02',
          name: 'Transfer from checking',
        }),
        plaidRow('old', { amount: 10, merchant_name: 'Cafe', date: '2023-12-31' }),
        plaidRow('pending-one', { amount: 5, merchant_name: 'Cafe', date: '2024-08-01', pending: true }),
      ],
    },
  ]);
  t.ledger.write(() => {
    const evil = createUserCategory(t.ledger.db, '=cmd|calc', 'FOOD_AND_DRINK');
    CORPUS.forEach((text, i) =>
      updateTransaction(t.ledger.db, { id: `inj-${i}`, note: text, tags: [text], category: evil.id }),
    );
    splitTransaction(t.ledger.db, 'split-me', [
      { amountMinor: 6000, category: 'FOOD_AND_DRINK_GROCERIES', note: 'food' },
      { amountMinor: 4000, category: 'GENERAL_MERCHANDISE_SUPERSTORES', note: '-household' },
    ]);
  });
});

afterEach(() => t.close());

describe('transactions CSV', () => {
  it('reads the same rows in pages of any size, never parting a split from its parts', async () => {
    const read = async (size: number) => {
      const pages: ExportRow[][] = [];
      for await (const page of exportRows(t.ledger.db, { pending: false }, size)) pages.push(page);
      return pages;
    };
    const whole = (await read(1000)).flat();
    expect(whole.filter((r) => r.transactionId === 'split-me').map((r) => r.splitPart)).toEqual([1, 2]);
    for (const size of [1, 2, 5]) {
      const pages = await read(size);
      expect(pages.flat()).toEqual(whole);
      for (const page of pages)
        expect(new Set(page.map((r) => r.transactionId)).size).toBeLessThanOrEqual(size);
      expect(pages.filter((p) => p.some((r) => r.transactionId === 'split-me'))).toHaveLength(1);
    }
  });

  it('round-trips the ledger rows for a year, one row per split part, with no live formula', async () => {
    const file = path.join(out, 'tx.csv');
    const result = await exportWith(request({ year: 2024, path: file, bom: true }));
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n').length).toBeGreaterThan(10);
    const rows = readCsv(file);
    expect(Object.keys(rows[0])).toEqual([...TRANSACTION_COLUMNS]);
    // 11 corpus rows, grocery, 2 split parts, salary, card, 2 transfer halves, pending (not 'old': 2023).
    expect(rows).toHaveLength(19);
    expect(result.rows).toBe(19);
    expect(events.at(-1)).toEqual({ name: 'coffer-transactions-2024.csv', rows: 19, total: 19 });

    for (const row of rows)
      for (const [column, cell] of Object.entries(row)) {
        if (column === AMOUNT) expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
        else expect(cell, `${column}: ${JSON.stringify(cell)}`).not.toMatch(FORMULA_START);
      }

    CORPUS.forEach((text, i) => {
      const row = rows.find((r) => r.id === `inj-${i}`);
      expect(row).toBeDefined();
      expect(unescape(row?.name ?? '')).toBe(text);
      expect(unescape(row?.merchant ?? '')).toBe(text);
      expect(unescape(row?.notes ?? '')).toBe(text);
      expect(unescape(row?.tags ?? '')).toBe(text);
      expect(unescape(row?.category ?? '')).toBe('=cmd|calc');
      expect(Number(row?.[AMOUNT])).toBe(i + 1.25);
    });

    const parts = rows.filter((r) => r['split group'] === 'split-me');
    expect(parts.map((r) => [r.id, r['split part'], r[AMOUNT], r['category id'], unescape(r.notes)])).toEqual(
      [
        ['split-me/1', '1', '-60', 'FOOD_AND_DRINK_GROCERIES', 'food'],
        ['split-me/2', '2', '-40', 'GENERAL_MERCHANDISE_SUPERSTORES', '-household'],
      ],
    );
    expect(parts.reduce((sum, r) => sum + Number(r[AMOUNT]), 0)).toBe(-100);

    const grocery = rows.find((r) => r.id === 'grocery');
    expect(grocery).toMatchObject({
      [AMOUNT]: '-84.1',
      currency: 'USD',
      pending: 'false',
      transfer: 'false',
    });
    expect(rows.find((r) => r.id === 'pending-one')?.pending).toBe('true');
    expect(rows.find((r) => r.id === 'to-savings')?.transfer).toBe('true');
    expect(rows.find((r) => r.id === 'salary')?.[AMOUNT]).toBe('2500');
  });

  it('filters by accounts, categories and tags, and a split matches by its parts', async () => {
    const card = path.join(out, 'card.csv');
    await exportWith(request({ from: '2024-01-01', to: '2024-12-31', accountIds: ['acc-card'], path: card }));
    expect(readCsv(card).map((r) => r.id)).toEqual(['card-buy']);
    const merch = path.join(out, 'merch.csv');
    await exportWith(request({ year: 2024, categories: ['GENERAL_MERCHANDISE'], path: merch }));
    expect(readCsv(merch).map((r) => r.id)).toEqual(['split-me/1', 'split-me/2']);
    const tagged = path.join(out, 'tagged.csv');
    await exportWith(request({ year: 2024, tags: ['=1+2'], path: tagged }));
    expect(readCsv(tagged).map((r) => r.id)).toEqual(['inj-0']);
  });

  it('never shows a half-written file: a failure mid-write leaves neither the file nor a temporary one', async () => {
    const file = path.join(out, 'fails.csv');
    const failing = exportWith(request({ year: 2024, path: file }), () => {
      throw new Error('disk went away');
    });
    await expect(failing).rejects.toThrow(/nothing was written/);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('refuses to replace an existing file unless asked, and then replaces it whole', async () => {
    const file = path.join(out, 'keep.csv');
    fs.writeFileSync(file, 'precious');
    await expect(exportWith(request({ year: 2024, path: file }))).rejects.toMatchObject({
      code: 'EXPORT_EXISTS',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
    await exportWith(request({ year: 2024, path: file, overwrite: true }));
    expect(readCsv(file)).toHaveLength(19);
    expect(fs.readdirSync(out)).toEqual(['keep.csv']);
  });

  it('answers bad input with one sentence and writes nothing', async () => {
    const file = path.join(out, 'none.csv');
    await expect(exportWith(request({ year: 2019, path: file }))).rejects.toThrow(
      new AppError('NOTHING_TO_EXPORT', 'There are no transactions in 2019 for this choice.'),
    );
    expect(() => request({ from: '2024-05-01', to: '2024-04-01', path: file })).toThrow(
      /The range ends before it starts/,
    );
    expect(() => ExportRequest.parse({ kind: 'xlsx' })).toThrow();
    await expect(
      exportWith(request({ year: 2024, path: path.join(out, 'no-such-dir', 'x.csv') })),
    ).rejects.toThrow(/does not exist/);
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('plain-text accounting', () => {
  it("writes an hledger journal that `hledger check -s` accepts, with Coffer's balances", async () => {
    const file = path.join(out, 'coffer.journal');
    await exportWith({ ...request({ path: file }), kind: 'hledger' });
    const check = run('hledger', ['check', '-s', '-f', file]);
    expect(check.out).toBe('');
    expect(check.status).toBe(0);
    const bal = run('hledger', ['bal', '-f', file, '-N', '--flat', '-O', 'csv', '^Assets', '^Liabilities']);
    expect(bal.status).toBe(0);
    const balances = Object.fromEntries(
      (parse(bal.out, { columns: true }) as { account: string; balance: string }[]).map((r) => [
        r.account,
        r.balance,
      ]),
    );
    // The test ledger's stored balances: 1.00 in each account (the card's is a debt).
    expect(balances).toEqual({
      'Assets:Test-Bank:Acc-checking-0000': '1.00 USD',
      'Assets:Test-Bank:Acc-savings-0000': '1.00 USD',
      'Liabilities:Test-Bank:Acc-card-0000': '-1.00 USD',
    });
    const journal = fs.readFileSync(file, 'utf8');
    // The transfer is one transaction between the two accounts.
    expect(journal).toMatch(
      /Transfer to savings.*\n {2}Assets:Test-Bank:Acc-checking-0000 {2}-300\.00 USD\n {2}Assets:Test-Bank:Acc-savings-0000 {2}300\.00 USD/,
    );
    expect(journal).not.toContain('Transfer from checking');
    // One posting per split part.
    expect(journal).toMatch(
      /Costco.*\n.*-100\.00 USD\n.*Groceries {2}60\.00 USD\n.*Superstores {2}40\.00 USD/,
    );
  });

  it('writes a beancount file that bean-check accepts, with the same balances', async () => {
    const file = path.join(out, 'coffer.beancount');
    await exportWith({ ...request({ path: file }), kind: 'beancount' });
    const check = run('bean-check', [file]);
    expect(check.out).toBe('');
    expect(check.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/balance Assets:Test-Bank:Acc-checking-0000 {2}1\.00 USD/);
  });

  it("a range starts from an opening balance, so its closing balances still equal Coffer's", async () => {
    const file = path.join(out, 'range.journal');
    await exportWith({ ...request({ from: '2024-03-01', path: file }), kind: 'hledger' });
    expect(run('hledger', ['check', '-s', '-f', file]).status).toBe(0);
    const bal = run('hledger', ['bal', '-f', file, '-N', '--flat', '-O', 'csv', 'checking']);
    expect(bal.out).toContain('"Assets:Test-Bank:Acc-checking-0000","1.00 USD"');
    expect(fs.readFileSync(file, 'utf8')).toContain('Opening balance');
  });
});

describe('tax summary', () => {
  const pfc = (detailed: string) => ({ primary: 'GOVERNMENT_AND_NON_PROFIT', detailed });
  it('matches the figures computed by hand, each with the rows behind it', async () => {
    const y = testLedger();
    try {
      y.sync([
        {
          added: [
            plaidRow('int-1', {
              amount: -1.23,
              date: '2024-03-31',
              personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_INTEREST_EARNED' },
            }),
            plaidRow('int-2', {
              amount: -4.56,
              date: '2024-06-30',
              account_id: 'acc-savings',
              personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_INTEREST_EARNED' },
            }),
            plaidRow('int-old', {
              amount: -9,
              date: '2023-12-31',
              personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_INTEREST_EARNED' },
            }),
            plaidRow('fee', {
              amount: 35,
              merchant_name: 'Bank',
              date: '2024-02-02',
              personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_OVERDRAFT_FEES' },
            }),
            plaidRow('fee-refund', {
              amount: -10,
              merchant_name: 'Bank',
              date: '2024-02-09',
              personal_finance_category: { primary: 'BANK_FEES', detailed: 'BANK_FEES_OVERDRAFT_FEES' },
            }),
            plaidRow('gift', {
              amount: 100,
              merchant_name: 'Red Cross',
              date: '2024-04-01',
              personal_finance_category: pfc('GOVERNMENT_AND_NON_PROFIT_DONATIONS'),
            }),
            plaidRow('mixed', { amount: 80, merchant_name: 'Charity shop', date: '2024-05-01' }),
            plaidRow('pending-gift', {
              amount: 20,
              merchant_name: 'Red Cross',
              date: '2024-12-30',
              pending: true,
              personal_finance_category: pfc('GOVERNMENT_AND_NON_PROFIT_DONATIONS'),
            }),
            plaidRow('doctor', {
              amount: 120,
              merchant_name: 'Clinic',
              date: '2024-07-01',
              personal_finance_category: { primary: 'MEDICAL', detailed: 'MEDICAL_PRIMARY_CARE' },
            }),
          ],
        },
      ]);
      const deps = { ledger: y.ledger, dataDir: path.join(y.dir, 'data'), emit: () => undefined };
      const handlers = createExportService(deps, () => null);
      await handlers['tax.setMark']({
        categoryId: 'GOVERNMENT_AND_NON_PROFIT_DONATIONS',
        mark: 'charitable',
      });
      const { marks } = await handlers['tax.setMark']({ categoryId: 'MEDICAL', mark: 'deductible' });
      expect(marks).toEqual([
        { categoryId: 'GOVERNMENT_AND_NON_PROFIT_DONATIONS', mark: 'charitable' },
        { categoryId: 'MEDICAL', mark: 'deductible' },
      ]);
      y.ledger.write(() =>
        splitTransaction(y.ledger.db, 'mixed', [
          { amountMinor: 5000, category: 'GOVERNMENT_AND_NON_PROFIT_DONATIONS' },
          { amountMinor: 3000, category: 'FOOD_AND_DRINK_GROCERIES' },
        ]),
      );
      const file = path.join(y.dir, 'tax-2024.csv');
      const result = await writeExport(deps, request({ kind: 'tax-summary', year: 2024, path: file }));
      const rows = readCsv(file);
      const amount = 'amount (positive = counts toward the figure)';
      const totals = Object.fromEntries(
        rows.filter((r) => r.line === 'total').map((r) => [r.figure, r[amount]]),
      );
      expect(totals).toMatchObject({
        'interest income': '5.79',
        fees: '25',
        deductible: '120',
        charitable: '150',
      });
      const behind = (figure: string) =>
        rows.filter((r) => r.figure === figure && r.line === 'row').map((r) => [r.id, r[amount]]);
      expect(behind('interest income')).toEqual([
        ['int-1', '1.23'],
        ['int-2', '4.56'],
      ]);
      expect(behind('fees')).toEqual([
        ['fee', '35'],
        ['fee-refund', '-10'],
      ]);
      expect(behind('deductible')).toEqual([['doctor', '120']]);
      expect(behind('charitable')).toEqual([
        ['gift', '100'],
        ['mixed/1', '50'],
      ]);
      expect(result.rows).toBe(7);
    } finally {
      y.close();
    }
  });
});
