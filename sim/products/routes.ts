/**
 * The product endpoints beyond Link, Items and sync: balances, /transactions/get, recurring
 * streams, Auth, Identity, Investments, Liabilities, Asset Reports and Bank Income. They share
 * the Item helpers of plaid-routes.ts, which registers them (it passes the helpers in, so this
 * module does not import it back).
 */
import type { z } from 'zod';
import { dayFromIso, isoFromDay, type Day } from '../dates';
import { PlaidApiError, isPlaidErrorCode } from '../errors';
import { BinaryReply } from '../http-util';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import { snapshotAt, type PlaidAccount } from '../view';
import { isInvestmentAccount, isLoanAccount, type AccountKey } from './account-keys';
import { accountsSpecOf, itemAccountsAt, keyOfAccount } from './accounts';
import { AssetReportError, assetReportLines, assetReportObject } from './asset-report';
import { bankIncomeLines, bankIncomeReport } from './bank-income';
import { withProduct } from './consent';
import { achNumbersOf, ownersOf } from './identity';
import { portfolioFor, SECURITIES, type InvestmentEvent } from './investments';
import { cardStatusAt, liabilityScenarioOf, loanFor } from './liabilities';
import { textPdf } from './pdf';
import {
  cashHoldingRow,
  creditLiability,
  holdingObject,
  investmentAccountObject,
  investmentTransactionObject,
  mortgageLiability,
  securityObject,
  studentLiability,
} from './plaid-objects';
import { recurringStreamsAt } from './recurring';
import {
  AccountScopedRequest,
  AccountsBalanceGetRequest,
  AssetReportCreateRequest,
  AssetReportGetRequest,
  AssetReportPdfGetRequest,
  AssetReportRefreshRequest,
  AssetReportRemoveRequest,
  CreditBankIncomeGetRequest,
  CreditBankIncomePdfGetRequest,
  CreditSessionsGetRequest,
  InvestmentsTransactionsGetRequest,
  TransactionsGetRequest,
  TransactionsRecurringGetRequest,
  UserCreateRequest,
} from './requests';
import type { AssetReportRecord, UserRecord } from './store';

export type Reply = Record<string, unknown> | BinaryReply;
export type ProductHandler = (core: SimulatorCore, body: unknown) => Reply;

/** What plaid-routes.ts lends the product endpoints. */
export interface ItemHelpers {
  route<S extends z.ZodType>(
    schema: S,
    handle: (core: SimulatorCore, req: z.infer<S>) => Reply,
  ): ProductHandler;
  itemObject(core: SimulatorCore, item: ItemRecord): Record<string, unknown>;
  assertHealthy(item: ItemRecord): void;
}

/** Investment history Plaid serves: 24 months back. */
const INVESTMENT_HISTORY_DAYS = 730;

function invalidToken(field: string): PlaidApiError {
  return new PlaidApiError('INVALID_FIELD', `${field} is not a valid token issued by this environment`);
}

interface AccountScope {
  item: ItemRecord;
  today: Day;
  /** The Item's accounts (all, or those asked for), with their kinds. */
  accounts: { account: PlaidAccount; key: AccountKey }[];
}

function scope(
  core: SimulatorCore,
  item: ItemRecord,
  accountIds: readonly string[] | undefined,
): AccountScope {
  const today = core.today();
  const spec = accountsSpecOf(item);
  const all = itemAccountsAt(spec, core.dataSpec(item), today).map((account) => ({
    account,
    key: keyOfAccount(spec, account.account_id)!,
  }));
  if (accountIds?.some((id) => !all.some((a) => a.account.account_id === id)))
    throw new PlaidApiError('INVALID_ACCOUNT_ID');
  return {
    item,
    today,
    accounts: accountIds ? all.filter((a) => accountIds.includes(a.account.account_id)) : all,
  };
}

function checkRange(start: string, end: string): void {
  if (start > end) throw new PlaidApiError('INVALID_FIELD', 'start_date must be on or before end_date');
}

function assetReportByToken(core: SimulatorCore, token: string): AssetReportRecord {
  if (!/^assets-(sandbox|development|production)-[0-9a-f-]{36}$/.test(token))
    throw invalidToken('asset_report_token');
  const report = core.products.assetReports.get(token);
  if (!report)
    throw new PlaidApiError('INVALID_FIELD', 'asset_report_token was not found or has been removed');
  return report;
}

function readyAssetReport(
  core: SimulatorCore,
  token: string,
): { report: AssetReportRecord; items: ItemRecord[] } {
  const report = assetReportByToken(core, token);
  if (!report.ready) throw new AssetReportError('PRODUCT_NOT_READY');
  if (report.errorCode)
    throw new AssetReportError(
      isPlaidErrorCode(report.errorCode) ? report.errorCode : 'ASSET_REPORT_GENERATION_FAILED',
    );
  const items = report.itemIds.map((id) => core.itemById(id)).filter((i): i is ItemRecord => i !== undefined);
  return { report, items };
}

function userOf(core: SimulatorCore, req: { user_token?: string; user_id?: string }): UserRecord {
  const users = core.products.users;
  if (req.user_token) {
    const user = users.byUserToken(req.user_token);
    if (!user) throw new PlaidApiError('INVALID_USER_TOKEN');
    return user;
  }
  if (req.user_id) {
    const user = users.byUserId(req.user_id);
    if (!user) throw new PlaidApiError('INVALID_USER_TOKEN', 'could not find matching user_id');
    return user;
  }
  throw new PlaidApiError('MISSING_FIELDS', 'the following required fields are missing: user_token');
}

function pdf(title: string, lines: string[]): BinaryReply {
  return new BinaryReply('application/pdf', textPdf(title, lines));
}

// --- Investments and liabilities as a perfect client holds them now ------------------------------
// The Plaid routes below page and wrap these; the simulator's /__sim/truth/* serve them whole.

export function holdingsOf(core: SimulatorCore, found: ItemRecord, accountIds?: readonly string[]) {
  const s = scope(core, found, accountIds);
  const holdings: Record<string, unknown>[] = [];
  const used = new Set<string>();
  for (const { account, key } of s.accounts) {
    if (!isInvestmentAccount(key)) continue;
    const { cash, rows } = portfolioFor(found.seed, found.institution_id, key).holdingsAt(s.today);
    const cashRow = cashHoldingRow(cash, s.today);
    for (const row of cashRow ? [...rows, cashRow] : rows) {
      used.add(row.security.key);
      holdings.push(holdingObject(account.account_id, row, key === '401k'));
    }
  }
  return {
    accounts: s.accounts.map((a) => investmentAccountObject(a.account)),
    holdings,
    securities: [...used].sort().map((k) => securityObject(found.seed, SECURITIES[k]!, s.today)),
  };
}

interface InvestmentRow {
  accountId: string;
  key: AccountKey;
  event: InvestmentEvent;
}

function investmentRowsOf(
  core: SimulatorCore,
  found: ItemRecord,
  accountIds: readonly string[] | undefined,
  startDate: string,
  endDate: string,
): { s: AccountScope; rows: InvestmentRow[] } {
  const s = scope(core, found, accountIds);
  const from = Math.max(dayFromIso(startDate), s.today - INVESTMENT_HISTORY_DAYS);
  const to = Math.min(dayFromIso(endDate), s.today);
  const rows: InvestmentRow[] = [];
  for (const { account, key } of s.accounts) {
    if (!isInvestmentAccount(key) || from > to) continue;
    for (const event of portfolioFor(found.seed, found.institution_id, key).eventsBetween(from, to))
      rows.push({ accountId: account.account_id, key, event });
  }
  // Newest first, in an order that does not change between calls (offset paging relies on it).
  rows.sort(
    (a, b) =>
      b.event.day - a.event.day ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.event.slot < b.event.slot ? 1 : -1),
  );
  return { s, rows };
}

function investmentTransactionsObject(found: ItemRecord, s: AccountScope, rows: readonly InvestmentRow[]) {
  const securities = [...new Set(rows.map((r) => r.event.security))].sort();
  return {
    accounts: s.accounts.map((a) => investmentAccountObject(a.account)),
    securities: securities.map((k) => securityObject(found.seed, SECURITIES[k]!, s.today)),
    investment_transactions: rows.map((r) =>
      investmentTransactionObject(found.item_id, r.key, r.accountId, r.event),
    ),
  };
}

/** Every investment transaction of the Item's history window (the truth /investments/transactions/get pages). */
export function investmentTransactionsOf(core: SimulatorCore, found: ItemRecord) {
  const { s, rows } = investmentRowsOf(core, found, undefined, '1900-01-01', '2999-12-31');
  return investmentTransactionsObject(found, s, rows);
}

/** The simulator's own daily value of each investment account over the history window. */
export function valuationsOf(core: SimulatorCore, found: ItemRecord) {
  const s = scope(core, found, undefined);
  const accounts = [];
  for (const { account, key } of s.accounts) {
    if (!isInvestmentAccount(key)) continue;
    const portfolio = portfolioFor(found.seed, found.institution_id, key);
    const valuations = [];
    for (let day = s.today - INVESTMENT_HISTORY_DAYS; day <= s.today; day++) {
      const { cash, total } = portfolio.valuationAt(day);
      valuations.push({ date: isoFromDay(day), value: total, cash });
    }
    accounts.push({ account_id: account.account_id, iso_currency_code: 'USD', valuations });
  }
  return { accounts };
}

export function liabilitiesOf(core: SimulatorCore, found: ItemRecord, accountIds?: readonly string[]) {
  const s = scope(core, found, accountIds);
  const credit: unknown[] = [];
  const student: unknown[] = [];
  const mortgage: unknown[] = [];
  const home = ownersOf(found.seed, found.institution_id, 'mortgage')[0]?.addresses[0]?.data;
  const scenario = liabilityScenarioOf(found);
  for (const { account, key } of s.accounts) {
    const mask = account.mask ?? '';
    if (key === 'credit')
      credit.push(
        creditLiability(
          account.account_id,
          cardStatusAt(found.seed, found.institution_id, found.volume ?? 1, scenario, s.today),
        ),
      );
    else if (isLoanAccount(key)) {
      const loan = loanFor(found.seed, found.institution_id, key, scenario);
      if (key === 'student')
        student.push(
          studentLiability(found.seed, found.institution_id, account.account_id, mask, loan, s.today),
        );
      else
        mortgage.push(
          mortgageLiability(found.seed, found.institution_id, account.account_id, mask, loan, s.today, {
            street: home?.street ?? '',
            city: home?.city ?? null,
            region: home?.region ?? null,
            postal_code: home?.postal_code ?? null,
          }),
        );
    }
  }
  return {
    accounts: s.accounts.map((a) => a.account),
    liabilities: {
      credit: credit.length ? credit : null,
      mortgage: mortgage.length ? mortgage : null,
      student: student.length ? student : null,
    },
  };
}

export function productRoutes(h: ItemHelpers): Record<string, ProductHandler> {
  const item = (core: SimulatorCore, accessToken: string): ItemRecord => {
    const found = core.itemByAccessToken(accessToken);
    h.assertHealthy(found);
    return found;
  };

  return {
    '/accounts/balance/get': h.route(AccountsBalanceGetRequest, (core, req) => {
      const s = scope(core, item(core, req.access_token), req.options?.account_ids);
      return { accounts: s.accounts.map((a) => a.account), item: h.itemObject(core, s.item) };
    }),

    '/transactions/get': h.route(TransactionsGetRequest, (core, req) => {
      checkRange(req.start_date, req.end_date);
      const found = withProduct(core, item(core, req.access_token), 'transactions', (i) => {
        i.days_requested = req.options?.days_requested ?? i.days_requested;
      });
      const s = scope(core, found, req.options?.account_ids);
      const wanted = new Set(s.accounts.map((a) => a.account.account_id));
      const data = core.dataSpec(found);
      const rows = (data.templates.length ? snapshotAt(data, s.today).transactions : [])
        .filter(
          (v) =>
            wanted.has(v.transaction.account_id) &&
            v.transaction.date >= req.start_date &&
            v.transaction.date <= req.end_date,
        )
        .reverse();
      const offset = req.options?.offset ?? 0;
      const count = req.options?.count ?? 100;
      const original = req.options?.include_original_description === true;
      return {
        accounts: s.accounts.map((a) => a.account),
        transactions: rows
          .slice(offset, offset + count)
          .map((v) => (original ? { ...v.transaction, original_description: v.description } : v.transaction)),
        total_transactions: rows.length,
        item: h.itemObject(core, found),
      };
    }),

    '/transactions/recurring/get': h.route(TransactionsRecurringGetRequest, (core, req) => {
      const found = withProduct(core, item(core, req.access_token), 'transactions');
      const s = scope(core, found, req.account_ids);
      const streams = recurringStreamsAt(
        core.dataSpec(found),
        s.today,
        s.accounts.map((a) => a.account.account_id),
      );
      return {
        inflow_streams: streams.inflow,
        outflow_streams: streams.outflow,
        updated_datetime: core.nowIso(),
        ...(req.options?.personal_finance_category_version
          ? { personal_finance_category_version: req.options.personal_finance_category_version }
          : {}),
      };
    }),

    '/auth/get': h.route(AccountScopedRequest, (core, req) => {
      const found = withProduct(core, item(core, req.access_token), 'auth');
      const s = scope(core, found, req.options?.account_ids);
      const depository = s.accounts.filter((a) => a.key === 'checking' || a.key === 'savings');
      const routing = core.institutionOf(found).routing_numbers;
      return {
        accounts: depository.map((a) => a.account),
        numbers: {
          ach: depository.map(({ account, key }) => ({
            account_id: account.account_id,
            ...achNumbersOf(found.seed, found.institution_id, key, account.mask ?? '', routing),
            is_tokenized_account_number: false,
          })),
          eft: [],
          international: [],
          bacs: [],
        },
        item: h.itemObject(core, found),
      };
    }),

    '/identity/get': h.route(AccountScopedRequest, (core, req) => {
      const found = withProduct(core, item(core, req.access_token), 'identity');
      const s = scope(core, found, req.options?.account_ids);
      return {
        accounts: s.accounts.map(({ account, key }) => ({
          ...account,
          owners: ownersOf(found.seed, found.institution_id, key),
        })),
        item: h.itemObject(core, found),
      };
    }),

    '/investments/holdings/get': h.route(AccountScopedRequest, (core, req) => {
      const found = withProduct(core, item(core, req.access_token), 'investments');
      return {
        ...holdingsOf(core, found, req.options?.account_ids),
        item: h.itemObject(core, found),
        is_investments_fallback_item: false,
      };
    }),

    '/investments/transactions/get': h.route(InvestmentsTransactionsGetRequest, (core, req) => {
      checkRange(req.start_date, req.end_date);
      const found = withProduct(core, item(core, req.access_token), 'investments');
      const { s, rows } = investmentRowsOf(
        core,
        found,
        req.options?.account_ids,
        req.start_date,
        req.end_date,
      );
      const offset = req.options?.offset ?? 0;
      const page = rows.slice(offset, offset + (req.options?.count ?? 100));
      return {
        item: h.itemObject(core, found),
        ...investmentTransactionsObject(found, s, page),
        total_investment_transactions: rows.length,
        is_investments_fallback_item: false,
      };
    }),

    '/liabilities/get': h.route(AccountScopedRequest, (core, req) => {
      const found = withProduct(core, item(core, req.access_token), 'liabilities');
      return { ...liabilitiesOf(core, found, req.options?.account_ids), item: h.itemObject(core, found) };
    }),

    '/asset_report/create': h.route(AssetReportCreateRequest, (core, req) => {
      const items = req.access_tokens.map((token) => item(core, token));
      for (const i of items)
        if (!i.products.includes('assets'))
          throw new AssetReportError(
            'PRODUCT_NOT_ENABLED',
            'the Item was not linked with the assets product',
          );
      const options = req.options ?? {};
      const { token, record } = core.products.assetReports.create({
        itemIds: items.map((i) => i.item_id),
        daysRequested: req.days_requested,
        clientReportId: options.client_report_id ?? null,
        webhook: options.webhook ?? null,
        user: { ...options.user },
        asOfDay: core.today(),
      });
      return { asset_report_token: token, asset_report_id: record.asset_report_id };
    }),

    '/asset_report/get': h.route(AssetReportGetRequest, (core, req) => {
      const { report, items } = readyAssetReport(core, req.asset_report_token);
      return { report: assetReportObject(core, report, items), warnings: [] };
    }),

    '/asset_report/pdf/get': h.route(AssetReportPdfGetRequest, (core, req) => {
      const { report, items } = readyAssetReport(core, req.asset_report_token);
      return pdf('Asset Report', assetReportLines(assetReportObject(core, report, items)));
    }),

    '/asset_report/refresh': h.route(AssetReportRefreshRequest, (core, req) => {
      const old = assetReportByToken(core, req.asset_report_token);
      const options = req.options ?? {};
      const { token, record } = core.products.assetReports.create({
        itemIds: old.itemIds.filter((id) => core.itemById(id)),
        daysRequested: req.days_requested ?? old.daysRequested,
        clientReportId: options.client_report_id ?? old.clientReportId,
        webhook: options.webhook ?? old.webhook,
        user: { ...old.user, ...options.user },
        asOfDay: core.today(),
      });
      return { asset_report_token: token, asset_report_id: record.asset_report_id };
    }),

    '/asset_report/remove': h.route(AssetReportRemoveRequest, (core, req) => {
      assetReportByToken(core, req.asset_report_token);
      return { removed: core.products.assetReports.remove(req.asset_report_token) };
    }),

    '/user/create': h.route(UserCreateRequest, (core, req) => {
      const { token, record } = core.products.users.create(req.client_user_id);
      return { user_token: token, user_id: record.user_id };
    }),

    '/credit/bank_income/get': h.route(CreditBankIncomeGetRequest, (core, req) => {
      const user = userOf(core, req);
      return {
        bank_income: user.itemIds.length
          ? [bankIncomeReport(core, user)].slice(0, req.options?.count ?? 1)
          : [],
      };
    }),

    '/credit/bank_income/pdf/get': h.route(CreditBankIncomePdfGetRequest, (core, req) => {
      const user = userOf(core, req);
      return pdf('Bank Income', bankIncomeLines(bankIncomeReport(core, user)));
    }),

    '/credit/sessions/get': h.route(CreditSessionsGetRequest, (core, req) => {
      const user = userOf(core, req);
      return {
        sessions: user.sessions.map((s) => ({
          link_session_id: s.link_session_id,
          session_start_time: s.startedAt.replace(/\.\d{3}Z$/, 'Z'),
          results: {
            item_add_results: [{ item_id: s.itemId, institution_id: s.institutionId }],
            bank_income_results: [{ status: 'APPROVED', item_id: s.itemId, institution_id: s.institutionId }],
          },
          errors: [],
        })),
      };
    }),
  };
}
