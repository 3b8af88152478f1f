/** Investment transactions with the portfolio's filters, and the yearly income and fee totals. */
import type { z } from 'zod';
import type { InvestmentTransaction, InvestmentTransactionFilter } from '../../../shared/contract/portfolio';
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { classify } from './kinds';

type Filter = z.output<typeof InvestmentTransactionFilter>;

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
const LIST_SQL = `
  SELECT t.investment_transaction_id, t.account_id, a.name AS account_name, t.security_id,
    s.name AS security_name, s.ticker, t.date, t.name, t.quantity, t.price, t.amount_minor,
    t.fees_minor, t.type, t.subtype, t.currency
  FROM investment_transactions t
  JOIN accounts a ON a.account_id = t.account_id
  LEFT JOIN securities s ON s.security_id = t.security_id
  WHERE (@accountId IS NULL OR t.account_id = @accountId)
    AND (@type IS NULL OR t.type = @type)
    AND (@subtype IS NULL OR t.subtype = @subtype)
    AND (@securityId IS NULL OR t.security_id = @securityId)
    AND (@from IS NULL OR t.date >= @from)
    AND (@to IS NULL OR t.date <= @to)
  ORDER BY t.date DESC, t.investment_transaction_id`;

export function investmentTransactions(ledger: Ledger, filter: Filter): InvestmentTransaction[] {
  const rows = stmt(ledger.db, LIST_SQL).all(filter) as Row[];
  return rows.map((r) => {
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
  });
}

/**
 * Per year and currency: dividends and interest received, fees paid (fee transactions plus the
 * fees of trades), each as a positive amount.
 */
export function yearlyIncome(transactions: readonly InvestmentTransaction[]) {
  const years = new Map<
    string,
    { year: number; currency: string; dividendsMinor: number; interestMinor: number; feesMinor: number }
  >();
  for (const t of transactions) {
    const year = Number(t.date.slice(0, 4));
    const key = `${year}\u0000${t.currency}`;
    const y = years.get(key) ?? {
      year,
      currency: t.currency,
      dividendsMinor: 0,
      interestMinor: 0,
      feesMinor: 0,
    };
    if (t.kind === 'dividend') y.dividendsMinor -= t.amountMinor;
    else if (t.kind === 'interest') y.interestMinor -= t.amountMinor;
    else if (t.kind === 'fee') y.feesMinor += t.amountMinor;
    if (t.kind !== 'fee' && t.feesMinor) y.feesMinor += t.feesMinor;
    years.set(key, y);
  }
  return [...years.values()].sort((a, b) => b.year - a.year || (a.currency < b.currency ? -1 : 1));
}
