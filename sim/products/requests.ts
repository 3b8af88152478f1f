/**
 * Request bodies of the product endpoints, strict like Plaid's: every field the OpenAPI spec
 * allows (current and older spec) is accepted, anything else is UNKNOWN_FIELDS.
 */
import { z } from 'zod';
import { IsoDate, Url, credentials, withAccessToken } from '../requests';

const AccountIds = z.array(z.string());
const accountIdsOption = z.strictObject({ account_ids: AccountIds.optional() }).optional();
const DaysRequested = z.number().int().min(1).max(730);
const PfcVersion = z.enum(['v1', 'v2']);

export const AccountsBalanceGetRequest = z.strictObject({
  ...withAccessToken,
  options: z
    .strictObject({
      account_ids: AccountIds.optional(),
      min_last_updated_datetime: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
  payment_details: z
    .strictObject({
      account_id: z.string().optional(),
      client_transaction_id: z.string().optional(),
      amount: z.number().optional(),
      balance_threshold_percentage: z.number().int().min(1).max(100).optional(),
    })
    .nullable()
    .optional(),
});

export const TransactionsGetRequest = z.strictObject({
  ...withAccessToken,
  start_date: IsoDate,
  end_date: IsoDate,
  options: z
    .strictObject({
      account_ids: AccountIds.optional(),
      count: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
      include_original_description: z.boolean().nullable().optional(),
      include_personal_finance_category_beta: z.boolean().optional(),
      include_personal_finance_category: z.boolean().optional(),
      include_logo_and_counterparty_beta: z.boolean().optional(),
      personal_finance_category_version: PfcVersion.optional(),
      days_requested: DaysRequested.optional(),
    })
    .optional(),
});

export const TransactionsRecurringGetRequest = z.strictObject({
  ...withAccessToken,
  account_ids: AccountIds.optional(),
  options: z
    .strictObject({
      include_personal_finance_category: z.boolean().optional(),
      personal_finance_category_version: PfcVersion.optional(),
    })
    .optional(),
});

/** /auth/get, /identity/get, /investments/holdings/get, /liabilities/get. */
export const AccountScopedRequest = z.strictObject({ ...withAccessToken, options: accountIdsOption });

export const InvestmentsTransactionsGetRequest = z.strictObject({
  ...withAccessToken,
  start_date: IsoDate,
  end_date: IsoDate,
  options: z
    .strictObject({
      account_ids: AccountIds.optional(),
      count: z.number().int().min(1).max(500).optional(),
      offset: z.number().int().min(0).optional(),
      async_update: z.boolean().optional(),
    })
    .optional(),
});

const AssetReportUser = z.strictObject({
  client_user_id: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  middle_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
  ssn: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
const AssetDays = z.number().int().min(0).max(731);

export const AssetReportCreateRequest = z.strictObject({
  ...credentials,
  access_tokens: z.array(z.string()).min(1).max(99),
  days_requested: AssetDays,
  options: z
    .strictObject({
      client_report_id: z.string().nullable().optional(),
      webhook: Url.nullable().optional(),
      include_fast_report: z.boolean().nullable().optional(),
      products: z.array(z.string()).optional(),
      add_ons: z.array(z.enum(['investments', 'fast_assets'])).optional(),
      user: AssetReportUser.optional(),
      require_all_items: z.boolean().nullable().optional(),
    })
    .optional(),
});

export const AssetReportGetRequest = z.strictObject({
  ...credentials,
  asset_report_token: z.string().min(1),
  user_token: z.string().optional(),
  include_insights: z.boolean().optional(),
  fast_report: z.boolean().optional(),
  options: z.strictObject({ days_to_include: AssetDays.nullable().optional() }).optional(),
});

export const AssetReportPdfGetRequest = z.strictObject({
  ...credentials,
  asset_report_token: z.string().min(1),
  options: z.strictObject({ days_to_include: AssetDays.nullable().optional() }).optional(),
});

export const AssetReportRefreshRequest = z.strictObject({
  ...credentials,
  asset_report_token: z.string().min(1),
  days_requested: AssetDays.nullable().optional(),
  options: z
    .strictObject({
      client_report_id: z.string().nullable().optional(),
      webhook: Url.nullable().optional(),
      user: AssetReportUser.optional(),
    })
    .optional(),
});

export const AssetReportRemoveRequest = z.strictObject({
  ...credentials,
  asset_report_token: z.string().min(1),
});

export const UserCreateRequest = z.strictObject({
  ...credentials,
  client_user_id: z.string().min(1).max(128),
  identity: z.unknown().optional(),
  end_customer: z.string().optional(),
  consumer_report_user_identity: z.unknown().optional(),
  with_upgraded_user: z.boolean().optional(),
});

export const CreditBankIncomeGetRequest = z.strictObject({
  ...credentials,
  user_token: z.string().optional(),
  user_id: z.string().optional(),
  options: z.strictObject({ count: z.number().int().min(1).optional() }).optional(),
});

export const CreditBankIncomePdfGetRequest = z.strictObject({
  ...credentials,
  user_token: z.string().optional(),
  user_id: z.string().optional(),
});

export const CreditSessionsGetRequest = z.strictObject({ ...credentials, user_token: z.string() });
