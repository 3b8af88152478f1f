/**
 * An Asset Report's content: for each Item, its accounts on the report's day with their owners,
 * the transactions of the requested window and a daily balance history that those transactions
 * (or the portfolio and loan models) explain. Also the same report as PDF text lines.
 */
import { isoFromDay, type Day } from '../dates';
import { PlaidApiError, documentationUrl, isPlaidErrorCode, type PlaidErrorBody } from '../errors';
import { roundCents } from '../prng';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import { snapshotAt, type PlaidAccount, type PlaidTransaction } from '../view';
import { isInvestmentAccount, isLoanAccount, isTransactionAccount, type AccountKey } from './account-keys';
import { accountsSpecOf, itemAccountsAt, keyOfAccount } from './accounts';
import { ownersOf } from './identity';
import { portfolioFor } from './investments';
import { liabilityScenarioOf, loanFor } from './liabilities';
import type { AssetReportRecord } from './store';

/** Asset Report failures are Plaid errors of their own type, whatever the catalogue files them under. */
export class AssetReportError extends PlaidApiError {
  override toBody(requestId: string): PlaidErrorBody {
    return {
      ...super.toBody(requestId),
      error_type: 'ASSET_REPORT_ERROR',
      documentation_url: documentationUrl('ASSET_REPORT_ERROR', this.code),
    };
  }
}

/** Daily balances back from `day`: the models' own history, or today's balance unwound by postings. */
export function balanceHistory(
  item: ItemRecord,
  key: AccountKey,
  account: PlaidAccount,
  posted: readonly PlaidTransaction[],
  day: Day,
  from: Day,
) {
  const out: { date: string; current: number; iso_currency_code: string; unofficial_currency_code: null }[] =
    [];
  const byDate = new Map<string, number>();
  for (const t of posted) byDate.set(t.date, (byDate.get(t.date) ?? 0) + t.amount);
  // Money out (positive amounts) lowers a depository balance and raises what a card owes.
  const sign = account.type === 'credit' ? -1 : 1;
  let unwound = 0;
  for (let d = day; d > from; d--) {
    let current: number;
    if (isInvestmentAccount(key))
      current = portfolioFor(item.seed, item.institution_id, key).valuationAt(d).total;
    else if (isLoanAccount(key))
      current = loanFor(item.seed, item.institution_id, key, liabilityScenarioOf(item)).statusAt(d).balance;
    else current = roundCents((account.balances.current ?? 0) + sign * unwound);
    out.push({ date: isoFromDay(d), current, iso_currency_code: 'USD', unofficial_currency_code: null });
    unwound += byDate.get(isoFromDay(d)) ?? 0;
  }
  return out;
}

export function assetReportObject(core: SimulatorCore, report: AssetReportRecord, items: ItemRecord[]) {
  const day = report.asOfDay;
  const generated = new Date(report.readyAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const from = day - report.daysRequested;
  return {
    asset_report_id: report.asset_report_id,
    client_report_id: report.clientReportId,
    date_generated: generated,
    days_requested: report.daysRequested,
    user: {
      client_user_id: null,
      first_name: null,
      middle_name: null,
      last_name: null,
      ssn: null,
      phone_number: null,
      email: null,
      ...report.user,
    },
    items: items.map((item) => {
      const institution = core.institutionOf(item);
      const data = core.dataSpec(item);
      const spec = accountsSpecOf(item);
      const transactions = data.templates.length ? snapshotAt(data, day).transactions : [];
      return {
        item_id: item.item_id,
        institution_name: institution.name,
        institution_id: institution.institution_id,
        date_last_updated: generated,
        accounts: itemAccountsAt(spec, data, day).map((account) => {
          const key = keyOfAccount(spec, account.account_id);
          const own = transactions.filter((v) => v.transaction.account_id === account.account_id);
          const posted = own.filter((v) => !v.transaction.pending).map((v) => v.transaction);
          const history = key ? balanceHistory(item, key, account, posted, day, from) : [];
          const firstData = data.firstDay;
          return {
            account_id: account.account_id,
            balances: {
              available: account.balances.available,
              current: account.balances.current,
              limit: account.balances.limit,
              margin_loan_amount: null,
              iso_currency_code: 'USD',
              unofficial_currency_code: null,
            },
            mask: account.mask,
            name: account.name,
            official_name: account.official_name,
            type: account.type,
            subtype: account.subtype,
            days_available:
              key && isTransactionAccount(key)
                ? Math.max(0, Math.min(report.daysRequested, day - firstData))
                : report.daysRequested,
            transactions: own
              .filter((v) => v.transaction.date > isoFromDay(from))
              .map(({ transaction: t, description }) => ({
                account_id: t.account_id,
                amount: t.amount,
                iso_currency_code: t.iso_currency_code,
                unofficial_currency_code: null,
                original_description: description,
                date: t.date,
                date_transacted: t.authorized_date,
                pending: t.pending,
                pending_transaction_id: t.pending_transaction_id,
                account_owner: null,
                transaction_id: t.transaction_id,
                category: null,
                category_id: null,
                check_number: null,
                location: t.location,
                name: t.name,
                merchant_name: t.merchant_name,
                payment_meta: t.payment_meta,
                transaction_type: t.transaction_type,
              })),
            owners: key ? ownersOf(item.seed, item.institution_id, key) : [],
            historical_balances: history,
          };
        }),
      };
    }),
  };
}

type ReportObject = ReturnType<typeof assetReportObject>;

/** The report as lines of text for its PDF. */
export function assetReportLines(report: ReportObject): string[] {
  const user = report.user;
  const preparedFor = [user.first_name, user.middle_name, user.last_name].filter(Boolean).join(' ');
  const lines = [
    `Report ${report.asset_report_id}`,
    ...(preparedFor ? [`Prepared for: ${preparedFor}`] : []),
    `Generated ${report.date_generated}`,
    `Days requested: ${report.days_requested}`,
  ];
  for (const item of report.items) {
    lines.push('', `${item.institution_name} (${item.institution_id})`);
    for (const a of item.accounts) {
      lines.push(
        `  ${a.name} ****${a.mask ?? ''}  ${a.type}/${a.subtype ?? ''}  balance ${a.balances.current?.toFixed(2) ?? 'n/a'} USD`,
        `    Owners: ${a.owners.flatMap((o) => o.names).join(', ') || 'not reported'}`,
        `    ${a.transactions.length} transactions, ${a.historical_balances.length} days of balances`,
      );
    }
  }
  return lines;
}

/** The error an ASSETS / ERROR webhook carries: Plaid's error object, without a request id. */
export function assetReportErrorObject(code: string): Omit<PlaidErrorBody, 'request_id'> {
  const known = isPlaidErrorCode(code) ? code : 'ASSET_REPORT_GENERATION_FAILED';
  const { request_id: _omitted, ...rest } = new AssetReportError(known).toBody('');
  return rest;
}
