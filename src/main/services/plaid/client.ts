/**
 * The Plaid SDK, configured once per core: base URL (Plaid, or a simulator), keys in headers,
 * and a request timeout (axios has none by default, so a hung connection would hang a sync).
 * `PlaidGateway` is the only caller of the SDK: every call goes through toPlaidError and the error
 * policy (errors.ts decides, retry.ts carries out), and logs its request_id and the policy's
 * decision, never its arguments.
 */
import type {
  AccountBase,
  CountryCode,
  PlaidApi,
  Products,
  Institution,
  JWKPublicKey,
  AssetReportGetResponse,
  AssetReportUser,
  CreditBankIncomeGetResponse,
  IncomeVerificationSourceType,
  ItemGetResponse,
  LiabilitiesGetResponse,
  LinkTokenCreateRequest,
  TransactionsSyncResponse,
} from 'plaid';
import type { Logger } from '../log/logger';
import { AppError } from '../errors';
import { decideError, PlaidApiError, PlaidUnreachableError, toPlaidError } from './errors';
import {
  CircuitBreakers,
  defaultBreakerOptions,
  defaultRetryPolicy,
  withRetry,
  type RetryPolicy,
} from './retry';

export const PLAID_TIMEOUT_MS = 30_000;

export interface PlaidClientConfig {
  basePath: string;
  clientId: string;
  secret: string;
  timeoutMs?: number;
}

// The SDK's enums, spelled as their values: the SDK itself (with axios) loads only when a call is
// made, so a core that only reads its ledger never pays for it.
const US = 'US' as CountryCode;
const TRANSACTIONS = 'transactions' as Products;
const BANK = 'bank' as IncomeVerificationSourceType;
/** Days of deposits bank income looks at (Plaid's default is 90). */
export const BANK_INCOME_DAYS = 365;

/** Link for bank income: the user's token and Plaid's income_verification options. */
function incomeFields(userToken: string | undefined) {
  if (!userToken) return {};
  return {
    user_token: userToken,
    income_verification: {
      income_source_types: [BANK],
      bank_income: { days_requested: BANK_INCOME_DAYS },
    },
  };
}

/** The SDK client, or how to make it: PlaidGateway makes it at its first call. */
export type PlaidSdk = PlaidApi | (() => Promise<PlaidApi>);

export function createPlaidApi(config: PlaidClientConfig): () => Promise<PlaidApi> {
  return async () => {
    const { Configuration, PlaidApi } = await import('plaid');
    return new PlaidApi(
      new Configuration({
        basePath: config.basePath,
        baseOptions: {
          headers: { 'PLAID-CLIENT-ID': config.clientId, 'PLAID-SECRET': config.secret },
          timeout: config.timeoutMs ?? PLAID_TIMEOUT_MS,
        },
      }),
    );
  };
}

export interface LinkTokenParams {
  clientUserId: string;
  /** Update mode for this Item: no products, and the token never changes (no exchange afterwards). */
  accessToken?: string;
  /** Update mode with Account Select, after NEW_ACCOUNTS_AVAILABLE. */
  accountSelection?: boolean;
  /**
   * Plaid's product lists (items/products.ts builds them): a new Item's `products`,
   * `optional_products` and `additional_consented_products`; in update mode `products` only for
   * what update mode may add (Assets, Income).
   */
  products?: LinkProductLists;
  /** Bank income: the ledger's Plaid user (from /user/create), whose report the Item joins. */
  userToken?: string;
}

export interface LinkProductLists {
  products: Products[];
  optional: Products[];
  consentOnly: Products[];
}

/** Plaid's lists, each only when it has something: Plaid refuses an empty list in some of them. */
function productFields(lists: LinkProductLists | undefined) {
  if (!lists) return {};
  return {
    ...(lists.products.length ? { products: lists.products } : {}),
    ...(lists.optional.length ? { optional_products: lists.optional } : {}),
    ...(lists.consentOnly.length ? { additional_consented_products: lists.consentOnly } : {}),
  };
}

export interface GatewayOptions {
  retry?: RetryPolicy;
  breaker?: Partial<typeof defaultBreakerOptions>;
}

/** Which institution a call concerns, for its circuit breaker: a token's Item's, or an explicit id. */
type Scope = { accessToken: string } | { institutionId: string } | null;

export class PlaidGateway {
  private readonly retry: RetryPolicy;
  readonly breakers: CircuitBreakers;
  /** access token → institution id, in memory only, so calls by token find their breaker. */
  private readonly institutionByToken = new Map<string, string>();
  /** Where new Items send their webhooks (the relay's URL for this device), if anywhere. */
  private webhookUrl: () => string | null = () => null;
  private loaded: Promise<PlaidApi> | null = null;

  constructor(
    private readonly sdk: PlaidSdk,
    private readonly log: Logger,
    options: GatewayOptions | RetryPolicy = {},
  ) {
    const opts: GatewayOptions = 'retries' in options ? { retry: options } : options;
    this.retry = opts.retry ?? defaultRetryPolicy;
    const now = this.retry.now ?? Date.now;
    this.breakers = new CircuitBreakers({
      ...defaultBreakerOptions,
      ...opts.breaker,
      now,
      onOpen: (key, failures) =>
        this.log.warn('institution circuit opened', { institution_id: key, failures }),
    });
  }

  private api(): Promise<PlaidApi> {
    const sdk = this.sdk;
    this.loaded ??= typeof sdk === 'function' ? sdk() : Promise.resolve(sdk);
    return this.loaded;
  }

  /** Tells the gateway which institution an Item's token belongs to (for its circuit breaker). */
  bindInstitution(accessToken: string, institutionId: string | null): void {
    if (institutionId) this.institutionByToken.set(accessToken, institutionId);
  }

  forgetToken(accessToken: string): void {
    this.institutionByToken.delete(accessToken);
  }

  private breakerKey(scope: Scope): string | null {
    if (!scope) return null;
    return 'institutionId' in scope
      ? scope.institutionId
      : (this.institutionByToken.get(scope.accessToken) ?? null);
  }

  private async call<T extends { request_id?: string }>(
    endpoint: string,
    fn: () => Promise<{ data: T }>,
    retry: boolean,
    scope: Scope = null,
  ): Promise<T> {
    let attempt = 0;
    const key = this.breakerKey(scope);
    const once = async () => {
      attempt++;
      const started = Date.now();
      try {
        const { data } = await fn();
        this.log.info('plaid request', {
          endpoint,
          request_id: data.request_id ?? null,
          attempt,
          ms: Date.now() - started,
        });
        return data;
      } catch (error) {
        const safe = toPlaidError(error);
        const decision = decideError(safe);
        // A bug is logged loudly with its request_id: that is what a report to Plaid needs.
        const level = decision.action === 'bug' ? 'error' : 'warn';
        this.log[level]('plaid request failed', {
          endpoint,
          attempt,
          ms: Date.now() - started,
          code: safe.code,
          request_id: safe.plaid?.request_id ?? null,
          error_type: safe.plaid?.error_type ?? null,
          error_code: safe.plaid?.error_code ?? null,
          status: safe instanceof PlaidApiError ? safe.status : null,
          decision: decision.action,
          institution_id: key,
          message: safe.message,
        });
        throw safe;
      }
    };
    if (!retry) return once();
    return withRetry(once, this.retry, {
      breaker: key ? { breakers: this.breakers, key } : undefined,
      onRetry: (e) =>
        this.log.info('plaid retry', {
          endpoint,
          attempt: e.attempt,
          waitMs: e.waitMs,
          reason: e.reason,
          decision: e.decision.action,
          error_code: e.error.plaid?.error_code ?? e.error.code,
          request_id: e.error.plaid?.request_id ?? null,
          institution_id: key,
        }),
      onGiveUp: (e) =>
        this.log.warn('plaid gave up', {
          endpoint,
          attempts: e.attempts,
          why: e.why,
          decision: e.decision.action,
          error_code: e.error.plaid?.error_code ?? e.error.code,
          request_id: e.error.plaid?.request_id ?? null,
          institution_id: key,
        }),
    });
  }

  linkTokenCreate(params: LinkTokenParams) {
    const base = {
      client_name: 'Coffer',
      language: 'en',
      country_codes: [US],
      user: { client_user_id: params.clientUserId },
    };
    const request: LinkTokenCreateRequest = params.accessToken
      ? {
          ...base,
          access_token: params.accessToken,
          ...(params.accountSelection ? { update: { account_selection_enabled: true } } : {}),
          ...productFields(params.products),
          ...incomeFields(params.userToken),
        }
      : {
          ...base,
          products: [TRANSACTIONS],
          ...productFields(params.products),
          // Plaid's default is 90 days and cannot be raised once Transactions is on the Item.
          transactions: { days_requested: 730 },
          ...this.webhookField(),
        };
    return this.call(
      '/link/token/create',
      async () => (await this.api()).linkTokenCreate(request),
      true,
      params.accessToken ? { accessToken: params.accessToken } : null,
    );
  }

  /**
   * Not idempotent: a retry after a lost response would create (and bill) a second Item, so it is
   * never retried. After a timeout nobody knows whether the Item exists; the user is told so.
   */
  async exchangePublicToken(publicToken: string) {
    try {
      return await this.call(
        '/item/public_token/exchange',
        async () => (await this.api()).itemPublicTokenExchange({ public_token: publicToken }),
        false,
      );
    } catch (error) {
      if (error instanceof PlaidUnreachableError && error.kind === 'timeout') {
        throw new AppError(
          'EXCHANGE_UNCONFIRMED',
          'Coffer could not confirm that the bank connection was created (the request timed out). ' +
            'If the bank does not appear, link it again.',
          error.plaid,
        );
      }
      throw error;
    }
  }

  sandboxPublicTokenCreate(institutionId: string, products: Products[] = [TRANSACTIONS]) {
    return this.call(
      '/sandbox/public_token/create',
      async () =>
        (await this.api()).sandboxPublicTokenCreate({
          institution_id: institutionId,
          initial_products: products,
          options: { transactions: { days_requested: 730 }, ...this.webhookField() },
        }),
      true,
    );
  }

  itemGet(accessToken: string): Promise<ItemGetResponse> {
    return this.call(
      '/item/get',
      async () => (await this.api()).itemGet({ access_token: accessToken }),
      true,
      {
        accessToken,
      },
    );
  }

  liabilitiesGet(accessToken: string): Promise<LiabilitiesGetResponse> {
    return this.call(
      '/liabilities/get',
      async () => (await this.api()).liabilitiesGet({ access_token: accessToken }),
      true,
      {
        accessToken,
      },
    );
  }

  itemRemove(accessToken: string) {
    return this.call(
      '/item/remove',
      async () => (await this.api()).itemRemove({ access_token: accessToken }),
      true,
      {
        accessToken,
      },
    );
  }

  async accountsGet(accessToken: string): Promise<AccountBase[]> {
    const data = await this.call(
      '/accounts/get',
      async () => (await this.api()).accountsGet({ access_token: accessToken }),
      true,
      { accessToken },
    );
    return data.accounts;
  }

  /** Real-time balances: Plaid asks the bank now (slower than /accounts/get, which may be cached). */
  async accountsBalanceGet(accessToken: string): Promise<AccountBase[]> {
    const data = await this.call(
      '/accounts/balance/get',
      async () => (await this.api()).accountsBalanceGet({ access_token: accessToken }),
      true,
      { accessToken },
    );
    return data.accounts;
  }

  async institutionName(institutionId: string): Promise<string> {
    return (await this.institution(institutionId, false)).name;
  }

  /** The institution, with its status when asked (Plaid leaves status null in Sandbox and at low traffic). */
  /**
   * Proves a client_id and secret with the most harmless authenticated call there is (one
   * institution, no Item, nothing billed): wrong keys answer INVALID_API_KEYS.
   */
  async checkKeys(): Promise<void> {
    await this.call(
      '/institutions/get',
      async () => (await this.api()).institutionsGet({ count: 1, offset: 0, country_codes: [US] }),
      true,
    );
  }

  async institution(institutionId: string, includeStatus: boolean): Promise<Institution> {
    const data = await this.call(
      '/institutions/get_by_id',
      async () =>
        (await this.api()).institutionsGetById({
          institution_id: institutionId,
          country_codes: [US],
          ...(includeStatus ? { options: { include_status: true } } : {}),
        }),
      true,
      { institutionId },
    );
    return data.institution;
  }

  transactionsSync(
    accessToken: string,
    cursor: string | null,
    count: number,
  ): Promise<TransactionsSyncResponse> {
    return this.call(
      '/transactions/sync',
      async () =>
        (await this.api()).transactionsSync({
          access_token: accessToken,
          ...(cursor ? { cursor } : {}),
          count,
        }),
      true,
      { accessToken },
    );
  }

  /** Asks Plaid to fetch fresh transactions now; new data then arrives through /transactions/sync. */
  transactionsRefresh(accessToken: string) {
    return this.call(
      '/transactions/refresh',
      async () => (await this.api()).transactionsRefresh({ access_token: accessToken }),
      true,
      { accessToken },
    );
  }

  /** Recurring streams (subscriptions, income) as Plaid detects them. */
  transactionsRecurringGet(accessToken: string) {
    return this.call(
      '/transactions/recurring/get',
      async () => (await this.api()).transactionsRecurringGet({ access_token: accessToken }),
      true,
      { accessToken },
    );
  }

  /**
   * The call that adds a consented product to an Item (Plaid adds it on first use) and tells
   * whether the Item can serve it; null for products added only through Link (Assets and Income,
   * whose reports services/assets and services/income make when the user asks for one).
   */
  productCall(product: string, accessToken: string): (() => Promise<unknown>) | null {
    const token = { access_token: accessToken };
    const scope = { accessToken };
    switch (product) {
      case 'transactions':
        return () => this.transactionsSync(accessToken, null, 1);
      case 'investments':
        return () =>
          this.call(
            '/investments/holdings/get',
            async () => (await this.api()).investmentsHoldingsGet(token),
            true,
            scope,
          );
      case 'liabilities':
        return () =>
          this.call('/liabilities/get', async () => (await this.api()).liabilitiesGet(token), true, scope);
      case 'auth':
        return () => this.authGet(accessToken);
      case 'identity':
        return () => this.identityGet(accessToken);
      default:
        return null;
    }
  }

  /** Account and routing numbers: the caller keeps them out of the ledger, the logs and events. */
  authGet(accessToken: string, accountIds?: string[]) {
    return this.call(
      '/auth/get',
      async () =>
        (await this.api()).authGet({
          access_token: accessToken,
          ...(accountIds ? { options: { account_ids: accountIds } } : {}),
        }),
      true,
      { accessToken },
    );
  }

  identityGet(accessToken: string) {
    return this.call(
      '/identity/get',
      async () => (await this.api()).identityGet({ access_token: accessToken }),
      true,
      { accessToken },
    );
  }

  investmentsHoldingsGet(accessToken: string) {
    return this.call(
      '/investments/holdings/get',
      async () => (await this.api()).investmentsHoldingsGet({ access_token: accessToken }),
      true,
      { accessToken },
    );
  }

  /** One page of investment transactions, newest first; Plaid pages them by offset. */
  investmentsTransactionsGet(
    accessToken: string,
    range: { startDate: string; endDate: string },
    page: { offset: number; count: number },
  ) {
    return this.call(
      '/investments/transactions/get',
      async () =>
        (await this.api()).investmentsTransactionsGet({
          access_token: accessToken,
          start_date: range.startDate,
          end_date: range.endDate,
          options: { offset: page.offset, count: page.count },
        }),
      true,
      { accessToken },
    );
  }

  // Asset Reports (services/assets). Creating and refreshing make (and bill) a new report each
  // time, so they are never repeated blindly; get polls PRODUCT_NOT_READY within the policy's bound.

  assetReportCreate(
    accessTokens: string[],
    daysRequested: number,
    options: { clientReportId: string; user?: AssetReportUser },
  ) {
    return this.call(
      '/asset_report/create',
      async () =>
        (await this.api()).assetReportCreate({
          access_tokens: accessTokens,
          days_requested: daysRequested,
          options: { client_report_id: options.clientReportId, user: options.user, ...this.webhookField() },
        }),
      false,
      accessTokens.length === 1 ? { accessToken: accessTokens[0]! } : null,
    );
  }

  assetReportGet(assetReportToken: string, poll = true): Promise<AssetReportGetResponse> {
    return this.call(
      '/asset_report/get',
      async () => (await this.api()).assetReportGet({ asset_report_token: assetReportToken }),
      poll,
    );
  }

  async assetReportPdfGet(assetReportToken: string): Promise<Buffer> {
    const data = await this.call(
      '/asset_report/pdf/get',
      async () => {
        const response = await (
          await this.api()
        ).assetReportPdfGet({ asset_report_token: assetReportToken }, { responseType: 'arraybuffer' });
        return {
          data: { pdf: Buffer.from(response.data as ArrayBuffer) } as { pdf: Buffer; request_id?: string },
        };
      },
      true,
    );
    return data.pdf;
  }

  assetReportRefresh(assetReportToken: string, daysRequested: number) {
    return this.call(
      '/asset_report/refresh',
      async () =>
        (await this.api()).assetReportRefresh({
          asset_report_token: assetReportToken,
          days_requested: daysRequested,
          options: this.webhookField(),
        }),
      false,
    );
  }

  assetReportRemove(assetReportToken: string) {
    return this.call(
      '/asset_report/remove',
      async () => (await this.api()).assetReportRemove({ asset_report_token: assetReportToken }),
      true,
    );
  }

  // Bank income (services/income): one Plaid user per ledger.

  userCreate(clientUserId: string) {
    return this.call(
      '/user/create',
      async () => (await this.api()).userCreate({ client_user_id: clientUserId }),
      true,
    );
  }

  creditBankIncomeGet(userToken: string): Promise<CreditBankIncomeGetResponse> {
    return this.call(
      '/credit/bank_income/get',
      async () => (await this.api()).creditBankIncomeGet({ user_token: userToken, options: { count: 1 } }),
      true,
    );
  }

  /** Webhooks (services/webhooks): the URL new Items get, set when the relay settings change. */
  useWebhookUrl(provider: () => string | null): void {
    this.webhookUrl = provider;
  }

  private webhookField(): { webhook?: string } {
    const url = this.webhookUrl();
    return url ? { webhook: url } : {};
  }

  /** Plaid's key for a webhook JWT's kid; 'unknown' when Plaid has no such key. */
  async webhookVerificationKeyGet(keyId: string): Promise<JWKPublicKey | 'unknown'> {
    try {
      const data = await this.call(
        '/webhook_verification_key/get',
        async () => (await this.api()).webhookVerificationKeyGet({ key_id: keyId }),
        true,
      );
      return data.key;
    } catch (error) {
      if (error instanceof AppError && error.plaid?.error_code === 'INVALID_WEBHOOK_VERIFICATION_KEY_ID')
        return 'unknown';
      throw error;
    }
  }

  itemWebhookUpdate(accessToken: string, webhook: string) {
    return this.call(
      '/item/webhook/update',
      async () => (await this.api()).itemWebhookUpdate({ access_token: accessToken, webhook }),
      true,
      { accessToken },
    );
  }
}
