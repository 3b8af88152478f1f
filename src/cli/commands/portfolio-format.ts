/** Lines of the portfolio commands: tab-separated columns, or one JSON object per line. */
import type {
  Holding,
  InvestmentTransaction,
  PeriodReturn,
  SeriesPerformance,
} from '../../shared/contract/portfolio';
import { formatMajor, tsv } from '../format';

const money = (minor: number | null, currency: string) =>
  minor === null ? null : formatMajor(minor, currency);
const percent = (fraction: number | null) => (fraction === null ? null : (fraction * 100).toFixed(2));

export function holdingLine(h: Holding): string {
  return tsv([
    h.accountName,
    h.isCash ? 'cash' : (h.ticker ?? ''),
    h.name,
    h.quantity,
    h.price,
    h.priceAsOf,
    money(h.valueMinor, h.currency),
    money(h.costBasisMinor, h.currency),
    money(h.gainMinor, h.currency),
    percent(h.gainFraction),
    percent(h.weight),
    h.currency,
  ]);
}

export function holdingJson(h: Holding): string {
  return JSON.stringify({
    account_id: h.accountId,
    account: h.accountName,
    security_id: h.securityId,
    ticker: h.ticker,
    name: h.name,
    type: h.type,
    is_cash: h.isCash,
    quantity: h.quantity,
    price: h.price,
    price_as_of: h.priceAsOf,
    value: money(h.valueMinor, h.currency),
    cost_basis: money(h.costBasisMinor, h.currency),
    gain: money(h.gainMinor, h.currency),
    gain_percent: percent(h.gainFraction),
    weight_percent: percent(h.weight),
    currency: h.currency,
  });
}

export function investmentTransactionLine(t: InvestmentTransaction): string {
  return tsv([
    t.id,
    t.date,
    t.accountName,
    t.label,
    t.ticker ?? t.securityName,
    t.quantity,
    t.price,
    money(t.amountMinor, t.currency),
    money(t.feesMinor, t.currency),
    t.currency,
  ]);
}

export function investmentTransactionJson(t: InvestmentTransaction): string {
  return JSON.stringify({
    investment_transaction_id: t.id,
    date: t.date,
    account_id: t.accountId,
    account: t.accountName,
    type: t.type,
    subtype: t.subtype,
    kind: t.kind,
    security_id: t.securityId,
    ticker: t.ticker,
    name: t.name,
    quantity: t.quantity,
    price: t.price,
    amount: money(t.amountMinor, t.currency),
    fees: money(t.feesMinor, t.currency),
    currency: t.currency,
  });
}

export function performanceLines(s: SeriesPerformance): string[] {
  return s.periods.map((p: PeriodReturn) =>
    tsv([s.name, s.currency, p.period, p.from, p.to, p.quality, percent(p.twr), percent(p.xirr), p.reason]),
  );
}

export function performanceJson(s: SeriesPerformance): string[] {
  return s.periods.map((p) =>
    JSON.stringify({
      account_id: s.accountId,
      name: s.name,
      currency: s.currency,
      period: p.period,
      from: p.from,
      to: p.to,
      quality: p.quality,
      twr_percent: percent(p.twr),
      xirr_percent: percent(p.xirr),
      reason: p.reason,
    }),
  );
}
