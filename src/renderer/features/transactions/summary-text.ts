import type { TransactionSummary } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';

/** A Plaid-signed net (positive = money out) as people read it: "$12.00 out", "$5.00 in". */
export function netText(sumMinor: number, currency: string): string {
  if (sumMinor === 0) return `${formatMoney(0, currency)} net`;
  return `${formatMoney(Math.abs(sumMinor), currency)} ${sumMinor > 0 ? 'out' : 'in'}`;
}

/** "1,234 transactions · $56.78 out" — one net per currency, never added across currencies. */
export function summaryText(summary: TransactionSummary): string {
  const count = `${summary.count} transaction${summary.count === 1 ? '' : 's'}`;
  if (summary.byCurrency.length === 0) return count;
  const sums = summary.byCurrency.map((c) =>
    summary.byCurrency.length > 1
      ? `${netText(c.sumMinor, c.currency)} (${c.count})`
      : netText(c.sumMinor, c.currency),
  );
  return `${count} · ${sums.join(' · ')}`;
}
