/**
 * Plaid's Asset Report object as the window shows it: money in integer minor units of each
 * account's own currency, owners by name, balances newest first.
 */
import type { AssetReport } from 'plaid';
import type { AssetReportContent } from '../../../shared/contract/assets';
import { toMinor } from '../../../shared/money';

const minorOrNull = (amount: number | null | undefined, currency: string) =>
  amount === null || amount === undefined ? null : toMinor(amount, currency);

export function reportContent(report: AssetReport): AssetReportContent {
  return {
    generatedAt: report.date_generated,
    daysRequested: report.days_requested,
    items: report.items.map((item) => ({
      itemId: item.item_id,
      institutionName: item.institution_name,
      accounts: item.accounts.map((a) => {
        const currency = a.balances.iso_currency_code ?? a.balances.unofficial_currency_code ?? 'USD';
        return {
          accountId: a.account_id,
          name: a.name,
          mask: a.mask ?? null,
          type: a.type,
          subtype: a.subtype ?? null,
          currency,
          currentMinor: minorOrNull(a.balances.current, currency),
          availableMinor: minorOrNull(a.balances.available, currency),
          daysAvailable: a.days_available,
          owners: [...new Set(a.owners.flatMap((o) => o.names))],
          balances: (a.historical_balances ?? []).map((b) => ({
            date: b.date,
            currentMinor: toMinor(b.current, b.iso_currency_code ?? currency),
          })),
          transactions: (a.transactions ?? []).map((t) => {
            const txCurrency = t.iso_currency_code ?? t.unofficial_currency_code ?? currency;
            return {
              transactionId: t.transaction_id,
              date: t.date,
              name: t.original_description ?? t.name ?? '',
              amountMinor: toMinor(t.amount, txCurrency),
              currency: txCurrency,
              pending: t.pending,
            };
          }),
        };
      }),
    })),
  };
}
