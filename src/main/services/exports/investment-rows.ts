/**
 * The ledger's investment rows for exports: transactions in batches (keyset pages, oldest first),
 * the share moves that build FIFO lots, and holdings at a date. Plaid gives today's holdings and
 * the transactions; a past day's position is today's less the moves since, priced at the last
 * trade price on or before that day (else today's price, and the price date says so).
 */
import { currencyExponent } from '../../../shared/money';
import type { Db } from '../ledger/statements';
import { positionKey, runLots, type LotMove } from './lots';
import type { ExportFilter } from './transaction-rows';

export interface InvestmentRow {
  id: string;
  date: string;
  accountId: string;
  accountName: string;
  securityId: string | null;
  securityName: string | null;
  ticker: string | null;
  isCash: boolean;
  name: string;
  quantity: number;
  price: number;
  /** Plaid's sign: + cash leaves the account. */
  amountMinor: number;
  feesMinor: number | null;
  type: string;
  subtype: string;
  currency: string;
}

interface RawRow {
  investment_transaction_id: string;
  date: string;
  account_id: string;
  account_name: string;
  security_id: string | null;
  security_name: string | null;
  ticker: string | null;
  is_cash: number | null;
  name: string;
  quantity: number;
  price: number;
  amount_minor: number;
  fees_minor: number | null;
  type: string;
  subtype: string;
  currency: string;
}

type RangeFilter = Pick<ExportFilter, 'accountIds' | 'dateFrom' | 'dateTo'>;

function where(filter: RangeFilter) {
  const clauses = ['1'];
  const params: Record<string, string> = {};
  if (filter.dateFrom) {
    clauses.push('t.date >= @dateFrom');
    params.dateFrom = filter.dateFrom;
  }
  if (filter.dateTo) {
    clauses.push('t.date <= @dateTo');
    params.dateTo = filter.dateTo;
  }
  if (filter.accountIds?.length) {
    const names = filter.accountIds.map((id, i) => {
      params[`account${i}`] = id;
      return `@account${i}`;
    });
    clauses.push(`t.account_id IN (${names.join(', ')})`);
  }
  return { sql: clauses.join(' AND '), params };
}

export function countInvestmentRows(db: Db, filter: RangeFilter): number {
  const { sql, params } = where(filter);
  return (
    db.prepare(`SELECT count(*) AS n FROM investment_transactions t WHERE ${sql}`).get(params) as {
      n: number;
    }
  ).n;
}

export async function* investmentRows(
  db: Db,
  filter: RangeFilter,
  batch = 2000,
): AsyncGenerator<InvestmentRow[]> {
  const { sql, params } = where(filter);
  const page = db.prepare(
    `SELECT t.investment_transaction_id, t.date, t.account_id, a.name AS account_name, t.security_id,
       s.name AS security_name, s.ticker, s.is_cash, t.name, t.quantity, t.price, t.amount_minor,
       t.fees_minor, t.type, t.subtype, t.currency
     FROM investment_transactions t
     JOIN accounts a ON a.account_id = t.account_id
     LEFT JOIN securities s ON s.security_id = t.security_id
     WHERE ${sql} AND (t.date, t.investment_transaction_id) > (@afterDate, @afterId)
     ORDER BY t.date, t.investment_transaction_id LIMIT @batch`,
  );
  let afterDate = '';
  let afterId = '';
  for (;;) {
    const raw = page.all({ ...params, afterDate, afterId, batch }) as RawRow[];
    if (raw.length === 0) return;
    const last = raw[raw.length - 1];
    afterDate = last.date;
    afterId = last.investment_transaction_id;
    yield raw.map((r) => ({
      id: r.investment_transaction_id,
      date: r.date,
      accountId: r.account_id,
      accountName: r.account_name,
      securityId: r.security_id,
      securityName: r.security_name,
      ticker: r.ticker,
      isCash: r.is_cash === 1,
      name: r.name,
      quantity: r.quantity,
      price: r.price,
      amountMinor: r.amount_minor,
      feesMinor: r.fees_minor,
      type: r.type,
      subtype: r.subtype,
      currency: r.currency,
    }));
    if (raw.length < batch) return;
  }
}

/** Every share move of the accounts' whole history (lots need what came before the range). */
export function lotMoves(db: Db, accountIds: readonly string[] | undefined): LotMove[] {
  const { sql, params } = where({ accountIds: accountIds ? [...accountIds] : undefined });
  return (
    db
      .prepare(
        `SELECT t.investment_transaction_id AS id, t.date, t.account_id AS accountId, t.security_id AS securityId,
           t.quantity, t.amount_minor AS amountMinor, t.currency
         FROM investment_transactions t JOIN securities s ON s.security_id = t.security_id
         WHERE ${sql} AND s.is_cash = 0 AND t.quantity != 0
         ORDER BY t.date, t.investment_transaction_id`,
      )
      .all(params) as LotMove[]
  ).map((m) => ({ ...m }));
}

interface HoldingRaw {
  account_id: string;
  account_name: string;
  security_id: string;
  security_name: string | null;
  ticker: string | null;
  is_cash: number;
  quantity: number;
  price: number | null;
  price_as_of: string | null;
  value_minor: number;
  cost_basis_minor: number | null;
  currency: string;
  anchor: string | null;
}

function currentHoldings(db: Db, accountIds: readonly string[] | undefined): HoldingRaw[] {
  const rows = db
    .prepare(
      `SELECT h.account_id, a.name AS account_name, h.security_id, s.name AS security_name, s.ticker,
         s.is_cash, h.quantity, h.price, h.price_as_of, h.value_minor, h.cost_basis_minor, h.currency,
         (SELECT max(v.date) FROM investment_valuations v WHERE v.account_id = h.account_id) AS anchor
       FROM holdings h JOIN accounts a ON a.account_id = h.account_id
       JOIN securities s ON s.security_id = h.security_id
       ORDER BY a.name, h.account_id, s.is_cash, s.name, h.security_id`,
    )
    .all() as HoldingRaw[];
  return accountIds?.length ? rows.filter((r) => accountIds.includes(r.account_id)) : rows;
}

/** Plaid's quantity sum of every move: today's quantity less this is what came before the history. */
export function openingQuantities(db: Db, moves: readonly LotMove[]): Map<string, number> {
  const opening = new Map<string, number>();
  for (const h of currentHoldings(db, undefined))
    if (h.is_cash === 0) opening.set(positionKey(h.account_id, h.security_id), h.quantity);
  for (const m of moves) {
    const key = positionKey(m.accountId, m.securityId);
    opening.set(key, (opening.get(key) ?? 0) - m.quantity);
  }
  return opening;
}

export interface HoldingAt {
  asOf: string;
  accountId: string;
  accountName: string;
  securityId: string;
  securityName: string | null;
  ticker: string | null;
  isCash: boolean;
  quantity: number;
  price: number | null;
  priceDate: string | null;
  valueMinor: number | null;
  costBasisMinor: number | null;
  basisSource: string;
  currency: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Holdings at the end of `date` (today's when `date` is on or after the last sync). */
export function holdingsAt(
  db: Db,
  date: string | null,
  accountIds: readonly string[] | undefined,
): HoldingAt[] {
  const current = currentHoldings(db, accountIds);
  const asOf = date ?? today();
  const moves = lotMoves(db, undefined);
  const opening = openingQuantities(db, moves);
  const lots = runLots(
    moves.filter((m) => m.date <= asOf),
    opening,
  );
  const later = (accountId: string, anchor: string) =>
    db
      .prepare(
        `SELECT t.security_id, s.is_cash, t.quantity, t.amount_minor, t.price, t.date FROM investment_transactions t
         LEFT JOIN securities s ON s.security_id = t.security_id
         WHERE t.account_id = ? AND t.date > ? AND t.date <= ?`,
      )
      .all(accountId, asOf, anchor) as {
      security_id: string | null;
      is_cash: number | null;
      quantity: number;
      amount_minor: number;
    }[];
  const lastPrice = db.prepare(
    `SELECT price, date FROM investment_transactions WHERE security_id = ? AND date <= ? AND price > 0
     ORDER BY date DESC LIMIT 1`,
  );

  const out: HoldingAt[] = [];
  const byAccount = new Map<string, HoldingRaw[]>();
  for (const h of current) byAccount.set(h.account_id, [...(byAccount.get(h.account_id) ?? []), h]);
  for (const [accountId, rows] of byAccount) {
    const anchor = rows[0].anchor ?? today();
    if (asOf >= anchor) {
      for (const h of rows)
        out.push({
          asOf,
          accountId,
          accountName: h.account_name,
          securityId: h.security_id,
          securityName: h.security_name,
          ticker: h.ticker,
          isCash: h.is_cash === 1,
          quantity: h.quantity,
          price: h.price,
          priceDate: h.price_as_of ?? anchor,
          valueMinor: h.value_minor,
          costBasisMinor: h.is_cash === 1 ? null : h.cost_basis_minor,
          basisSource:
            h.is_cash === 1
              ? 'cash'
              : h.cost_basis_minor === null
                ? 'unknown: Plaid gave no cost basis'
                : `Plaid's cost basis on ${anchor}`,
          currency: h.currency,
        });
      continue;
    }
    // Undo the moves after the day: shares back, cash back (Plaid's + amount is cash that left).
    const quantities = new Map<string, number>();
    const touched = new Set<string>();
    let cashBack = 0;
    for (const h of rows) if (h.is_cash === 0) quantities.set(h.security_id, h.quantity);
    for (const t of later(accountId, anchor)) {
      cashBack += t.amount_minor;
      if (t.security_id === null || t.is_cash === 1 || t.quantity === 0) continue;
      quantities.set(t.security_id, (quantities.get(t.security_id) ?? 0) - t.quantity);
      touched.add(t.security_id);
    }
    const cash = rows.find((h) => h.is_cash === 1);
    const currency = cash?.currency ?? rows[0].currency;
    for (const [securityId, quantity] of quantities) {
      if (Math.abs(quantity) < 1e-9) continue;
      const h = rows.find((r) => r.security_id === securityId);
      const security = h ?? securityRow(db, securityId);
      const traded = lastPrice.get(securityId, asOf) as { price: number; date: string } | undefined;
      const price = traded?.price ?? h?.price ?? null;
      const holdingCurrency = h?.currency ?? currency;
      const positionLots = lots.get(positionKey(accountId, securityId)) ?? [];
      const unknown = positionLots.some((l) => l.costMinor === null && l.quantity > 1e-9);
      const unchanged = h !== undefined && !touched.has(securityId);
      const costBasisMinor = unchanged
        ? h.cost_basis_minor
        : unknown
          ? null
          : positionLots.reduce((sum, l) => sum + (l.costMinor ?? 0), 0);
      out.push({
        asOf,
        accountId,
        accountName: rows[0].account_name,
        securityId,
        securityName: security?.security_name ?? null,
        ticker: security?.ticker ?? null,
        isCash: false,
        quantity,
        price,
        priceDate: traded?.date ?? h?.price_as_of ?? (price === null ? null : anchor),
        valueMinor:
          price === null ? null : Math.round(quantity * price * 10 ** currencyExponent(holdingCurrency)),
        costBasisMinor,
        basisSource: unchanged
          ? h.cost_basis_minor === null
            ? 'unknown: Plaid gave no cost basis'
            : `Plaid's cost basis on ${anchor} (no trades since)`
          : unknown
            ? 'unknown: shares held before the history Plaid returned'
            : 'first-in-first-out lots of the trades',
        currency: holdingCurrency,
      });
    }
    const cashMinor = (cash?.value_minor ?? 0) + cashBack;
    if (cash || cashMinor !== 0)
      out.push({
        asOf,
        accountId,
        accountName: rows[0].account_name,
        securityId: cash?.security_id ?? `CUR:${currency}`,
        securityName: cash?.security_name ?? `${currency} cash`,
        ticker: cash?.ticker ?? `CUR:${currency}`,
        isCash: true,
        quantity: cashMinor / 10 ** currencyExponent(currency),
        price: 1,
        priceDate: asOf,
        valueMinor: cashMinor,
        costBasisMinor: null,
        basisSource: 'cash',
        currency,
      });
  }
  return out;
}

function securityRow(db: Db, securityId: string): Pick<HoldingRaw, 'security_name' | 'ticker'> | undefined {
  return db
    .prepare(`SELECT name AS security_name, ticker FROM securities WHERE security_id = ?`)
    .get(securityId) as Pick<HoldingRaw, 'security_name' | 'ticker'> | undefined;
}
