/**
 * Webhook delivery as Plaid does it: a POST of pretty-printed JSON to the Item's webhook URL,
 * signed with an ES256 JWT in `Plaid-Verification` (`kid` header; claims `iat` from the real
 * clock and the hex sha256 of the exact body), retried on anything but HTTP 200 after 30 s and
 * then ×4 each time for up to 24 h. Tests compress the schedule (retryBaseMs) and read what was
 * sent at GET /__sim/webhooks.
 *
 * Only loopback URLs are ever contacted: the simulator stands in for Plaid on this machine, and a
 * webhook aimed anywhere else is recorded as skipped, not sent.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SimulatorCore } from './core';
import type { ItemRecord } from './state';
import { WebhookKeys } from './webhook-keys';

export interface WebhookConfig {
  /** First retry delay; each next one is 4× longer. Plaid: 30 s. */
  retryBaseMs: number;
  /** An answer slower than this counts as a failure. Plaid: 10 s. */
  timeoutMs: number;
}

export const PLAID_WEBHOOK_CONFIG: WebhookConfig = { retryBaseMs: 30_000, timeoutMs: 10_000 };
/** Plaid retries for 24 h, i.e. 2880 first-retry delays; compressing the delay compresses the window. */
const RETRY_WINDOW_IN_BASE_DELAYS = 2880;
const MAX_KEPT = 2000;

export type WebhookPayload = { webhook_type: string; webhook_code: string } & Record<string, unknown>;

export interface WebhookAttempt {
  at: string;
  /** HTTP status of the receiver's answer; null when there was none (refused, timed out). */
  status: number | null;
  error: string | null;
  kid: string;
}

export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed' | 'skipped';

export interface WebhookDelivery {
  id: string;
  item_id: string | null;
  url: string;
  webhook_type: string;
  webhook_code: string;
  body: WebhookPayload;
  status: DeliveryStatus;
  /** Why a webhook was not sent at all (status 'skipped'). */
  skipped_reason: string | null;
  attempts: WebhookAttempt[];
  next_attempt_at: string | null;
  created_at: string;
}

/** Loopback http(s) only: the one place a simulated Plaid may call. */
export function deliverableUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function validWebhookUrl(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export class WebhookDispatcher {
  readonly keys: WebhookKeys;
  private config: WebhookConfig;
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(core: SimulatorCore, config: Partial<WebhookConfig> = {}) {
    this.keys = new WebhookKeys(core.store);
    this.config = { ...PLAID_WEBHOOK_CONFIG, ...config };
  }

  configure(change: Partial<WebhookConfig>): WebhookConfig {
    this.config = { ...this.config, ...change };
    return { ...this.config };
  }

  currentConfig(): WebhookConfig {
    return { ...this.config };
  }

  /** Sends `payload` to `url` (unless it is not loopback); null when there is no URL. */
  send(url: string | null, payload: WebhookPayload, itemId: string | null): WebhookDelivery | null {
    if (!validWebhookUrl(url)) return null;
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      item_id: itemId,
      url,
      webhook_type: payload.webhook_type,
      webhook_code: payload.webhook_code,
      body: payload,
      status: 'pending',
      skipped_reason: null,
      attempts: [],
      next_attempt_at: null,
      created_at: new Date().toISOString(),
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_KEPT) this.deliveries.shift();
    if (!deliverableUrl(url)) {
      delivery.status = 'skipped';
      delivery.skipped_reason = 'the simulator only calls loopback addresses';
      return delivery;
    }
    this.track(this.attempt(delivery, Date.now()));
    return delivery;
  }

  /** Sends to the Item's webhook URL, if it has one. */
  sendToItem(item: Pick<ItemRecord, 'item_id' | 'webhook'>, payload: WebhookPayload): WebhookDelivery | null {
    return this.send(item.webhook, payload, item.item_id);
  }

  list(filter: { itemId?: string | null } = {}): WebhookDelivery[] {
    return this.deliveries.filter((d) => !filter.itemId || d.item_id === filter.itemId);
  }

  clear(): void {
    this.deliveries.length = 0;
  }

  /** Resolves when no attempt is running (retries still scheduled do not count). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private track(promise: Promise<void>): void {
    const tracked = promise.catch((err: unknown) => {
      console.error('[plaid-simulator] webhook delivery failed:', err instanceof Error ? err.message : err);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  private async attempt(delivery: WebhookDelivery, firstAt: number): Promise<void> {
    if (this.closed) return;
    const raw = `${JSON.stringify(delivery.body, null, 2)}`;
    const { kid, key } = await this.keys.signer();
    const jwt = await new SignJWT({ request_body_sha256: createHash('sha256').update(raw).digest('hex') })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuedAt()
      .sign(key);
    const attempt: WebhookAttempt = { at: new Date().toISOString(), status: null, error: null, kid };
    delivery.attempts.push(attempt);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Plaid-Verification': jwt },
        body: raw,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      attempt.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      attempt.error =
        err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : String(err);
    }
    if (attempt.status === 200) {
      delivery.status = 'delivered';
      delivery.next_attempt_at = null;
      return;
    }
    const delay = this.config.retryBaseMs * 4 ** (delivery.attempts.length - 1);
    const window = this.config.retryBaseMs * RETRY_WINDOW_IN_BASE_DELAYS;
    if (this.closed || Date.now() + delay - firstAt > window) {
      delivery.status = 'failed';
      delivery.next_attempt_at = null;
      return;
    }
    delivery.status = 'retrying';
    delivery.next_attempt_at = new Date(Date.now() + delay).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.attempt(delivery, firstAt));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}

const dispatchers = new WeakMap<SimulatorCore, WebhookDispatcher>();

/** The dispatcher of a simulator (created on first use with Plaid's timings). */
export function webhooksOf(core: SimulatorCore): WebhookDispatcher {
  let dispatcher = dispatchers.get(core);
  if (!dispatcher) {
    dispatcher = new WebhookDispatcher(core);
    dispatchers.set(core, dispatcher);
  }
  return dispatcher;
}

export function attachWebhooks(core: SimulatorCore, config: Partial<WebhookConfig> = {}): WebhookDispatcher {
  const dispatcher = new WebhookDispatcher(core, config);
  dispatchers.set(core, dispatcher);
  return dispatcher;
}

// --- Payloads (Plaid's webhook catalogue) ---------------------------------------------------

function payload(type: string, code: string, fields: Record<string, unknown>): WebhookPayload {
  return { webhook_type: type, webhook_code: code, ...fields, environment: 'sandbox' };
}

export const webhookPayloads = {
  syncUpdatesAvailable: (itemId: string, initial: boolean, historical: boolean) =>
    payload('TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE', {
      item_id: itemId,
      initial_update_complete: initial,
      historical_update_complete: historical,
    }),
  transactionsUpdate: (
    code: 'INITIAL_UPDATE' | 'HISTORICAL_UPDATE' | 'DEFAULT_UPDATE',
    itemId: string,
    newTransactions: number,
  ) => payload('TRANSACTIONS', code, { item_id: itemId, error: null, new_transactions: newTransactions }),
  transactionsRemoved: (itemId: string, removed: string[]) =>
    payload('TRANSACTIONS', 'TRANSACTIONS_REMOVED', {
      item_id: itemId,
      error: null,
      removed_transactions: removed,
    }),
  recurringTransactionsUpdate: (itemId: string, accountIds: string[]) =>
    payload('TRANSACTIONS', 'RECURRING_TRANSACTIONS_UPDATE', { item_id: itemId, account_ids: accountIds }),
  itemError: (itemId: string, error: Record<string, unknown> | null) =>
    payload('ITEM', 'ERROR', { item_id: itemId, error }),
  loginRepaired: (itemId: string) => payload('ITEM', 'LOGIN_REPAIRED', { item_id: itemId }),
  pendingExpiration: (itemId: string, consentExpirationTime: string) =>
    payload('ITEM', 'PENDING_EXPIRATION', {
      item_id: itemId,
      consent_expiration_time: consentExpirationTime,
    }),
  pendingDisconnect: (itemId: string, disconnectTime: string) =>
    payload('ITEM', 'PENDING_DISCONNECT', {
      item_id: itemId,
      reason: 'INSTITUTION_TOKEN_EXPIRATION',
      disconnect_time: disconnectTime,
    }),
  userPermissionRevoked: (itemId: string, error: Record<string, unknown> | null) =>
    payload('ITEM', 'USER_PERMISSION_REVOKED', { item_id: itemId, error }),
  userAccountRevoked: (itemId: string, accountId: string) =>
    payload('ITEM', 'USER_ACCOUNT_REVOKED', { item_id: itemId, account_id: accountId }),
  newAccountsAvailable: (itemId: string) =>
    payload('ITEM', 'NEW_ACCOUNTS_AVAILABLE', { item_id: itemId, error: null }),
  webhookUpdateAcknowledged: (itemId: string, newUrl: string) =>
    payload('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED', { item_id: itemId, error: null, new_webhook_url: newUrl }),
  holdingsUpdate: (itemId: string, newHoldings: number, updatedHoldings: number) =>
    payload('HOLDINGS', 'DEFAULT_UPDATE', {
      item_id: itemId,
      error: null,
      new_holdings: newHoldings,
      updated_holdings: updatedHoldings,
    }),
  investmentsTransactionsUpdate: (itemId: string, added: number, cancelled: number) =>
    payload('INVESTMENTS_TRANSACTIONS', 'DEFAULT_UPDATE', {
      item_id: itemId,
      error: null,
      new_investments_transactions: added,
      cancelled_investments_transactions: cancelled,
    }),
  liabilitiesUpdate: (itemId: string, newIds: string[], updated: Record<string, string[]>) =>
    payload('LIABILITIES', 'DEFAULT_UPDATE', {
      item_id: itemId,
      error: null,
      account_ids_with_new_liabilities: newIds,
      account_ids_with_updated_liabilities: updated,
    }),
  authUpdate: (itemId: string, updated: Record<string, string[]>) =>
    payload('AUTH', 'DEFAULT_UPDATE', {
      item_id: itemId,
      error: null,
      account_ids_with_new_auth: [],
      account_ids_with_updated_auth: updated,
    }),
  identityUpdate: (itemId: string, updated: Record<string, string[]>) =>
    payload('IDENTITY', 'DEFAULT_UPDATE', {
      item_id: itemId,
      error: null,
      account_ids_with_updated_identity: updated,
    }),
  assetsProductReady: (assetReportId: string, reportType: 'FULL' | 'FAST' = 'FULL') =>
    payload('ASSETS', 'PRODUCT_READY', { asset_report_id: assetReportId, report_type: reportType }),
  assetsError: (assetReportId: string, error: Record<string, unknown>) =>
    payload('ASSETS', 'ERROR', { asset_report_id: assetReportId, error }),
};

/**
 * For the Assets product: ASSETS / PRODUCT_READY to the report's webhook (set on
 * /asset_report/create). Returns the delivery, or null when the report has no webhook.
 */
export function fireAssetsProductReady(
  core: SimulatorCore,
  args: {
    webhook: string | null;
    assetReportId: string;
    reportType?: 'FULL' | 'FAST';
    itemId?: string | null;
  },
): WebhookDelivery | null {
  return webhooksOf(core).send(
    args.webhook,
    webhookPayloads.assetsProductReady(args.assetReportId, args.reportType),
    args.itemId ?? null,
  );
}

export function fireAssetsError(
  core: SimulatorCore,
  args: {
    webhook: string | null;
    assetReportId: string;
    error: Record<string, unknown>;
    itemId?: string | null;
  },
): WebhookDelivery | null {
  return webhooksOf(core).send(
    args.webhook,
    webhookPayloads.assetsError(args.assetReportId, args.error),
    args.itemId ?? null,
  );
}
