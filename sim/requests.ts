/**
 * Request bodies of the simulated endpoints, as Plaid's OpenAPI spec defines them. Plaid rejects
 * unknown fields, so every object is strict; fields the spec allows but the simulator ignores are
 * still accepted. A failed parse becomes Plaid's INVALID_REQUEST error (see parseRequest).
 */
import { z } from 'zod';
import { PlaidApiError } from './errors';
import { isIsoDate } from './dates';
import { PRODUCTS } from './institutions';

const COUNTRY_CODES = [
  'US',
  'GB',
  'ES',
  'NL',
  'FR',
  'IE',
  'CA',
  'DE',
  'IT',
  'PL',
  'DK',
  'NO',
  'SE',
  'EE',
  'LT',
  'LV',
  'PT',
  'BE',
  'AT',
  'FI',
] as const;

export const credentials = { client_id: z.string().optional(), secret: z.string().optional() };
const Product = z.enum(PRODUCTS);
const CountryCode = z.enum(COUNTRY_CODES);
export const Url = z.string().refine((v) => URL.canParse(v), 'must be a valid URL');
export const IsoDate = z.string().refine(isIsoDate, 'must be a date (YYYY-MM-DD)');
const DaysRequested = z.number().int().min(1).max(730);
/** Spec fields the simulator accepts and does not act on. */
const ignored = z.unknown().optional();

export const LinkTokenCreateRequest = z.strictObject({
  ...credentials,
  client_name: z.string().min(1),
  language: z.string().min(1),
  country_codes: z.array(CountryCode).min(1),
  user: z.looseObject({ client_user_id: z.string().min(1) }).optional(),
  user_id: z.string().optional(),
  user_token: z.string().optional(),
  products: z.array(Product).nullable().optional(),
  required_if_supported_products: z.array(Product).nullable().optional(),
  optional_products: z.array(Product).nullable().optional(),
  additional_consented_products: z.array(Product).nullable().optional(),
  webhook: Url.optional(),
  access_token: z.string().min(1).nullable().optional(),
  access_tokens: z.array(z.string()).optional(),
  link_customization_name: z.string().optional(),
  redirect_uri: z.string().optional(),
  android_package_name: z.string().optional(),
  transactions: z.strictObject({ days_requested: DaysRequested.optional() }).optional(),
  update: z
    .strictObject({
      account_selection_enabled: z.boolean().optional(),
      reauthorization_enabled: z.boolean().optional(),
      user: z.boolean().optional(),
      item_ids: z.array(z.string()).nullable().optional(),
    })
    .optional(),
  appearance_mode: z.enum(['LIGHT', 'DARK', 'SYSTEM']).nullable().optional(),
  institution_data: ignored,
  card_switch: ignored,
  deposit_switch: ignored,
  account_filters: ignored,
  eu_config: ignored,
  institution_id: z.string().optional(),
  payment_configuration: ignored,
  payment_initiation: ignored,
  employment: ignored,
  income_verification: ignored,
  base_report: ignored,
  credit_partner_insights: ignored,
  cra_options: ignored,
  consumer_report_permissible_purpose: ignored,
  auth: ignored,
  transfer: ignored,
  identity_verification: ignored,
  statements: ignored,
  third_party_user_token: z.string().optional(),
  investments: ignored,
  investments_auth: ignored,
  hosted_link: ignored,
  cashflow_report: ignored,
  cra_enabled: z.boolean().optional(),
  identity: ignored,
  financekit_supported: z.boolean().optional(),
  enable_multi_item_link: z.boolean().optional(),
});
export type LinkTokenCreateRequest = z.infer<typeof LinkTokenCreateRequest>;

export const LinkTokenGetRequest = z.strictObject({ ...credentials, link_token: z.string() });

export const ItemPublicTokenExchangeRequest = z.strictObject({ ...credentials, public_token: z.string() });

export const SandboxPublicTokenCreateRequest = z.strictObject({
  ...credentials,
  institution_id: z.string(),
  initial_products: z.array(Product).min(1),
  options: z
    .strictObject({
      webhook: Url.optional(),
      override_username: z.string().nullable().optional(),
      override_password: z.string().nullable().optional(),
      transactions: z
        .strictObject({
          start_date: IsoDate.optional(),
          end_date: IsoDate.optional(),
          days_requested: DaysRequested.optional(),
        })
        .nullable()
        .optional(),
      statements: z.strictObject({ start_date: IsoDate, end_date: IsoDate }).nullable().optional(),
      income_verification: ignored,
    })
    .optional(),
  user_token: z.string().optional(),
  user_id: z.string().optional(),
});
export type SandboxPublicTokenCreateRequest = z.infer<typeof SandboxPublicTokenCreateRequest>;

export const withAccessToken = { ...credentials, access_token: z.string() };

export const ItemGetRequest = z.strictObject(withAccessToken);

export const ItemRemoveRequest = z.strictObject({
  ...withAccessToken,
  reason_code: z
    .enum([
      'FRAUD_FIRST_PARTY',
      'FRAUD_FALSE_IDENTITY',
      'FRAUD_ABUSE',
      'FRAUD_OTHER',
      'CONNECTION_IS_NON_FUNCTIONAL',
      'OTHER',
    ])
    .nullable()
    .optional(),
  reason_note: z.string().max(512).nullable().optional(),
});

export const AccountsGetRequest = z.strictObject({
  ...withAccessToken,
  options: z.strictObject({ account_ids: z.array(z.string()).optional() }).optional(),
});

export const TransactionsSyncRequest = z.strictObject({
  ...withAccessToken,
  cursor: z.string().optional(),
  count: z.number().int().min(1).max(500).optional(),
  options: z
    .strictObject({
      include_original_description: z.boolean().nullable().optional(),
      include_personal_finance_category: z.boolean().optional(),
      include_logo_and_counterparty_beta: z.boolean().optional(),
      personal_finance_category_version: z.enum(['v1', 'v2']).optional(),
      days_requested: DaysRequested.optional(),
      account_id: z.string().optional(),
    })
    .optional(),
});
export type TransactionsSyncRequest = z.infer<typeof TransactionsSyncRequest>;

export const InstitutionsGetRequest = z.strictObject({
  ...credentials,
  count: z.number().int().min(1).max(500),
  offset: z.number().int().min(0),
  country_codes: z.array(CountryCode).min(1),
  options: z
    .strictObject({
      products: z.array(z.string()).min(1).nullable().optional(),
      routing_numbers: z.array(z.string()).nullable().optional(),
      oauth: z.boolean().nullable().optional(),
      include_optional_metadata: z.boolean().optional(),
      include_auth_metadata: z.boolean().optional(),
      include_payment_initiation_metadata: z.boolean().optional(),
    })
    .optional(),
});

export const InstitutionsGetByIdRequest = z.strictObject({
  ...credentials,
  institution_id: z.string().min(1),
  country_codes: z.array(CountryCode),
  options: z
    .strictObject({
      include_optional_metadata: z.boolean().optional(),
      include_status: z.boolean().optional(),
      include_auth_metadata: z.boolean().optional(),
      include_payment_initiation_metadata: z.boolean().optional(),
    })
    .optional(),
});

/**
 * Parses a request body the way Plaid judges it: an explicit null where a field takes none means
 * the field is absent (Plaid's own sample apps send `cursor: null`), then missing required fields
 * first, then fields the endpoint does not know, then values of the wrong type or range.
 */
export function parseRequest<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  let result = schema.safeParse(body);
  for (let round = 0; !result.success && round < 16; round++) {
    const lenient = withoutRefusedNulls(body, result.error.issues);
    if (lenient === body) break;
    body = lenient;
    result = schema.safeParse(body);
  }
  if (result.success) return result.data;
  const missing: string[] = [];
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) unknown.push(path ? `${path}.${key}` : key);
    } else if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) {
      missing.push(path);
    } else {
      invalid.push(`${path || 'body'}: ${issue.message}`);
    }
  }
  if (missing.length) {
    throw new PlaidApiError(
      'MISSING_FIELDS',
      `the following required fields are missing: ${missing.join(', ')}`,
    );
  }
  if (unknown.length) {
    throw new PlaidApiError(
      'UNKNOWN_FIELDS',
      `the following fields are not recognized by this endpoint: ${unknown.join(', ')}`,
    );
  }
  throw new PlaidApiError('INVALID_FIELD', invalid.join('; '));
}

/**
 * The body without the null-valued fields the issues are about (unknown fields included), or the
 * body itself when no issue is about a null. Fields whose schema accepts null never raise an issue,
 * so their null keeps its meaning.
 */
function withoutRefusedNulls(body: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const paths: PropertyKey[][] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) paths.push([...issue.path, key]);
    } else {
      paths.push([...issue.path]);
    }
  }
  const nullPaths = paths.filter(
    (path) =>
      path.length > 0 && valueAt(body, path) === null && isPlainObject(valueAt(body, path.slice(0, -1))),
  );
  if (nullPaths.length === 0) return body;
  const copy = structuredClone(body);
  for (const path of nullPaths) {
    const parent = valueAt(copy, path.slice(0, -1)) as Record<PropertyKey, unknown>;
    delete parent[path[path.length - 1]!];
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
