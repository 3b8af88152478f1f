/**
 * The Plaid SDK, configured once per core: base URL (Plaid, or a simulator), keys in headers,
 * and a request timeout (axios has none by default, so a hung connection would hang a sync).
 * `PlaidGateway` is the only caller of the SDK: every call goes through toPlaidError and logs its
 * request_id, never its arguments.
 */
import {
  Configuration,
  CountryCode,
  PlaidApi,
  Products,
  type AccountBase,
  type ItemGetResponse,
  type LinkTokenCreateRequest,
  type TransactionsSyncResponse,
} from 'plaid';
import type { Logger } from '../log/logger';
import { toPlaidError } from './errors';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry';

export const PLAID_TIMEOUT_MS = 30_000;

export interface PlaidClientConfig {
  basePath: string;
  clientId: string;
  secret: string;
  timeoutMs?: number;
}

export function createPlaidApi(config: PlaidClientConfig): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: config.basePath,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': config.clientId, 'PLAID-SECRET': config.secret },
        timeout: config.timeoutMs ?? PLAID_TIMEOUT_MS,
      },
    }),
  );
}

export interface LinkTokenParams {
  clientUserId: string;
}

export class PlaidGateway {
  constructor(
    private readonly api: PlaidApi,
    private readonly log: Logger,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {}

  private async call<T extends { request_id?: string }>(
    endpoint: string,
    fn: () => Promise<{ data: T }>,
    retry: boolean,
  ): Promise<T> {
    const once = async () => {
      const started = Date.now();
      try {
        const { data } = await fn();
        this.log.info('plaid request', {
          endpoint,
          request_id: data.request_id ?? null,
          ms: Date.now() - started,
        });
        return data;
      } catch (error) {
        const safe = toPlaidError(error);
        this.log.warn('plaid request failed', {
          endpoint,
          ms: Date.now() - started,
          code: safe.code,
          request_id: safe.plaid?.request_id ?? null,
          error_type: safe.plaid?.error_type ?? null,
          message: safe.message,
        });
        throw safe;
      }
    };
    if (!retry) return once();
    return withRetry(once, this.retry, (error, attempt, waitMs) =>
      this.log.info('plaid retry', { endpoint, attempt, waitMs, code: error.code }),
    );
  }

  linkTokenCreate(params: LinkTokenParams) {
    const request: LinkTokenCreateRequest = {
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: params.clientUserId },
      products: [Products.Transactions],
      // Plaid's default is 90 days and cannot be raised once Transactions is on the Item.
      transactions: { days_requested: 730 },
    };
    return this.call('/link/token/create', () => this.api.linkTokenCreate(request), true);
  }

  /** Not idempotent: a retry after a lost response would create (and bill) a second Item. Never retried. */
  exchangePublicToken(publicToken: string) {
    return this.call(
      '/item/public_token/exchange',
      () => this.api.itemPublicTokenExchange({ public_token: publicToken }),
      false,
    );
  }

  sandboxPublicTokenCreate(institutionId: string) {
    return this.call(
      '/sandbox/public_token/create',
      () =>
        this.api.sandboxPublicTokenCreate({
          institution_id: institutionId,
          initial_products: [Products.Transactions],
          options: { transactions: { days_requested: 730 } },
        }),
      true,
    );
  }

  itemGet(accessToken: string): Promise<ItemGetResponse> {
    return this.call('/item/get', () => this.api.itemGet({ access_token: accessToken }), true);
  }

  itemRemove(accessToken: string) {
    return this.call('/item/remove', () => this.api.itemRemove({ access_token: accessToken }), true);
  }

  async accountsGet(accessToken: string): Promise<AccountBase[]> {
    const data = await this.call(
      '/accounts/get',
      () => this.api.accountsGet({ access_token: accessToken }),
      true,
    );
    return data.accounts;
  }

  async institutionName(institutionId: string): Promise<string> {
    const data = await this.call(
      '/institutions/get_by_id',
      () => this.api.institutionsGetById({ institution_id: institutionId, country_codes: [CountryCode.Us] }),
      true,
    );
    return data.institution.name;
  }

  transactionsSync(
    accessToken: string,
    cursor: string | null,
    count: number,
  ): Promise<TransactionsSyncResponse> {
    return this.call(
      '/transactions/sync',
      () =>
        this.api.transactionsSync({
          access_token: accessToken,
          ...(cursor ? { cursor } : {}),
          count,
        }),
      true,
    );
  }
}
