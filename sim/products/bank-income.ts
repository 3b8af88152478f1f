/**
 * Bank Income for a Plaid user: the income found in the deposits of the user's Items (payroll,
 * interest), grouped into sources with their pay frequency, as /credit/bank_income/get reports
 * it. Income amounts are positive here, the opposite of Transactions' sign.
 */
import { dayFromIso, firstDayOfMonthIndex, isoFromDay, monthIndex, type Day } from '../dates';
import { deriveId } from '../ids';
import { roundCents } from '../prng';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import { snapshotAt, type PlaidTransaction } from '../view';
import { accountsSpecOf, itemAccountsAt, keyOfAccount } from './accounts';
import { ownersOf } from './identity';
import { recurringStreams } from './recurring';
import type { UserRecord } from './store';

const CATEGORY_BY_DETAILED: Record<string, string> = {
  INCOME_WAGES: 'SALARY',
  INCOME_INTEREST_EARNED: 'BANK_INTEREST',
  INCOME_DIVIDENDS: 'BANK_INTEREST',
  INCOME_RETIREMENT_PENSION: 'RETIREMENT',
  INCOME_TAX_REFUND: 'TAX_REFUND',
  INCOME_UNEMPLOYMENT: 'UNEMPLOYMENT',
  INCOME_OTHER_INCOME: 'OTHER',
};

const money = (amount: number) => ({
  amount: roundCents(amount),
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
});

function monthlySummaries(rows: readonly PlaidTransaction[], from: Day, to: Day) {
  const out = [];
  for (let m = monthIndex(to); m >= monthIndex(from); m--) {
    const start = Math.max(firstDayOfMonthIndex(m), from);
    const end = Math.min(firstDayOfMonthIndex(m + 1) - 1, to);
    const inMonth = rows.filter((t) => {
      const d = dayFromIso(t.date);
      return d >= start && d <= end;
    });
    const total = -inMonth.reduce((s, t) => s + t.amount, 0);
    out.push({
      total_amount: roundCents(total),
      iso_currency_code: 'USD',
      unofficial_currency_code: null,
      total_amounts: [money(total)],
      start_date: isoFromDay(start),
      end_date: isoFromDay(end),
      transactions: inMonth.map((t) => ({
        amount: -t.amount,
        date: t.date,
        name: t.name,
        original_description: null,
        pending: t.pending,
        transaction_id: t.transaction_id,
        check_number: null,
        iso_currency_code: 'USD',
        unofficial_currency_code: null,
      })),
    });
  }
  return out;
}

function itemIncome(core: SimulatorCore, item: ItemRecord, from: Day, to: Day) {
  const data = core.dataSpec(item);
  const spec = accountsSpecOf(item);
  const fromIso = isoFromDay(from);
  const income = data.templates.length
    ? snapshotAt(data, to)
        .transactions.map((v) => v.transaction)
        .filter(
          (t) =>
            !t.pending &&
            t.amount < 0 &&
            t.date > fromIso &&
            CATEGORY_BY_DETAILED[t.personal_finance_category.detailed],
        )
    : [];
  const { inflow } = recurringStreams(item.item_id, income, to, null);
  const sources = inflow.map((stream) => {
    const rows = income.filter((t) => stream.transaction_ids.includes(t.transaction_id));
    const total = -rows.reduce((s, t) => s + t.amount, 0);
    const frequency = stream.frequency === 'ANNUALLY' ? 'UNKNOWN' : stream.frequency;
    return {
      income_source_id: deriveId(item.item_id, `income:${stream.stream_id}`),
      income_description: stream.description,
      income_category: CATEGORY_BY_DETAILED[stream.personal_finance_category.detailed] ?? 'OTHER',
      account_id: stream.account_id,
      start_date: stream.first_date,
      end_date: stream.last_date,
      pay_frequency: frequency,
      total_amount: roundCents(total),
      transaction_count: rows.length,
      historical_summary: monthlySummaries(rows, from, to),
    };
  });
  const withIncome = new Set(sources.map((s) => s.account_id));
  const accounts = itemAccountsAt(spec, data, to)
    .filter((a) => withIncome.has(a.account_id))
    .map((a) => {
      const key = keyOfAccount(spec, a.account_id);
      return {
        account_id: a.account_id,
        mask: a.mask,
        name: a.name,
        official_name: a.official_name,
        subtype: a.subtype,
        type: a.type,
        owners: key ? ownersOf(item.seed, item.institution_id, key) : [],
      };
    });
  return {
    sources,
    accounts,
    rows: income.filter((t) => sources.some((s) => s.account_id === t.account_id)),
  };
}

export function bankIncomeReport(core: SimulatorCore, user: UserRecord) {
  const to = core.today();
  const from = to - user.daysRequested;
  const items = user.itemIds.map((id) => core.itemById(id)).filter((i): i is ItemRecord => i !== undefined);
  const perItem = items.map((item) => ({ item, ...itemIncome(core, item, from, to) }));
  const allRows = perItem.flatMap((p) => p.rows);
  const allSources = perItem.flatMap((p) => p.sources);
  const total = -allRows.reduce((s, t) => s + t.amount, 0);
  const generated = `${isoFromDay(to)}T${new Date().toISOString().slice(11, 19)}Z`;
  return {
    bank_income_id: deriveId(user.user_id, `bank-income:${isoFromDay(to)}:${user.itemIds.join(',')}`),
    generated_time: generated,
    days_requested: user.daysRequested,
    items: perItem.map((p) => {
      const institution = core.institutionOf(p.item);
      return {
        bank_income_accounts: p.accounts,
        bank_income_sources: p.sources,
        last_updated_time: generated,
        institution_id: institution.institution_id,
        institution_name: institution.name,
        item_id: p.item.item_id,
      };
    }),
    bank_income_summary: {
      total_amount: roundCents(total),
      iso_currency_code: 'USD',
      unofficial_currency_code: null,
      total_amounts: [money(total)],
      start_date: isoFromDay(from + 1),
      end_date: isoFromDay(to),
      income_sources_count: allSources.length,
      income_categories_count: new Set(allSources.map((s) => s.income_category)).size,
      income_transactions_count: allRows.length,
      historical_summary: monthlySummaries(allRows, from + 1, to),
    },
    warnings: [],
  };
}

export function bankIncomeLines(report: ReturnType<typeof bankIncomeReport>): string[] {
  const lines = [
    `Bank income ${report.bank_income_id}`,
    `Generated ${report.generated_time}, ${report.days_requested} days`,
    `Total income: ${report.bank_income_summary.total_amount.toFixed(2)} USD from ${report.bank_income_summary.income_sources_count} sources`,
  ];
  for (const item of report.items) {
    lines.push('', `${item.institution_name} (${item.institution_id})`);
    for (const s of item.bank_income_sources) {
      lines.push(
        `  ${s.income_description}: ${s.income_category}, ${s.pay_frequency}, ${s.total_amount.toFixed(2)} USD in ${s.transaction_count} deposits`,
      );
    }
  }
  return lines;
}
