import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction, TransactionFilter } from '../../../shared/api';
import { createUserCategory, listCategories } from './categories';
import { splitTransaction, unsplitTransaction, updateTransaction } from './edits';
import { filterSql } from './filter-sql';
import { getTransaction, listTransactions } from './queries';
import { summarize } from './totals';
import { applyRulesToHistory, createRule, updateRule } from './rules';
import { incomeVsExpenses, rebuildSpending, spendingByCategory } from './spending';
import { plaidRow, testLedger, type TestLedger } from './testing';

let t: TestLedger;
afterEach(() => t?.close());

const db = () => t.ledger.db;
const write = <T>(fn: () => T) => t.ledger.write(fn);
const get = (id: string): Transaction => {
  const row = getTransaction(db(), id);
  if (!row) throw new Error(`no ${id}`);
  return row;
};
const ids = (filter: TransactionFilter = {}) => {
  const out: string[] = [];
  let after: string | null = null;
  do {
    const page = listTransactions(db(), { ...filter, limit: 3, after });
    out.push(...page.transactions.map((r) => r.id));
    after = page.next;
  } while (after);
  return out;
};
const groceries = { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' };

describe('pending → posted keeps the user edits', () => {
  const pendingRow = plaidRow('p1', {
    pending: true,
    amount: 20,
    merchant_name: 'Olive Garden',
    date: '2024-03-01',
  });
  const posted = (amount = 20) =>
    plaidRow('q1', {
      amount,
      merchant_name: 'Olive Garden',
      date: '2024-03-03',
      pending_transaction_id: 'p1',
    });

  function editPending() {
    write(() =>
      updateTransaction(db(), {
        id: 'p1',
        category: 'FOOD_AND_DRINK_RESTAURANT',
        note: 'dinner with Sam',
        tags: ['friends'],
        excluded: true,
      }),
    );
  }

  it('carries category, note, tags and excluded when removal and successor arrive in different syncs', () => {
    t = testLedger();
    t.sync([{ added: [pendingRow] }]);
    editPending();
    t.sync([{ removed: ['p1'] }]);
    expect(getTransaction(db(), 'p1')).toBeNull();
    expect(ids()).toEqual([]);
    t.sync([{ added: [posted()] }]);
    expect(get('q1')).toMatchObject({
      pending: false,
      category: 'FOOD_AND_DRINK_RESTAURANT',
      categorySource: 'user',
      note: 'dinner with Sam',
      tags: ['friends'],
      excluded: true,
      locked: ['category', 'note', 'tags', 'excluded'],
    });
    expect(ids()).toEqual(['q1']);
    // The tombstone is gone once its successor arrived.
    expect(db().prepare('SELECT count(*) FROM pending_tombstones').pluck().get()).toBe(0);
  });

  it('carries the edits when the successor arrives on an earlier page than the removal', () => {
    t = testLedger();
    t.sync([{ added: [pendingRow] }]);
    editPending();
    t.sync([{ added: [posted()] }, { removed: ['p1'] }]);
    expect(ids()).toEqual(['q1']);
    expect(get('q1')).toMatchObject({ note: 'dinner with Sam', tags: ['friends'], excluded: true });
  });

  it('keeps a split whose posted amount differs, flags it for review and shows the difference', () => {
    t = testLedger();
    t.sync([{ added: [pendingRow] }]);
    write(() =>
      splitTransaction(db(), 'p1', [
        { amountMinor: 1500, category: 'FOOD_AND_DRINK_RESTAURANT', note: 'me' },
        { amountMinor: 500, category: 'FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR' },
      ]),
    );
    t.sync([{ removed: ['p1'] }, { added: [posted(23)] }]);
    const q = get('q1');
    expect(q.splits.map((p) => p.amountMinor)).toEqual([1500, 500]);
    expect(q.review).toEqual({ reason: 'amount_changed', pendingAmountMinor: 2000, differenceMinor: 300 });
    // Spending still counts the whole posted amount: the tip goes to the row's own category.
    const cells = spendingByCategory(db(), { from: '2024-03', to: '2024-03', level: 'category' });
    expect(cells.reduce((s, c) => s + c.amountMinor, 0)).toBe(2300);
    // Re-splitting clears the review.
    write(() =>
      splitTransaction(db(), 'q1', [
        { amountMinor: 1800, category: 'FOOD_AND_DRINK_RESTAURANT' },
        { amountMinor: 500, category: null },
      ]),
    );
    expect(get('q1').review).toBeNull();
  });

  it('forgets a tombstone whose successor never came once the retention window passed', () => {
    t = testLedger();
    t.sync([{ added: [pendingRow] }]);
    editPending();
    t.sync([{ removed: ['p1'] }]);
    expect(db().prepare('SELECT count(*) FROM pending_tombstones').pluck().get()).toBe(1);
    t.sync([{ added: [plaidRow('later', { date: '2024-03-20' })] }]);
    expect(db().prepare('SELECT count(*) FROM pending_tombstones').pluck().get()).toBe(1);
    t.sync([{ added: [plaidRow('much-later', { date: '2024-04-15' })] }]);
    expect(db().prepare('SELECT count(*) FROM pending_tombstones').pluck().get()).toBe(0);
  });
});

describe('user edits lock their field', () => {
  it('survive a Plaid modification, and clearing one shows Plaid’s new value', () => {
    t = testLedger();
    t.sync([{ added: [plaidRow('a', { name: 'SQ *COFFEE', personal_finance_category: groceries })] }]);
    write(() => updateTransaction(db(), { id: 'a', category: 'FOOD_AND_DRINK_COFFEE', name: 'Corner café' }));
    t.sync([
      {
        modified: [
          plaidRow('a', {
            name: 'SQ *COFFEE SHOP',
            amount: 13,
            personal_finance_category: { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_FAST_FOOD' },
          }),
        ],
      },
    ]);
    expect(get('a')).toMatchObject({
      name: 'Corner café',
      originalName: 'SQ *COFFEE SHOP',
      amountMinor: 1300,
      category: 'FOOD_AND_DRINK_COFFEE',
      categoryName: 'Coffee',
      categoryDetailed: 'FOOD_AND_DRINK_FAST_FOOD',
    });
    write(() => updateTransaction(db(), { id: 'a', category: null, name: null }));
    expect(get('a')).toMatchObject({
      name: 'SQ *COFFEE SHOP',
      category: 'FOOD_AND_DRINK_FAST_FOOD',
      categorySource: 'plaid',
      locked: [],
    });
  });

  it('refuses a category that does not exist', () => {
    t = testLedger();
    t.sync([{ added: [plaidRow('a')] }]);
    expect(() => updateTransaction(db(), { id: 'a', category: 'NOT_A_THING' })).toThrow(/no category/);
  });
});

describe('rules', () => {
  it('apply on ingest and on request to history, never over a user edit', () => {
    t = testLedger();
    t.sync([
      {
        added: [
          plaidRow('old1', {
            merchant_name: 'Starbucks',
            name: 'STARBUCKS 123',
            personal_finance_category: groceries,
          }),
          plaidRow('old2', {
            merchant_name: 'Starbucks',
            name: 'STARBUCKS 456',
            personal_finance_category: groceries,
          }),
          plaidRow('other', { merchant_name: 'Safeway', personal_finance_category: groceries }),
        ],
      },
    ]);
    write(() =>
      updateTransaction(db(), { id: 'old2', category: 'FOOD_AND_DRINK_RESTAURANT', tags: ['mine'] }),
    );
    const rule = write(() =>
      createRule(db(), {
        name: 'Coffee',
        enabled: true,
        conditions: { merchantContains: 'starb', amountMax: 5000 },
        actions: { category: 'FOOD_AND_DRINK_COFFEE', addTags: ['caffeine'], rename: 'Starbucks' },
      }),
    );
    // Not yet applied to history.
    expect(get('old1').category).toBe('FOOD_AND_DRINK_GROCERIES');
    const result = applyRulesToHistory(db(), rule.id, write);
    expect(result.matched).toBe(2);
    expect(get('old1')).toMatchObject({
      category: 'FOOD_AND_DRINK_COFFEE',
      categorySource: 'rule',
      tags: ['caffeine'],
      name: 'Starbucks',
      originalName: 'STARBUCKS 123',
    });
    // The user's category and tags win.
    expect(get('old2')).toMatchObject({
      category: 'FOOD_AND_DRINK_RESTAURANT',
      tags: ['mine'],
      name: 'Starbucks',
    });
    expect(get('other').category).toBe('FOOD_AND_DRINK_GROCERIES');
    // On ingest: a new matching row gets the rule straight away; an amount outside the range does not.
    t.sync([
      {
        added: [
          plaidRow('new', { merchant_name: 'STARBUCKS RESERVE', personal_finance_category: groceries }),
          plaidRow('big', { merchant_name: 'Starbucks', amount: 80, personal_finance_category: groceries }),
        ],
      },
    ]);
    expect(get('new')).toMatchObject({ category: 'FOOD_AND_DRINK_COFFEE', tags: ['caffeine'] });
    expect(get('big').category).toBe('FOOD_AND_DRINK_GROCERIES');
    // Disabled and re-run: its results go, the user's stay.
    write(() => updateRule(db(), { id: rule.id, enabled: false }));
    applyRulesToHistory(db(), null, write);
    expect(get('old1')).toMatchObject({
      category: 'FOOD_AND_DRINK_GROCERIES',
      tags: [],
      name: 'STARBUCKS 123',
    });
    expect(get('old2')).toMatchObject({ category: 'FOOD_AND_DRINK_RESTAURANT', tags: ['mine'] });
  });
});

describe('splits', () => {
  it('validate that parts sum to the whole and are not zero, and can be undone', () => {
    t = testLedger();
    t.sync([{ added: [plaidRow('a', { amount: 100 })] }]);
    expect(() =>
      splitTransaction(db(), 'a', [
        { amountMinor: 6000, category: 'FOOD_AND_DRINK_GROCERIES' },
        { amountMinor: 3000, category: 'GENERAL_MERCHANDISE_ELECTRONICS' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'SPLIT_SUM_MISMATCH' }));
    expect(() => splitTransaction(db(), 'a', [{ amountMinor: 10000, category: null }])).toThrow(
      expect.objectContaining({ code: 'SPLIT_INVALID' }),
    );
    expect(() =>
      splitTransaction(db(), 'a', [
        { amountMinor: 10000, category: null },
        { amountMinor: 0, category: null },
      ]),
    ).toThrow(expect.objectContaining({ code: 'SPLIT_INVALID' }));
    write(() =>
      splitTransaction(db(), 'a', [
        { amountMinor: 7000, category: 'FOOD_AND_DRINK_GROCERIES' },
        { amountMinor: 3000, category: 'GENERAL_MERCHANDISE_ELECTRONICS', note: 'cable' },
      ]),
    );
    expect(get('a').splits).toEqual([
      { amountMinor: 7000, category: 'FOOD_AND_DRINK_GROCERIES', categoryName: 'Groceries', note: null },
      {
        amountMinor: 3000,
        category: 'GENERAL_MERCHANDISE_ELECTRONICS',
        categoryName: 'Electronics',
        note: 'cable',
      },
    ]);
    // A split is found under each part's category, and spending counts the parts.
    expect(ids({ categories: ['GENERAL_MERCHANDISE'] })).toEqual(['a']);
    const cells = spendingByCategory(db(), { from: '2024-03', to: '2024-03', level: 'group' });
    expect(cells.map((c) => [c.category, c.amountMinor])).toEqual([
      ['FOOD_AND_DRINK', 7000],
      ['GENERAL_MERCHANDISE', 3000],
    ]);
    write(() => unsplitTransaction(db(), 'a'));
    expect(get('a').splits).toEqual([]);
    expect(ids({ categories: ['GENERAL_MERCHANDISE'] })).toEqual([]);
  });
});

describe('search and filters', () => {
  function seed() {
    t = testLedger();
    t.sync([
      {
        added: [
          plaidRow('s1', {
            merchant_name: 'Starbucks',
            name: 'STARBUCKS #123',
            date: '2024-03-05',
            amount: 4.5,
          }),
          plaidRow('s2', {
            merchant_name: 'Blue Bottle Coffee',
            date: '2024-03-06',
            amount: 6,
            account_id: 'acc-card',
          }),
          plaidRow('s3', {
            merchant_name: 'Whole Foods Market',
            date: '2024-02-20',
            amount: 84.2,
            personal_finance_category: groceries,
          }),
          plaidRow('s4', {
            name: 'Payroll',
            amount: -2500,
            date: '2024-03-01',
            personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
          }),
          plaidRow('s5', { merchant_name: 'Café Crème', date: '2024-03-07', amount: 3.2, pending: true }),
        ],
      },
      {
        added: [
          plaidRow('e1', {
            merchant_name: 'Monoprix',
            iso_currency_code: 'EUR',
            amount: 10,
            date: '2024-03-08',
          }),
        ],
      },
    ]);
  }

  it('finds by merchant prefix, note, category words and the user’s own name, kept in step on change', () => {
    seed();
    expect(ids({ query: 'starb' })).toEqual(['s1']);
    expect(ids({ query: 'creme' })).toEqual(['s5']); // diacritics folded
    expect(ids({ query: 'groceries' })).toEqual(['e1', 's5', 's2', 's1', 's3'].filter((id) => id !== 's4'));
    write(() =>
      updateTransaction(db(), { id: 's3', note: 'birthday party supplies', name: 'Party shopping' }),
    );
    expect(ids({ query: 'birthday' })).toEqual(['s3']);
    expect(ids({ query: 'party shop' })).toEqual(['s3']);
    expect(ids({ query: 'whole foods' })).toEqual(['s3']);
    t.sync([{ removed: ['s1'] }]);
    expect(ids({ query: 'starbucks' })).toEqual([]);
    expect(ids({ query: '  ' }).length).toBe(5);
  });

  it('filters by account, dates, amounts, categories, tags, pending, currency; count and sum match the rows', () => {
    seed();
    write(() => updateTransaction(db(), { id: 's2', tags: ['work'] }));
    expect(ids({ accountIds: ['acc-card'] })).toEqual(['s2']);
    expect(ids({ dateFrom: '2024-03-05', dateTo: '2024-03-06' })).toEqual(['s2', 's1']);
    expect(ids({ amountMin: 400, amountMax: 600 })).toEqual(['s2', 's1']);
    expect(ids({ categories: ['INCOME'] })).toEqual(['s4']);
    expect(ids({ categories: ['FOOD_AND_DRINK_GROCERIES'] })).toEqual(['e1', 's5', 's2', 's1', 's3']);
    expect(ids({ tags: ['work'] })).toEqual(['s2']);
    expect(ids({ pending: true })).toEqual(['s5']);
    expect(ids({ currency: 'EUR' })).toEqual(['e1']);
    const filter: TransactionFilter = { dateFrom: '2024-03-01' };
    const all = ids(filter);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(['e1', 's5', 's2', 's1', 's4']);
    expect(summarize(db(), filter)).toEqual({
      count: 5,
      byCurrency: [
        { currency: 'EUR', count: 1, sumMinor: 1000 },
        { currency: 'USD', count: 4, sumMinor: 450 + 600 - 250000 + 320 },
      ],
    });
    expect(listTransactions(db(), { ...filter, limit: 2, after: null }).total).toBe(5);
    expect(listTransactions(db(), { ...filter, limit: 2, after: null, includeTotal: false }).total).toBe(-1);
  });
});

describe('spending', () => {
  it('nets refunds, leaves out transfers and exclusions, includes pending, months by authorized date, per currency', () => {
    t = testLedger([
      { id: 'acc-checking' },
      { id: 'acc-card' },
      { id: 'acc-savings' },
      { id: 'acc-eur', currency: 'EUR' },
    ]);
    t.sync([
      {
        added: [
          // Bought on Feb 28, posted Mar 2: February.
          plaidRow('buy', {
            amount: 50,
            date: '2024-03-02',
            authorized_date: '2024-02-28',
            merchant_name: 'Kroger',
            personal_finance_category: groceries,
          }),
          plaidRow('refund', {
            amount: -10,
            date: '2024-02-10',
            merchant_name: 'Kroger',
            personal_finance_category: groceries,
          }),
          plaidRow('pend', {
            amount: 5,
            date: '2024-02-27',
            pending: true,
            merchant_name: 'Kroger',
            personal_finance_category: groceries,
          }),
          // Own transfer detected as a pair (no merchant, opposite amounts, 2 days apart, two accounts).
          plaidRow('out', {
            amount: 100,
            date: '2024-02-05',
            name: 'ONLINE XFER',
            personal_finance_category: {
              primary: 'GENERAL_SERVICES',
              detailed: 'GENERAL_SERVICES_OTHER_GENERAL_SERVICES',
            },
          }),
          plaidRow('in', {
            amount: -100,
            date: '2024-02-07',
            account_id: 'acc-savings',
            name: 'ONLINE XFER',
            personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_OTHER_INCOME' },
          }),
          // Paying one's own card: a transfer by category.
          plaidRow('ccpay', {
            amount: 300,
            date: '2024-02-15',
            name: 'CREDIT CARD PAYMENT',
            personal_finance_category: {
              primary: 'LOAN_PAYMENTS',
              detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
            },
          }),
          plaidRow('excl', {
            amount: 40,
            date: '2024-02-16',
            merchant_name: 'Kroger',
            personal_finance_category: groceries,
          }),
          plaidRow('wage', {
            amount: -2000,
            date: '2024-02-01',
            name: 'PAYROLL',
            personal_finance_category: { primary: 'INCOME', detailed: 'INCOME_WAGES' },
          }),
          plaidRow('eur', {
            amount: 7,
            date: '2024-02-11',
            account_id: 'acc-eur',
            iso_currency_code: 'EUR',
            merchant_name: 'Monoprix',
            personal_finance_category: groceries,
          }),
          plaidRow('mar', {
            amount: 9,
            date: '2024-03-09',
            merchant_name: 'Kroger',
            personal_finance_category: groceries,
          }),
        ],
      },
    ]);
    write(() => updateTransaction(db(), { id: 'excl', excluded: true }));
    expect(get('out').transfer).toBe(true);
    expect(get('in').transfer).toBe(true);
    expect(get('ccpay').transfer).toBe(true);
    expect(get('buy').transfer).toBe(false);

    const check = () => {
      const feb = spendingByCategory(db(), { from: '2024-02', to: '2024-02', level: 'category' });
      expect(feb).toEqual([
        expect.objectContaining({
          month: '2024-02',
          currency: 'EUR',
          category: 'FOOD_AND_DRINK_GROCERIES',
          amountMinor: 700,
          pendingMinor: 0,
          count: 1,
        }),
        expect.objectContaining({
          month: '2024-02',
          currency: 'USD',
          category: 'FOOD_AND_DRINK_GROCERIES',
          categoryName: 'Groceries',
          amountMinor: 5000 - 1000 + 500,
          pendingMinor: 500,
          count: 3,
        }),
      ]);
      expect(incomeVsExpenses(db(), { from: '2024-02', to: '2024-03', currency: 'USD' })).toEqual([
        { month: '2024-02', currency: 'USD', incomeMinor: 200000, expensesMinor: 4500, pendingMinor: 500 },
        { month: '2024-03', currency: 'USD', incomeMinor: 0, expensesMinor: 900, pendingMinor: 0 },
      ]);
      // The chart's drill-down lists exactly the rows behind the cell, and their sum is the cell.
      const drill: TransactionFilter = {
        dateBasis: 'spending',
        dateFrom: '2024-02-01',
        dateTo: '2024-02-29',
        categories: ['FOOD_AND_DRINK_GROCERIES'],
        excludeTransfers: true,
        excluded: false,
        currency: 'USD',
      };
      expect(ids(drill).sort()).toEqual(['buy', 'pend', 'refund']);
      expect(summarize(db(), drill).byCurrency).toEqual([{ currency: 'USD', count: 3, sumMinor: 4500 }]);
    };
    check(); // dirty months computed live
    expect(rebuildSpending(db(), write)).toBeGreaterThan(0);
    expect(db().prepare('SELECT count(*) FROM spending_dirty').pluck().get()).toBe(0);
    check(); // from the aggregate
    // Recategorising the transfer by hand makes it count again.
    write(() => updateTransaction(db(), { id: 'out', category: 'GENERAL_SERVICES_OTHER_GENERAL_SERVICES' }));
    expect(get('out').transfer).toBe(false);
    const group = spendingByCategory(db(), {
      from: '2024-02',
      to: '2024-02',
      level: 'group',
      currency: 'USD',
    });
    expect(group.find((c) => c.category === 'GENERAL_SERVICES')?.amountMinor).toBe(10000);
  });

  it('pairs only opposite amounts on two accounts within a few days, never merchant rows', () => {
    t = testLedger();
    t.sync([
      {
        added: [
          plaidRow('a', { amount: 75, date: '2024-01-10', personal_finance_category: null }),
          plaidRow('b', {
            amount: -75,
            date: '2024-01-20',
            account_id: 'acc-savings',
            personal_finance_category: null,
          }),
          plaidRow('c', {
            amount: 30,
            date: '2024-01-10',
            merchant_name: 'Target',
            personal_finance_category: null,
          }),
          plaidRow('d', {
            amount: -30,
            date: '2024-01-11',
            account_id: 'acc-card',
            merchant_name: 'Target',
            personal_finance_category: null,
          }),
          plaidRow('e', { amount: 42, date: '2024-01-10', personal_finance_category: null }),
          plaidRow('f', { amount: -42, date: '2024-01-10', personal_finance_category: null }),
        ],
      },
    ]);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => get(id).transfer)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    t.sync([{ added: [plaidRow('g', { amount: 75, date: '2024-01-18', personal_finance_category: null })] }]);
    expect(get('g').transfer).toBe(true);
    expect(get('b').transfer).toBe(true);
    // The partner goes: the other side is single again.
    t.sync([{ removed: ['b'] }]);
    expect(get('g').transfer).toBe(false);
  });
});

describe('categories', () => {
  it('name Plaid’s taxonomy readably and keep the user’s own, counted under a chosen group', () => {
    t = testLedger();
    const all = listCategories(db());
    const byId = new Map(all.map((c) => [c.id, c]));
    expect(byId.get('FOOD_AND_DRINK_COFFEE')).toMatchObject({
      name: 'Coffee',
      group: 'FOOD_AND_DRINK',
      kind: 'detailed',
    });
    expect(byId.get('ENTERTAINMENT_TV_AND_MOVIES')?.name).toBe('TV and movies');
    expect(byId.get('TRANSFER_IN')).toMatchObject({ kind: 'primary', side: 'transfer' });
    expect(all.filter((c) => c.kind === 'primary')).toHaveLength(16);
    const gig = write(() => createUserCategory(db(), 'Side gig', 'INCOME'));
    expect(gig).toMatchObject({ id: 'user:side-gig', kind: 'user', group: 'INCOME', side: 'income' });
    const hobby = write(() => createUserCategory(db(), 'Pottery', null));
    expect(hobby).toMatchObject({ id: 'user:pottery', group: 'user:pottery', side: 'spending' });
    expect(() => createUserCategory(db(), 'pottery', null)).toThrow(/already exists/);
    // A built-in name, in any case, is refused: lists would show two "Coffee".
    expect(() => createUserCategory(db(), ' coffee ', null)).toThrow(
      '"Coffee" is already one of the built-in categories (under Food and drink): use it, or choose another name.',
    );
    expect(() => createUserCategory(db(), 'Income', 'INCOME')).toThrow(
      /"Income" is already one of the built-in/,
    );
    expect(listCategories(db()).filter((c) => c.name.toLowerCase() === 'coffee')).toHaveLength(1);
    t.sync([{ added: [plaidRow('a', { amount: 30 }), plaidRow('b', { amount: -300 })] }]);
    write(() => updateTransaction(db(), { id: 'a', category: hobby.id }));
    write(() => updateTransaction(db(), { id: 'b', category: gig.id }));
    expect(get('a')).toMatchObject({ categoryName: 'Pottery', categoryGroup: 'user:pottery' });
    expect(spendingByCategory(db(), { from: '2024-03', to: '2024-03', level: 'group' })).toEqual([
      expect.objectContaining({ category: 'user:pottery', categoryName: 'Pottery', amountMinor: 3000 }),
    ]);
    expect(incomeVsExpenses(db(), { from: '2024-03', to: '2024-03' })[0]).toMatchObject({
      incomeMinor: 30000,
    });
    expect(ids({ categories: ['user:pottery'] })).toEqual(['a']);
  });
});

describe('count and sum of a filtered set', () => {
  it('match the rows themselves for random filters, from the aggregate or row by row', () => {
    t = testLedger([{ id: 'acc-checking' }, { id: 'acc-card' }, { id: 'acc-eur', currency: 'EUR' }]);
    const cats = [
      groceries,
      { primary: 'INCOME', detailed: 'INCOME_WAGES' },
      { primary: 'TRAVEL', detailed: 'TRAVEL_FLIGHTS' },
    ];
    const rows = Array.from({ length: 400 }, (_, i) => {
      const day = new Date(Date.UTC(2024, 0, 1) + ((i * 37) % 200) * 86_400_000).toISOString().slice(0, 10);
      const auth = i % 3 === 0 ? new Date(Date.parse(day) - 3 * 86_400_000).toISOString().slice(0, 10) : null;
      return plaidRow(`r${i}`, {
        date: day,
        authorized_date: auth,
        amount: (((i * 7919) % 20_000) - 5000) / 100,
        account_id: ['acc-checking', 'acc-card', 'acc-eur'][i % 3],
        iso_currency_code: i % 3 === 2 ? 'EUR' : 'USD',
        pending: i % 17 === 0,
        merchant_name: i % 5 === 0 ? null : `Shop ${i % 7}`,
        personal_finance_category: cats[i % cats.length],
      });
    });
    t.sync([{ added: rows.slice(0, 200) }, { added: rows.slice(200) }]);
    write(() => updateTransaction(db(), { id: 'r4', excluded: true }));
    write(() =>
      splitTransaction(db(), 'r10', [
        { amountMinor: 100, category: 'TRAVEL_FLIGHTS' },
        { amountMinor: get('r10').amountMinor - 100, category: null },
      ]),
    );
    const expected = (f: TransactionFilter) => {
      const { where, params } = filterSql(f);
      return db()
        .prepare(
          `SELECT t.currency AS currency, count(*) AS count, sum(t.amount_minor) AS sumMinor FROM transactions t
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY t.currency ORDER BY t.currency`,
        )
        .all(params);
    };
    const dates = ['2024-01-01', '2024-01-15', '2024-02-29', '2024-03-10', '2024-04-30', '2024-06-30'];
    fc.assert(
      fc.property(
        fc.record(
          {
            accountIds: fc.subarray(['acc-checking', 'acc-card', 'acc-eur'], { minLength: 1 }),
            dateFrom: fc.constantFrom(...dates),
            dateTo: fc.constantFrom(...dates),
            dateBasis: fc.constantFrom('date' as const, 'spending' as const),
            categories: fc.subarray(['FOOD_AND_DRINK', 'INCOME_WAGES', 'TRAVEL_FLIGHTS', 'UNCATEGORIZED'], {
              minLength: 1,
            }),
            pending: fc.boolean(),
            excludeTransfers: fc.constant(true),
            excluded: fc.boolean(),
            currency: fc.constantFrom('USD', 'EUR'),
          },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        (filter, rebuilt) => {
          if (rebuilt) rebuildSpending(db(), write);
          else
            write(() =>
              db().prepare(`INSERT OR IGNORE INTO spending_dirty (month) VALUES ('2024-02')`).run(),
            );
          const got = summarize(db(), filter);
          expect(got.byCurrency).toEqual(expected(filter));
        },
      ),
      { numRuns: 300 },
    );
  });
});
