/**
 * The list's read plans (ordered reads of the category, group, account and date indexes merged,
 * the date window clamped to a range, rows authorized after they posted read apart, cached search
 * matches) and the count and sum must return exactly what a brute-force filter over the same rows
 * returns, for any filter and any starting position.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionFilter, TransactionSummary } from '../../../shared/api';
import { openLedger } from '../ledger/ledger';
import { UNCATEGORIZED } from './categories';
import { splitTransaction, updateTransaction } from './edits';
import { listTransactions } from './queries';
import { rebuildSpending } from './spending';
import { summarize } from './totals';
import { plaidRow, testLedger, type TestLedger } from './testing';

let t: TestLedger;
afterEach(() => t?.close());

const CATEGORIES = [
  { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES' },
  { primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE' },
  { primary: 'TRANSPORTATION', detailed: 'TRANSPORTATION_GAS' },
  { primary: 'BANK_FEES', detailed: 'BANK_FEES_ATM_FEES' },
  { primary: 'TRANSFER_OUT', detailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER' },
  { primary: 'INCOME', detailed: 'INCOME_WAGES' },
  null,
];
const WORDS = ['coffee', 'market', 'fuel', 'bakery', 'olive', 'corner'];
const ACCOUNTS = ['acc-checking', 'acc-card', 'acc-eur'];

/** A deterministic pseudo-random sequence, so a failure replays. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const day = (n: number) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function seed(rows: number) {
  t = testLedger(ACCOUNTS.map((id) => ({ id, currency: id === 'acc-eur' ? 'EUR' : 'USD' })));
  const r = rng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const added = Array.from({ length: rows }, (_, i) => {
    // Dense dates (many rows a day, ids tie-break) over ~14 months; some old months sparse.
    const d = Math.floor(r() * r() * 420);
    const lag = r();
    const account = r() < 0.8 ? 'acc-checking' : pick(ACCOUNTS);
    const cat = r() < 0.6 ? CATEGORIES[0] : r() < 0.03 ? CATEGORIES[3] : pick(CATEGORIES);
    return plaidRow(`tx${String(i).padStart(5, '0')}${pick(['a', 'b'])}`, {
      date: day(420 - d),
      // Usually authorized a few days before posting; rarely after (the late branch).
      authorized_date: lag < 0.5 ? null : lag < 0.97 ? day(420 - d - Math.floor(r() * 5)) : day(421 - d + 3),
      amount: Math.round((r() < 0.1 ? -1 : 1) * r() * 20_000) / 100 || 1,
      account_id: account,
      iso_currency_code: account === 'acc-eur' ? 'EUR' : 'USD',
      pending: r() < 0.05,
      name: `${pick(WORDS)} ${i % 3 === 0 ? 'coffee' : 'shop'} ${i}`,
      merchant_name: r() < 0.3 ? null : `${pick(WORDS)} co`,
      personal_finance_category: cat,
    });
  });
  const pages = [];
  for (let i = 0; i < added.length; i += 500) pages.push({ added: added.slice(i, i + 500) });
  t.sync(pages);
  const db = t.ledger.db;
  const ids = added.map((a) => a.transaction_id);
  t.ledger.write(() => {
    for (let i = 0; i < 60; i++) {
      const id = ids[Math.floor(r() * ids.length)];
      const amount = (db
        .prepare(`SELECT amount_minor FROM transactions WHERE transaction_id = ?`)
        .pluck()
        .get(id) ?? 0) as number;
      const kind = i % 4;
      if (kind === 0 && Math.abs(amount) > 2) {
        const part = Math.trunc(amount / 2);
        splitTransaction(db, id, [
          {
            amountMinor: part,
            category: pick(['BANK_FEES_ATM_FEES', 'TRANSPORTATION_GAS', 'FOOD_AND_DRINK']),
          },
          { amountMinor: amount - part, category: r() < 0.5 ? null : 'INCOME_WAGES' },
        ]);
      } else if (kind === 1) updateTransaction(db, { id, category: pick(['BANK_FEES_ATM_FEES', 'INCOME']) });
      else if (kind === 2)
        updateTransaction(db, { id, tags: [pick(['work', 'trip'])], note: 'olive picnic' });
      else updateTransaction(db, { id, excluded: true });
    }
  });
}

interface Truth {
  id: string;
  account_id: string;
  date: string;
  spend_date: string;
  amount_minor: number;
  currency: string;
  pending: number;
  category: string | null;
  category_group: string | null;
  is_split: number;
  is_transfer: number;
  excluded: number;
  text: string;
  parts: { category: string | null; category_group: string | null }[];
  tags: string[];
}

/** Every row with the values a filter looks at, read plainly (no index choice involved). */
function truth(): Truth[] {
  const db = t.ledger.db;
  const rows = db
    .prepare(
      `SELECT transaction_id AS id, account_id, date, spend_date, amount_minor, currency, pending, category,
         category_group, is_split, is_transfer, excluded,
         concat_ws(' ', custom_name, name, merchant_name, note, category) AS text
       FROM transactions NOT INDEXED`,
    )
    .all() as Omit<Truth, 'parts' | 'tags'>[];
  const parts = db
    .prepare(`SELECT transaction_id, category, category_group FROM transaction_splits`)
    .all() as {
    transaction_id: string;
    category: string | null;
    category_group: string | null;
  }[];
  const tags = db.prepare(`SELECT transaction_id, tag FROM transaction_tags`).all() as {
    transaction_id: string;
    tag: string;
  }[];
  return rows.map((row) => ({
    ...row,
    parts: parts.filter((p) => p.transaction_id === row.id),
    tags: tags.filter((g) => g.transaction_id === row.id).map((g) => g.tag),
  }));
}

const tokens = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function matches(r: Truth, f: TransactionFilter): boolean {
  if (f.query !== undefined && tokens(f.query).length > 0) {
    const have = tokens(r.text);
    if (!tokens(f.query).every((w) => have.some((h) => h.startsWith(w)))) return false;
  }
  if (f.accountIds && f.accountIds.length > 0 && !f.accountIds.includes(r.account_id)) return false;
  const d = f.dateBasis === 'spending' ? r.spend_date : r.date;
  if (f.dateFrom !== undefined && d < f.dateFrom) return false;
  if (f.dateTo !== undefined && d > f.dateTo) return false;
  if (f.amountMin !== undefined && r.amount_minor < f.amountMin) return false;
  if (f.amountMax !== undefined && r.amount_minor > f.amountMax) return false;
  if (f.categories && f.categories.length > 0) {
    const ids = f.categories.filter((c) => c !== UNCATEGORIZED);
    const hit = (c: string | null, g: string | null) =>
      (c !== null && ids.includes(c)) || (g !== null && ids.includes(g));
    const byCategory =
      r.is_split === 0
        ? hit(r.category, r.category_group)
        : r.parts.some((p) => hit(p.category ?? r.category, p.category_group ?? r.category_group));
    if (!byCategory && !(f.categories.includes(UNCATEGORIZED) && r.category === null)) return false;
  }
  if (f.tags && f.tags.length > 0 && !r.tags.some((g) => f.tags?.includes(g))) return false;
  if (f.pending !== undefined && r.pending !== (f.pending ? 1 : 0)) return false;
  if (f.excludeTransfers === true && r.is_transfer !== 0) return false;
  if (f.excluded !== undefined && r.excluded !== (f.excluded ? 1 : 0)) return false;
  if (f.currency !== undefined && r.currency !== f.currency) return false;
  return true;
}

const below = (r: Truth, p: { date: string; id: string }) =>
  r.date < p.date || (r.date === p.date && r.id < p.id);
const newestFirst = (a: Truth, b: Truth) =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

function expectedSummary(rows: Truth[]): TransactionSummary {
  const by = new Map<string, { count: number; sum: number }>();
  for (const r of rows) {
    const c = by.get(r.currency) ?? { count: 0, sum: 0 };
    c.count++;
    c.sum += r.amount_minor;
    by.set(r.currency, c);
  }
  const byCurrency = [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, v]) => ({ currency, count: v.count, sumMinor: v.sum }));
  return { count: rows.length, byCurrency };
}

function walk(filter: TransactionFilter, limit: number, start: string | null): string[] {
  const out: string[] = [];
  let after = start;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = listTransactions(t.ledger.db, { ...filter, limit, after, includeTotal: false });
    expect(page.transactions.length).toBeLessThanOrEqual(limit);
    out.push(...page.transactions.map((r) => r.id));
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('the cursor never ended');
}

/** Filter fields that go together (a date range, an amount range). */
const KINDS: Record<string, (keyof TransactionFilter)[]> = {
  query: ['query'],
  accountIds: ['accountIds'],
  dateFrom: ['dateFrom', 'dateTo', 'dateBasis'],
  dateTo: ['dateTo', 'dateBasis'],
  amountMin: ['amountMin', 'amountMax'],
  amountMax: ['amountMax'],
  categories: ['categories'],
  tags: ['tags'],
  pending: ['pending'],
  excludeTransfers: ['excludeTransfers', 'excluded'],
  currency: ['currency'],
};

const cursor = (p: { date: string; id: string }) =>
  Buffer.from(JSON.stringify([p.date, p.id]), 'utf8').toString('base64url');

describe('list plans and totals against brute force', () => {
  it('return the same rows in the same order, and the same count and sum, for random filters', () => {
    seed(4000);
    const rows = truth();
    expect(rows.some((r) => r.is_split === 1)).toBe(true);
    expect(rows.some((r) => r.spend_date > r.date)).toBe(true);
    const dates = [
      '2023-01-15',
      '2023-06-01',
      '2023-12-31',
      '2024-01-01',
      '2024-01-31',
      '2024-02-10',
      '2024-02-29',
    ];
    const every = fc.record({
      query: fc.constantFrom('coffee', 'co', 'olive', 'market co', 'groceries', 'fuel 1', 'zzz', ' '),
      accountIds: fc.subarray(ACCOUNTS, { minLength: 1 }),
      dateFrom: fc.constantFrom(...dates),
      dateTo: fc.constantFrom(...dates),
      dateBasis: fc.constantFrom('date' as const, 'spending' as const),
      amountMin: fc.integer({ min: -5000, max: 15_000 }),
      amountMax: fc.integer({ min: 0, max: 20_000 }),
      categories: fc.subarray(
        [
          'FOOD_AND_DRINK',
          'FOOD_AND_DRINK_COFFEE',
          'BANK_FEES',
          'BANK_FEES_ATM_FEES',
          'INCOME',
          'TRANSPORTATION_GAS',
          UNCATEGORIZED,
        ],
        { minLength: 1 },
      ),
      tags: fc.subarray(['work', 'trip', 'none'], { minLength: 1 }),
      pending: fc.boolean(),
      excludeTransfers: fc.boolean(),
      excluded: fc.boolean(),
      currency: fc.constantFrom('USD', 'EUR'),
    });
    // One to three kinds of filter at a time: most plans serve a filter of one or two kinds, and a
    // dozen random kinds together leave nothing dense enough to walk.
    const filter: fc.Arbitrary<TransactionFilter> = fc
      .tuple(
        every,
        fc.shuffledSubarray(Object.keys(KINDS), {
          minLength: 1,
          maxLength: 3,
        }),
      )
      .map(([all, keys]) =>
        Object.fromEntries(keys.flatMap((k) => (KINDS[k] ?? []).map((x) => [x, all[x]]))),
      );
    fc.assert(
      fc.property(
        filter,
        fc.constantFrom(1, 37, 200),
        fc.option(fc.nat(rows.length - 1), { nil: null }),
        (f, limit, startAt) => {
          const all = rows.filter((r) => matches(r, f)).sort(newestFirst);
          const start = startAt === null ? null : { date: rows[startAt].date, id: rows[startAt].id };
          const expected = (start ? all.filter((r) => below(r, start)) : all).map((r) => r.id);
          // A page of one row walks thousands of pages: only for small results.
          if (limit === 1 && expected.length > 300) return;
          expect(walk(f, limit, start ? cursor(start) : null)).toEqual(expected);
          expect(summarize(t.ledger.db, f)).toEqual(expectedSummary(all));
        },
      ),
      { numRuns: 300 },
    );
    // 300 filters walked to the end at three page sizes: seconds on an idle machine, minutes on a busy one.
  }, 300_000);

  it('count and sum a range that covers most of a month: the whole month less the days outside it', () => {
    seed(4000);
    // Every month folded into the aggregate, as after a sync.
    rebuildSpending(t.ledger.db, (fn) => t.ledger.write(fn));
    expect(t.ledger.db.prepare('SELECT count(*) FROM spending_dirty').pluck().get()).toBe(0);
    const rows = truth();
    const ranges = [
      { dateFrom: '2023-11-01', dateTo: '2023-11-27' },
      { dateFrom: '2023-10-03', dateTo: '2023-12-31' },
      { dateFrom: '2023-09-02', dateTo: '2023-09-29' },
    ];
    for (const range of ranges) {
      for (const f of [
        { ...range, dateBasis: 'spending', excludeTransfers: true, excluded: false },
        { ...range, categories: ['FOOD_AND_DRINK', UNCATEGORIZED], dateBasis: 'spending' },
        { ...range, accountIds: ['acc-checking'], pending: false },
      ] satisfies TransactionFilter[]) {
        const expected = expectedSummary(rows.filter((r) => matches(r, f)));
        expect(expected.count).toBeGreaterThan(100);
        expect(summarize(t.ledger.db, f)).toEqual(expected);
      }
    }
  });

  it("read a common word's first page from the newest rows: the whole result's first page", () => {
    seed(4000);
    const db = t.ledger.db;
    const rows = truth();
    const filters: TransactionFilter[] = [
      { query: 'c' },
      { query: 'co' },
      { query: 'coffee' },
      { query: 'shop co' },
      { query: 'cof', accountIds: ['acc-checking'], dateTo: day(400) },
    ];
    const expected = filters.map((f) => rows.filter((r) => matches(r, f)).sort(newestFirst));
    filters.forEach((f, i) => {
      expect(expected[i].length).toBeGreaterThan(1000);
      const page = listTransactions(db, { ...f, limit: 200, after: null, includeTotal: false });
      expect(page.transactions.map((x) => x.id)).toEqual(expected[i].slice(0, 200).map((r) => r.id));
    });
    // None of these pages read every match of its word into the search cache.
    const cached = db.prepare(`SELECT count(*) FROM temp.sqlite_schema WHERE name = 'coffer_search_rows'`);
    expect(cached.pluck().get()).toBe(0);
    filters.forEach((f, i) => expect(walk(f, 200, null)).toEqual(expected[i].map((r) => r.id)));
  });

  it('see every change to the searched rows, from this connection or another one', () => {
    seed(4000);
    const db = t.ledger.db;
    const search = (query: string) => walk({ query }, 500, null);
    // Over 2,000 matches: pages are read from the newest rows, the count from the cached match set.
    const before = search('shop');
    expect(before.length).toBeGreaterThan(2000);
    const target = db
      .prepare(
        `SELECT transaction_id FROM transactions WHERE name NOT LIKE '%shop%' AND note IS NULL LIMIT 1`,
      )
      .pluck()
      .get() as string;
    expect(before).not.toContain(target);
    // A write on the same connection.
    t.ledger.write(() => updateTransaction(db, { id: target, note: 'shopping list' }));
    expect(search('shop')).toContain(target);
    expect(summarize(db, { query: 'shop' }).count).toBe(before.length + 1);
    // A write by another connection (the worker thread's, another process's).
    const other = openLedger(path.join(t.dir, 'ledger.sqlite'));
    try {
      other.write(() => updateTransaction(other.db, { id: target, note: null }));
    } finally {
      other.close();
    }
    expect(search('shop')).toEqual(before);
    // A write inside a transaction that is rolled back leaves no trace in later searches.
    expect(() =>
      t.ledger.write(() => {
        updateTransaction(db, { id: target, note: 'shopping again' });
        expect(search('shop')).toContain(target);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(search('shop')).toEqual(before);
  });
});
