/**
 * Bank income (issue 16), as Plaid defines it: one Plaid user per ledger (/user/create, its
 * user_token kept in the keychain), Items joined to it through Link with income_verification and
 * that token (update mode for an Item already linked: items/add-product.ts), and the report from
 * /credit/bank_income/get, by income source.
 */
import type { CreditBankIncome } from 'plaid';
import type { CallHandlers } from '../../../shared/api';
import type { BankIncome, IncomeSource } from '../../../shared/contract/income';
import { toMinor } from '../../../shared/money';
import type { CoreContext } from '../context';
import { PLAID_USER_PURPOSE } from '../secrets/store';

const currencyOf = (c: { iso_currency_code?: string | null; unofficial_currency_code?: string | null }) =>
  c.iso_currency_code ?? c.unofficial_currency_code ?? 'USD';

/** Plaid's bank income report as the window shows it: integer minor units, one total per currency. */
export function bankIncomeView(report: CreditBankIncome): BankIncome {
  const sources: IncomeSource[] = [];
  for (const item of report.items ?? []) {
    const accounts = new Map((item.bank_income_accounts ?? []).map((a) => [a.account_id, a]));
    for (const s of item.bank_income_sources ?? []) {
      const months = s.historical_summary ?? [];
      const currency = months[0] ? currencyOf(months[0]) : 'USD';
      sources.push({
        sourceId: s.income_source_id ?? `${item.item_id}:${s.income_description ?? ''}`,
        itemId: item.item_id ?? '',
        institutionName: item.institution_name ?? 'Unknown bank',
        accountName: (s.account_id && accounts.get(s.account_id)?.name) || null,
        description: s.income_description ?? 'Income',
        category: s.income_category ?? 'OTHER',
        payFrequency: s.pay_frequency ?? 'UNKNOWN',
        startDate: s.start_date ?? '',
        endDate: s.end_date ?? '',
        totalMinor: toMinor(s.total_amount ?? 0, currency),
        currency,
        transactionCount: s.transaction_count ?? 0,
        history: months.map((m) => ({
          startDate: m.start_date ?? '',
          endDate: m.end_date ?? '',
          amountMinor: toMinor(m.total_amount ?? 0, currencyOf(m)),
          currency: currencyOf(m),
        })),
      });
    }
  }
  const summary = report.bank_income_summary;
  const totals = (summary?.total_amounts ?? []).map((t) => ({
    currency: currencyOf(t),
    amountMinor: toMinor(t.amount, currencyOf(t)),
  }));
  return {
    generatedAt: report.generated_time ?? '',
    daysRequested: report.days_requested ?? 0,
    startDate: summary?.start_date ?? null,
    endDate: summary?.end_date ?? null,
    totals,
    sources,
  };
}

export class BankIncomeService {
  constructor(private readonly ctx: CoreContext) {}

  /** The ledger's Plaid user, made at first need. Its client_user_id is the ledger's id, never a name. */
  async userToken(): Promise<string> {
    const { ctx } = this;
    const kept = await ctx.secrets.get(PLAID_USER_PURPOSE);
    if (kept) {
      ctx.redactor.add(kept);
      return kept;
    }
    const created = await ctx.plaid.userCreate(ctx.ledgerId);
    const token = created.user_token;
    if (!token) throw new Error('Plaid made the user without a user_token');
    ctx.redactor.add(token);
    await ctx.secrets.set(PLAID_USER_PURPOSE, token);
    ctx.log.info('plaid user created for bank income');
    return token;
  }

  async get(): Promise<{ report: BankIncome | null; itemIds: string[] }> {
    const token = await this.ctx.secrets.get(PLAID_USER_PURPOSE);
    if (!token) return { report: null, itemIds: [] };
    this.ctx.redactor.add(token);
    const { bank_income: reports } = await this.ctx.plaid.creditBankIncomeGet(token);
    const report = reports?.[0];
    if (!report) return { report: null, itemIds: [] };
    return {
      report: bankIncomeView(report),
      itemIds: (report.items ?? []).map((i) => i.item_id).filter((id): id is string => !!id),
    };
  }

  handlers(): CallHandlers<'income.get'> {
    return { 'income.get': async () => this.get() };
  }
}
