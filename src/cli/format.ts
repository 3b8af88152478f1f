/** Plain-text output of the CLI: stable, tab-separated, no volatile fields. */
import type { Account, Transaction } from '../shared/api';
import { currencyExponent } from '../shared/money';

/** Major units with the currency's own number of decimals, computed on digits (no float rounding). */
export function formatMajor(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor).toString();
  if (exp === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exp + 1, '0');
  return `${sign}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

/** A field must not break the line or the columns. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

export function tsv(values: Array<string | number | boolean | null>): string {
  return values.map(field).join('\t');
}

export function accountLine(a: Account): string {
  return tsv([
    a.id,
    a.institutionName,
    a.name,
    a.mask,
    a.type,
    a.subtype,
    a.currentMinor === null ? null : formatMajor(a.currentMinor, a.currency),
    a.availableMinor === null ? null : formatMajor(a.availableMinor, a.currency),
    a.currency,
  ]);
}

export function transactionCategory(t: Transaction): string | null {
  return t.categoryDetailed ?? t.categoryPrimary;
}

export function transactionLine(t: Transaction): string {
  return tsv([
    t.id,
    t.date,
    t.accountName,
    t.name,
    formatMajor(t.amountMinor, t.currency),
    t.currency,
    t.pending,
    transactionCategory(t),
  ]);
}

/** The same fields as the TSV line (plus the account id), as one JSON object per line. */
export function transactionJson(t: Transaction): string {
  return JSON.stringify({
    transaction_id: t.id,
    date: t.date,
    account_id: t.accountId,
    account_name: t.accountName,
    name: t.name,
    amount: formatMajor(t.amountMinor, t.currency),
    currency: t.currency,
    pending: t.pending,
    category: transactionCategory(t),
  });
}
