/**
 * Exports of a synced simulator Item (the demo bank with its brokerage, IRA and 401(k)): the CSV
 * parsed back equals the ledger's rows for the same filter, the journals pass hledger's and
 * beancount's own checkers with Coffer's balances (bank accounts: their balance; investment
 * accounts: their cash and each security's quantity), and `coffer export` refuses bad input with
 * one line and no file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { Core } from '../../src/main/services/core';
import { commodityName } from '../../src/main/services/exports/journal-investments';
import type { Account, Transaction } from '../../src/shared/api';
import type { PortfolioHoldings } from '../../src/shared/contract/portfolio';
import { ExportRequest } from '../../src/shared/contract/exports';
import { fromMinor } from '../../src/shared/money';
import { call, FIRST_PLATYPUS, simulatorSuite, tempDir } from './helpers';

const AMOUNT = 'amount (negative = money out)';
const suite = simulatorSuite();
let core: Core;
let dataDir: string;
let out: string;
let year: number;

async function listAll(filter: Record<string, unknown>): Promise<Transaction[]> {
  const rows: Transaction[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { transactions: Transaction[]; next: string | null } = await call(core, 'transactions.list', {
      ...filter,
      limit: 1000,
      after,
      includeTotal: false,
    });
    rows.push(...page.transactions);
    if (page.next === null) return rows;
    after = page.next;
  }
}

/** A quantity as both sides write it for comparing: 6 decimals are finer than any trade here. */
function amountText(quantity: number, commodity: string): string {
  return `${quantity.toFixed(6)} ${commodity}`;
}

/** `hledger bal` of the asset and liability accounts, one amount per account. */
function hledgerBalances(journal: string): { account: string; amount: string }[] {
  const bal = spawnSync(
    'hledger',
    ['bal', '-f', journal, '-N', '--flat', '-O', 'csv', '^(Assets|Liabilities)'],
    {
      encoding: 'utf8',
    },
  );
  expect(bal.stderr).toBe('');
  return (parse(bal.stdout, { columns: true }) as { account: string; balance: string }[]).map((r) => {
    const [quantity, commodity] = r.balance.split(' ');
    return { account: r.account, amount: amountText(Number(quantity), commodity.replace(/"/g, '')) };
  });
}

/**
 * The journal's balances: an investment account is a parent of `Cash` and one account per security
 * (a balance in shares, or its cash, marks one).
 */
function byParent(balances: { account: string; amount: string }[]) {
  const parents = new Map<string, string[]>();
  const banking: string[] = [];
  for (const { account, amount } of balances) {
    const parent = account.replace(/:[^:]+$/, '');
    const holdsShares = (b: { account: string; amount: string }) =>
      b.account.replace(/:[^:]+$/, '') === parent &&
      (b.account.endsWith(':Cash') || !b.amount.endsWith(' USD'));
    if (balances.some(holdsShares)) parents.set(parent, [...(parents.get(parent) ?? []), amount]);
    else banking.push(amount);
  }
  return { parents: parents.values(), banking };
}

/** Accounts compared as sets of their balances, whatever the journal named them. */
function signatures(accounts: Iterable<string[]>): string[] {
  return [...accounts].map((amounts) => [...amounts].sort().join(' | ')).sort();
}

/** The commodity names the export gives the securities (the simulator's never collide). */
class Symbols {
  private readonly taken = new Set(['USD']);
  private readonly bySecurity = new Map<string, string>();
  of(securityId: string, ticker: string | null, name: string | null): string {
    let symbol = this.bySecurity.get(securityId);
    if (symbol === undefined) {
      symbol = commodityName(ticker, name, this.taken);
      this.bySecurity.set(securityId, symbol);
    }
    return symbol;
  }
  names(): string[] {
    return [...this.bySecurity.values()];
  }
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
}

/** What the CLI does with its --out: the window's exports.write has no path (a dialog or a download). */
function writeAt(spec: Record<string, unknown>, file: string) {
  return core.exports.writeAt(core.exports.prepare(ExportRequest.parse(spec)), file, false);
}

beforeAll(async () => {
  ({ core, dataDir } = await suite.freshCore());
  out = tempDir('coffer-exports-');
  // The demo bank with its brokerage, IRA and 401(k): the journals carry their trades too.
  const outcome = await core.linkSandboxItem(FIRST_PLATYPUS, ['transactions', 'investments']);
  if (outcome.status !== 'linked') throw new Error('link failed');
  const newest = (await listAll({})).map((t) => t.date).sort();
  year = Number(newest[0].slice(0, 4)) + 1;
}, 120_000);

describe('exports of a synced Item', () => {
  it("a year's transactions CSV parsed back equals the ledger's rows for that year", async () => {
    const file = path.join(out, 'year.csv');
    const result = await writeAt({ kind: 'transactions', year }, file);
    const rows = readCsv(file);
    const ledger = await listAll({ dateFrom: `${year}-01-01`, dateTo: `${year}-12-31` });
    expect(ledger.length).toBeGreaterThan(100);
    expect(result.rows).toBe(rows.length);
    expect(rows.length).toBe(ledger.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const t of ledger) {
      const row = byId.get(t.id);
      expect(row, t.id).toBeDefined();
      expect(row?.date).toBe(t.date);
      expect(Number(row?.[AMOUNT])).toBe(fromMinor(-t.amountMinor, t.currency));
      expect(row?.currency).toBe(t.currency);
      expect(row?.pending).toBe(String(t.pending));
    }
  });

  it('hledger and beancount accept the journals, and their balances equal the accounts and holdings', async () => {
    const journal = path.join(out, 'all.journal');
    const beancount = path.join(out, 'all.beancount');
    await writeAt({ kind: 'hledger' }, journal);
    await writeAt({ kind: 'beancount' }, beancount);
    const check = spawnSync('hledger', ['check', '-s', '-f', journal], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const bean = spawnSync('bean-check', [beancount], { encoding: 'utf8' });
    expect(`${bean.stdout}${bean.stderr}`).toBe('');
    expect(bean.status).toBe(0);

    const { accounts } = await call<{ accounts: Account[] }>(core, 'accounts.list');
    const portfolio = await call<PortfolioHoldings>(core, 'portfolio.holdings');
    expect(portfolio.accounts.length).toBeGreaterThan(1);
    const investing = new Set(portfolio.accounts.map((a) => a.accountId));
    const { parents, banking } = byParent(hledgerBalances(journal));
    const expectedBanking = accounts
      .filter((a) => !investing.has(a.id) && a.currentMinor !== null && a.currentMinor !== 0)
      .map((a) => {
        const signed =
          a.type === 'credit' || a.type === 'loan' ? -(a.currentMinor ?? 0) : (a.currentMinor ?? 0);
        return amountText(fromMinor(signed, a.currency), a.currency);
      });
    expect(expectedBanking.length).toBeGreaterThan(2);
    expect(banking.sort()).toEqual(expectedBanking.sort());

    const symbols = new Symbols();
    const expectedInvesting = portfolio.accounts.map((a) =>
      a.holdings
        .filter((h) => h.quantity !== 0)
        .map((h) =>
          h.isCash
            ? amountText(fromMinor(h.valueMinor, h.currency), h.currency)
            : amountText(h.quantity, symbols.of(h.securityId, h.ticker, h.name)),
        ),
    );
    // The simulator's Treasury note has no ticker; its commodity is named after it.
    expect(symbols.names()).toContain('UNITED-STATES-TREASURY');
    expect(signatures(parents)).toEqual(signatures(expectedInvesting));

    // A year ends on the positions the holdings export gives for that year's last day.
    const yearJournal = path.join(out, 'year.journal');
    await writeAt({ kind: 'hledger', year }, yearJournal);
    expect(spawnSync('hledger', ['check', '-s', '-f', yearJournal]).status).toBe(0);
    const atYearEnd = path.join(out, 'holdings.csv');
    await writeAt({ kind: 'holdings', year }, atYearEnd);
    const held = new Map<string, string[]>();
    for (const h of readCsv(atYearEnd)) {
      if (Number(h.quantity) === 0) continue;
      const amount =
        h.cash === 'true'
          ? amountText(Number(h.value), h.currency)
          : amountText(Number(h.quantity), symbols.of(h['security id'], h.ticker || null, h.security));
      held.set(h['account id'], [...(held.get(h['account id']) ?? []), amount]);
    }
    expect(held.size).toBe(portfolio.accounts.length);
    expect(signatures(byParent(hledgerBalances(yearJournal)).parents)).toEqual(signatures(held.values()));
  });

  it('coffer export writes the file once, then refuses to overwrite it, and says why in one line', async () => {
    const file = path.join(out, 'cli.csv');
    const run = async (...args: string[]) => {
      const lines = { out: [] as string[], err: [] as string[] };
      const previous = { id: process.env.PLAID_CLIENT_ID, secret: process.env.PLAID_SECRET };
      process.env.PLAID_CLIENT_ID = suite.sim.clientId;
      process.env.PLAID_SECRET = suite.sim.secret;
      try {
        const code = await main([...args, '--data-dir', dataDir, '--plaid-url', suite.sim.url], {
          out: (l) => lines.out.push(l),
          err: (l) => lines.err.push(l),
        });
        return { code, ...lines };
      } finally {
        process.env.PLAID_CLIENT_ID = previous.id;
        process.env.PLAID_SECRET = previous.secret;
      }
    };
    const first = await run('export', 'transactions', '--year', String(year), '--out', file);
    expect(first.code, first.err.join('\n')).toBe(0);
    expect(first.out).toEqual([
      expect.stringMatching(/^transactions export written: .*cli\.csv \(\d+ rows, \d+ bytes\)$/),
    ]);
    const before = fs.readFileSync(file, 'utf8');

    const again = await run('export', 'transactions', '--year', String(year), '--out', file);
    expect(again.code).toBe(1);
    expect(again.err).toEqual([
      expect.stringMatching(/already exists; choose another name or allow overwriting\.$/),
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    const replaced = await run('export', 'hledger', '--year', String(year), '--out', file, '--overwrite');
    expect(replaced.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('; Exported by Coffer.');

    const noData = await run('export', 'transactions', '--year', '1999', '--out', path.join(out, 'none.csv'));
    expect(noData.err).toEqual([
      'coffer export transactions: There are no transactions in 1999 for this choice.',
    ]);
    const backwards = await run(
      'export',
      'beancount',
      '--from',
      '2024-05-01',
      '--to',
      '2024-04-01',
      '--out',
      path.join(out, 'b.beancount'),
    );
    expect(backwards.code).toBe(2);
    expect(backwards.err).toHaveLength(1);
    expect(backwards.err[0]).toContain('--to 2024-04-01 is before --from 2024-05-01.');
    const unknown = await run('export', 'xlsx', '--out', path.join(out, 'x.xlsx'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toHaveLength(1);
    expect(unknown.err[0]).toMatch(/xlsx/);
    const noInvestments = await run(
      'export',
      'investment-transactions',
      '--year',
      '1999',
      '--out',
      path.join(out, 'inv.csv'),
    );
    expect(noInvestments.code).toBe(1);
    expect(noInvestments.err).toEqual([
      'coffer export investment-transactions: There are no investment transactions in 1999 for this choice.',
    ]);
    const proc = await run('export', 'transactions', '--year', String(year), '--out', '/proc/coffer.csv');
    expect(proc.code).toBe(1);
    expect(proc.err).toEqual(['coffer export transactions: Coffer may not write in /proc.']);
    const unwritable = await run('export', 'transactions', '--out', path.join(out, 'missing', 'x.csv'));
    expect(unwritable.code).toBe(1);
    expect(unwritable.err[0]).toMatch(/does not exist\.$/);
    // bean-check may leave its parse cache (.<file>.picklecache) beside a file it took long to read.
    const written = fs.readdirSync(out).filter((f) => !f.endsWith('.picklecache'));
    expect(written.sort()).toEqual([
      'all.beancount',
      'all.journal',
      'cli.csv',
      'holdings.csv',
      'year.csv',
      'year.journal',
    ]);
  });
});
