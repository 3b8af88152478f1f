/**
 * Investment transactions with the portfolio's filters, a page at a time (keyset: newest first,
 * ties by id), with the count and the yearly income and fee totals of every match, summed by SQL
 * per year, currency, type and subtype and folded by kind here (kinds.ts names the kinds).
 */
import type { z } from 'zod';
import type {
  InvestmentFilterChoices,
  InvestmentTransaction,
  InvestmentTransactionCursor,
  InvestmentTransactionFilter,
  InvestmentTransactionsRequest,
  YearlyIncome,
} from '../../../shared/contract/portfolio';
import type { Ledger } from '../ledger/ledger';
import { ledgerMemo } from '../ledger/ledger-memo';
import { stmt } from '../ledger/statements';
import { classify } from './kinds';

type Filter = z.output<typeof InvestmentTransactionFilter>;
type PageRequest = z.output<typeof InvestmentTransactionsRequest>;

interface Row {
  investment_transaction_id: string;
  account_id: string;
  account_name: string;
  security_id: string | null;
  security_name: string | null;
  ticker: string | null;
  date: string;
  name: string;
  quantity: number;
  price: number;
  amount_minor: number;
  fees_minor: number | null;
  type: string;
  subtype: string;
  currency: string;
}

// Each filter is "? IS NULL OR column = ?", so one statement serves every combination.
const MATCHES = `
  (@accountId IS NULL OR t.account_id = @accountId)
  AND (@type IS NULL OR t.type = @type)
  AND (@subtype IS NULL OR t.subtype = @subtype)
  AND (@securityId IS NULL OR t.security_id = @securityId)
  AND (@from IS NULL OR t.date >= @from)
  AND (@to IS NULL OR t.date <= @to)`;

const PAGE_SQL = `
  SELECT t.investment_transaction_id, t.account_id, a.name AS account_name, t.security_id,
    s.name AS security_name, s.ticker, t.date, t.name, t.quantity, t.price, t.amount_minor,
    t.fees_minor, t.type, t.subtype, t.currency
  FROM investment_transactions t
  JOIN accounts a ON a.account_id = t.account_id
  LEFT JOIN securities s ON s.security_id = t.security_id
  WHERE ${MATCHES}
    AND (@afterDate IS NULL OR t.date < @afterDate
      OR (t.date = @afterDate AND t.investment_transaction_id > @afterId))
  ORDER BY t.date DESC, t.investment_transaction_id
  LIMIT @limit`;

const SUMS_SQL = `
  SELECT CAST(substr(t.date, 1, 4) AS INTEGER) AS year, t.currency, t.type, t.subtype,
    count(*) AS n, sum(t.amount_minor) AS amount, coalesce(sum(t.fees_minor), 0) AS fees
  FROM investment_transactions t
  WHERE ${MATCHES}
  GROUP BY 1, 2, 3, 4`;

const filterParams = (f: Filter) => ({
  accountId: f.accountId,
  type: f.type,
  subtype: f.subtype,
  securityId: f.securityId,
  from: f.from,
  to: f.to,
});

function toTransaction(r: Row): InvestmentTransaction {
  const { kind, label } = classify(r.type, r.subtype);
  return {
    id: r.investment_transaction_id,
    accountId: r.account_id,
    accountName: r.account_name,
    securityId: r.security_id,
    securityName: r.security_name,
    ticker: r.ticker,
    date: r.date,
    name: r.name,
    quantity: r.quantity,
    price: r.price,
    amountMinor: r.amount_minor,
    feesMinor: r.fees_minor,
    type: r.type,
    subtype: r.subtype,
    label,
    kind,
    currency: r.currency,
  };
}

export interface InvestmentTransactionsPage {
  transactions: InvestmentTransaction[];
  next: InvestmentTransactionCursor | null;
}

export function investmentTransactionsPage(ledger: Ledger, req: PageRequest): InvestmentTransactionsPage {
  // One row more than asked says whether another page follows without counting.
  const rows = stmt(ledger.db, PAGE_SQL).all({
    ...filterParams(req),
    afterDate: req.after?.date ?? null,
    afterId: req.after?.id ?? null,
    limit: req.limit + 1,
  }) as Row[];
  const transactions = rows.slice(0, req.limit).map(toTransaction);
  const last = transactions.at(-1);
  return { transactions, next: rows.length > req.limit && last ? { date: last.date, id: last.id } : null };
}

interface InvestmentTotals {
  total: number;
  yearly: YearlyIncome[];
}

const totalsMemo = ledgerMemo<InvestmentTotals>();

/**
 * Of every transaction the filter matches: how many, and per year and currency the dividends and
 * interest received and the fees paid (fee transactions plus the fees of trades), each positive.
 */
export function investmentTotals(ledger: Ledger, filter: Filter): InvestmentTotals {
  const params = filterParams(filter);
  // Kept for the filter on screen: "Show more" asks again for every page.
  return totalsMemo.get(ledger.db, JSON.stringify(params), () => sumTotals(ledger, params));
}

function sumTotals(ledger: Ledger, params: ReturnType<typeof filterParams>): InvestmentTotals {
  const sums = stmt(ledger.db, SUMS_SQL).all(params) as {
    year: number;
    currency: string;
    type: string;
    subtype: string;
    n: number;
    amount: number;
    fees: number;
  }[];
  const years = new Map<string, YearlyIncome>();
  let total = 0;
  for (const s of sums) {
    total += s.n;
    const key = `${s.year}\u0000${s.currency}`;
    const y = years.get(key) ?? {
      year: s.year,
      currency: s.currency,
      dividendsMinor: 0,
      interestMinor: 0,
      feesMinor: 0,
    };
    const { kind } = classify(s.type, s.subtype);
    if (kind === 'dividend') y.dividendsMinor -= s.amount;
    else if (kind === 'interest') y.interestMinor -= s.amount;
    else if (kind === 'fee') y.feesMinor += s.amount;
    if (kind !== 'fee') y.feesMinor += s.fees;
    years.set(key, y);
  }
  const yearly = [...years.values()].sort((a, b) => b.year - a.year || (a.currency < b.currency ? -1 : 1));
  return { total, yearly };
}

const choicesMemo = ledgerMemo<InvestmentFilterChoices>();

/** What the filters can choose from, over every investment transaction; kept until the ledger changes. */
export function investmentFilterChoices(ledger: Ledger): InvestmentFilterChoices {
  // DISTINCT of one column keeps a few values as it scans; GROUP BY of two would sort every row.
  const distinct = (column: 'type' | 'subtype') =>
    stmt(ledger.db, `SELECT DISTINCT ${column} FROM investment_transactions ORDER BY 1`)
      .pluck()
      .all() as string[];
  return choicesMemo.get(ledger.db, 'choices', () => {
    const securities = stmt(
      ledger.db,
      `SELECT s.security_id AS id, coalesce(s.ticker, s.name, s.security_id) AS name
       FROM (SELECT DISTINCT security_id FROM investment_transactions) t
       JOIN securities s ON s.security_id = t.security_id`,
    ).all() as { id: string; name: string }[];
    return {
      types: distinct('type'),
      subtypes: distinct('subtype'),
      securities: securities.sort((a, b) => a.name.localeCompare(b.name)),
    };
  });
}
