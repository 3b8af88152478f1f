/**
 * Plaid's investments answer into the ledger, idempotently: the same answer processed twice
 * leaves the same rows. Holdings of the Item are replaced whole (Plaid sends the current ones),
 * investment transactions are replaced inside the window Plaid answered for (older ones stay:
 * they are the only record of history Plaid no longer returns), and the day's valuation of each
 * investment account is taken from the holdings.
 */
import { toMinor } from '../../../../shared/money';
import type { Ledger } from '../../ledger/ledger';
import { nowIso, stmt } from '../../ledger/statements';
import type { SyncRunCounts } from '../state';
import { currencyOf, type RawHolding, type RawInvestments, type RawSecurity } from './raw';

/** Plaid's cash positions (`CUR:USD`) are the account's uninvested cash, not a holding. */
export function isCashSecurity(security: Pick<RawSecurity, 'is_cash_equivalent' | 'ticker_symbol' | 'type'>) {
  return (
    security.type === 'cash' ||
    (security.ticker_symbol ?? '').startsWith('CUR:') ||
    (security.is_cash_equivalent === true && security.type == null)
  );
}

interface MergedHolding {
  accountId: string;
  securityId: string;
  quantity: number;
  price: number | null;
  priceAsOf: string | null;
  valueMinor: number;
  costBasisMinor: number | null;
  currency: string;
}

/**
 * One row per account and security: some institutions report a position in lots, and a second
 * row of the same security must add to the first, not appear twice.
 */
export function mergeHoldings(
  holdings: readonly RawHolding[],
  securities: ReadonlyMap<string, RawSecurity>,
  accountCurrency: (accountId: string) => string,
): MergedHolding[] {
  const merged = new Map<string, MergedHolding>();
  for (const h of holdings) {
    const security = securities.get(h.security_id);
    const currency =
      currencyOf(h) ?? (security ? currencyOf(security) : null) ?? accountCurrency(h.account_id);
    const price = h.institution_price ?? null;
    const value = h.institution_value ?? (price === null ? 0 : h.quantity * price);
    const row: MergedHolding = {
      accountId: h.account_id,
      securityId: h.security_id,
      quantity: h.quantity,
      price,
      priceAsOf: h.institution_price_as_of ?? null,
      valueMinor: toMinor(value, currency),
      // Plaid's cost_basis is the position's total cost, never a per-share price.
      costBasisMinor: h.cost_basis == null ? null : toMinor(h.cost_basis, currency),
      currency,
    };
    const key = `${h.account_id}\u0000${h.security_id}`;
    const before = merged.get(key);
    if (!before) {
      merged.set(key, row);
      continue;
    }
    before.quantity += row.quantity;
    before.valueMinor += row.valueMinor;
    before.costBasisMinor =
      before.costBasisMinor === null || row.costBasisMinor === null
        ? null
        : before.costBasisMinor + row.costBasisMinor;
    before.price ??= row.price;
    before.priceAsOf ??= row.priceAsOf;
  }
  return [...merged.values()];
}

function upsertSecurities(ledger: Ledger, securities: Iterable<RawSecurity>, at: string): void {
  const upsert = stmt(
    ledger.db,
    `INSERT INTO securities (security_id, name, ticker, type, subtype, is_cash, proxy_security_id,
       close_price, close_price_as_of, currency, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (security_id) DO UPDATE SET name = excluded.name, ticker = excluded.ticker,
       type = excluded.type, subtype = excluded.subtype, is_cash = excluded.is_cash,
       proxy_security_id = excluded.proxy_security_id, close_price = excluded.close_price,
       close_price_as_of = excluded.close_price_as_of, currency = excluded.currency,
       updated_at = excluded.updated_at`,
  );
  for (const s of securities)
    upsert.run(
      s.security_id,
      s.name ?? null,
      s.ticker_symbol ?? null,
      s.type ?? null,
      s.subtype ?? null,
      isCashSecurity(s) ? 1 : 0,
      s.proxy_security_id ?? null,
      s.close_price ?? null,
      s.close_price_as_of ?? null,
      currencyOf(s),
      at,
    );
}

/** A security a row names but the answer did not describe still needs its row (foreign key). */
function ensureSecurity(ledger: Ledger, securityId: string, at: string): void {
  stmt(
    ledger.db,
    `INSERT INTO securities (security_id, is_cash, updated_at) VALUES (?, 0, ?)
     ON CONFLICT (security_id) DO NOTHING`,
  ).run(securityId, at);
}

export function processInvestments(ledger: Ledger, itemId: string, raw: RawInvestments): SyncRunCounts {
  const at = nowIso();
  const accounts = new Map(
    (
      stmt(ledger.db, `SELECT account_id, currency, type FROM accounts WHERE item_id = ?`).all(itemId) as {
        account_id: string;
        currency: string;
        type: string;
      }[]
    ).map((a) => [a.account_id, a]),
  );
  const securities = new Map<string, RawSecurity>();
  for (const s of [...raw.transactions.securities, ...raw.holdings.securities])
    securities.set(s.security_id, s);
  upsertSecurities(ledger, securities.values(), at);

  // Rows of accounts the ledger does not hold (closed, or not shared at Link) have nowhere to go.
  const known = <T extends { account_id: string }>(rows: readonly T[]) =>
    rows.filter((r) => accounts.has(r.account_id));

  stmt(ledger.db, `DELETE FROM holdings WHERE item_id = ?`).run(itemId);
  const insertHolding = stmt(
    ledger.db,
    `INSERT INTO holdings (account_id, security_id, item_id, quantity, price, price_as_of, value_minor,
       cost_basis_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const holdings = mergeHoldings(
    known(raw.holdings.holdings),
    securities,
    (id) => accounts.get(id)?.currency ?? 'USD',
  );
  for (const h of holdings) {
    ensureSecurity(ledger, h.securityId, at);
    insertHolding.run(
      h.accountId,
      h.securityId,
      itemId,
      h.quantity,
      h.price,
      h.priceAsOf,
      h.valueMinor,
      h.costBasisMinor,
      h.currency,
    );
  }

  const { startDate, endDate } = raw.transactions;
  const before = new Set(
    stmt(
      ledger.db,
      `SELECT investment_transaction_id FROM investment_transactions
       WHERE item_id = ? AND date BETWEEN ? AND ?`,
    )
      .pluck()
      .all(itemId, startDate, endDate) as string[],
  );
  stmt(ledger.db, `DELETE FROM investment_transactions WHERE item_id = ? AND date BETWEEN ? AND ?`).run(
    itemId,
    startDate,
    endDate,
  );
  const insertTxn = stmt(
    ledger.db,
    `INSERT OR REPLACE INTO investment_transactions (investment_transaction_id, account_id, item_id,
       security_id, date, name, quantity, price, amount_minor, fees_minor, type, subtype, currency)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let added = 0;
  const seen = new Set<string>();
  for (const t of known(raw.transactions.investment_transactions)) {
    const currency = currencyOf(t) ?? accounts.get(t.account_id)?.currency ?? 'USD';
    if (t.security_id) ensureSecurity(ledger, t.security_id, at);
    insertTxn.run(
      t.investment_transaction_id,
      t.account_id,
      itemId,
      t.security_id ?? null,
      t.date,
      t.name,
      t.quantity,
      t.price,
      toMinor(t.amount, currency),
      t.fees == null ? null : toMinor(t.fees, currency),
      t.type,
      t.subtype,
      currency,
    );
    seen.add(t.investment_transaction_id);
    if (!before.has(t.investment_transaction_id)) added++;
  }
  const removed = [...before].filter((id) => !seen.has(id)).length;

  recordValuations(ledger, endDate, [...accounts.values()], holdings, securities);
  return { pages: 1, added, modified: 0, removed };
}

/** The day's value of each investment account, per currency, from the holdings just stored. */
function recordValuations(
  ledger: Ledger,
  date: string,
  accounts: readonly { account_id: string; currency: string; type: string }[],
  holdings: readonly MergedHolding[],
  securities: ReadonlyMap<string, RawSecurity>,
): void {
  const totals = new Map<string, { accountId: string; currency: string; value: number; cash: number }>();
  for (const a of accounts)
    if (a.type === 'investment')
      totals.set(`${a.account_id}\u0000${a.currency}`, {
        accountId: a.account_id,
        currency: a.currency,
        value: 0,
        cash: 0,
      });
  for (const h of holdings) {
    const key = `${h.accountId}\u0000${h.currency}`;
    const total = totals.get(key) ?? { accountId: h.accountId, currency: h.currency, value: 0, cash: 0 };
    total.value += h.valueMinor;
    const security = securities.get(h.securityId);
    if (security && isCashSecurity(security)) total.cash += h.valueMinor;
    totals.set(key, total);
  }
  const upsert = stmt(
    ledger.db,
    `INSERT INTO investment_valuations (account_id, currency, date, value_minor, cash_minor)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, currency, date) DO UPDATE SET value_minor = excluded.value_minor,
       cash_minor = excluded.cash_minor`,
  );
  for (const t of totals.values()) upsert.run(t.accountId, t.currency, date, t.value, t.cash);
}
