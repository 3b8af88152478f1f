/**
 * Webhooks as Plaid sends them: signed (ES256, verified here with jose against
 * /webhook_verification_key/get), aimed at the Item's URL, retried on failure, announcing what the
 * clock and the Sandbox tools change; and Item health (reset_login, expiry) around them.
 */
import {
  CountryCode,
  Products,
  WebhookType,
  SandboxItemFireWebhookRequestWebhookCodeEnum as Code,
} from 'plaid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpec } from '../tests/contract/openapi';
import {
  plaidFailure,
  startHarness,
  startWebhookReceiver,
  verifyPlaidWebhook,
  type ReceivedWebhook,
  type SimHarness,
  type WebhookReceiver,
} from './testing';
import type { WebhookDelivery } from './webhooks';

// Loaded before any simulator starts: building the validators blocks for seconds, long enough
// for a server to drop an idle keep-alive socket a client is about to reuse (ECONNRESET).
const spec = loadSpec();

const CLOCK = '2026-03-15';
const is = (type: string, code: string) => (w: ReceivedWebhook) =>
  w.body.webhook_type === type && w.body.webhook_code === code;

/** The spec's schema for each webhook the simulator sends. */
const SCHEMAS: Record<string, string> = {
  'TRANSACTIONS/SYNC_UPDATES_AVAILABLE': 'SyncUpdatesAvailableWebhook',
  'TRANSACTIONS/INITIAL_UPDATE': 'InitialUpdateWebhook',
  'TRANSACTIONS/HISTORICAL_UPDATE': 'HistoricalUpdateWebhook',
  'TRANSACTIONS/DEFAULT_UPDATE': 'DefaultUpdateWebhook',
  'TRANSACTIONS/TRANSACTIONS_REMOVED': 'TransactionsRemovedWebhook',
  'TRANSACTIONS/RECURRING_TRANSACTIONS_UPDATE': 'RecurringTransactionsUpdateWebhook',
  'ITEM/ERROR': 'ItemErrorWebhook',
  'ITEM/LOGIN_REPAIRED': 'ItemLoginRepairedWebhook',
  'ITEM/PENDING_EXPIRATION': 'PendingExpirationWebhook',
  'ITEM/PENDING_DISCONNECT': 'PendingDisconnectWebhook',
  'ITEM/USER_PERMISSION_REVOKED': 'UserPermissionRevokedWebhook',
  'ITEM/USER_ACCOUNT_REVOKED': 'UserAccountRevokedWebhook',
  'ITEM/NEW_ACCOUNTS_AVAILABLE': 'NewAccountsAvailableWebhook',
  'ITEM/WEBHOOK_UPDATE_ACKNOWLEDGED': 'WebhookUpdateAcknowledgedWebhook',
  'HOLDINGS/DEFAULT_UPDATE': 'HoldingsDefaultUpdateWebhook',
  'INVESTMENTS_TRANSACTIONS/DEFAULT_UPDATE': 'InvestmentsDefaultUpdateWebhook',
  'LIABILITIES/DEFAULT_UPDATE': 'LiabilitiesDefaultUpdateWebhook',
  'AUTH/DEFAULT_UPDATE': 'AuthDefaultUpdateWebhook',
  'ASSETS/PRODUCT_READY': 'AssetsProductReadyWebhook',
};

function schemaErrors(w: ReceivedWebhook): string[] {
  const name = SCHEMAS[`${String(w.body.webhook_type)}/${String(w.body.webhook_code)}`];
  if (!name) return [`no schema known for ${String(w.body.webhook_type)}/${String(w.body.webhook_code)}`];
  return spec.validateSchema(name, w.body).errors;
}

describe('webhooks', () => {
  let h: SimHarness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  it('announces a new Item’s history, signed so that jose verifies it against /webhook_verification_key/get', async () => {
    const { itemId } = await h.linkItem({ daysRequested: 90, webhook: receiver.url });
    const [initial] = await receiver.waitFor(is('TRANSACTIONS', 'INITIAL_UPDATE'));
    const [historical] = await receiver.waitFor(is('TRANSACTIONS', 'HISTORICAL_UPDATE'));
    expect(initial!.body).toMatchObject({ item_id: itemId, environment: 'sandbox', error: null });
    expect(historical!.body.new_transactions).toBeGreaterThan(initial!.body.new_transactions as number);
    for (const w of [initial!, historical!]) {
      const kid = await verifyPlaidWebhook(h.plaid, w);
      expect(kid).toMatch(/^[0-9a-f-]{36}$/);
      expect(schemaErrors(w)).toEqual([]);
      // Plaid pretty-prints with two spaces, and signs exactly those bytes.
      expect(w.raw).toBe(JSON.stringify(w.body, null, 2));
      expect(w.headers['content-type']).toMatch(/^application\/json/);
    }
    // iat comes from the real clock, not the simulated one (frozen in 2026-03 here).
    const jwt = String(initial!.headers['plaid-verification']);
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(claims).sort()).toEqual(['iat', 'request_body_sha256']);
    expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(header).toEqual({ alg: 'ES256', kid: expect.any(String), typ: 'JWT' });

    // A tampered body no longer matches its signature.
    await expect(
      verifyPlaidWebhook(h.plaid, { ...initial!, raw: initial!.raw.replace('"sandbox"', '"production"') }),
    ).rejects.toThrow();
  });

  it('serves keys as Plaid’s JWKPublicKey, refuses unknown ids, and rotates', async () => {
    const { accessToken } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    const [first] = await receiver.waitFor(is('TRANSACTIONS', 'INITIAL_UPDATE'));
    const oldKid = await verifyPlaidWebhook(h.plaid, first!);
    const { data } = await h.plaid.webhookVerificationKeyGet({ key_id: oldKid });
    expect(data.key).toMatchObject({
      alg: 'ES256',
      crv: 'P-256',
      kty: 'EC',
      use: 'sig',
      kid: oldKid,
      expired_at: null,
    });
    expect(Math.abs(data.key.created_at - Date.now() / 1000)).toBeLessThan(120);
    const unknown = await plaidFailure(h.plaid.webhookVerificationKeyGet({ key_id: 'no-such-key' }));
    expect(unknown.data).toMatchObject({
      error_type: 'INVALID_INPUT',
      error_code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID',
    });

    // With a grace period the old key still verifies; once it is over it reports when it expired.
    const graceful = await h.admin<{ kid: string; retired: string[] }>('POST', '/__sim/webhook-keys/rotate', {
      grace_seconds: 600,
    });
    expect(graceful.retired).toEqual([oldKid]);
    expect((await h.plaid.webhookVerificationKeyGet({ key_id: oldKid })).data.key.expired_at).toBeNull();
    const rotated = await h.admin<{ kid: string }>('POST', '/__sim/webhook-keys/rotate', {
      grace_seconds: 0,
    });
    const expired = (await h.plaid.webhookVerificationKeyGet({ key_id: graceful.kid })).data.key;
    expect(expired.expired_at).toEqual(expect.any(Number));
    await expect(verifyPlaidWebhook(h.plaid, first!)).resolves.toBe(oldKid);

    await h.plaid.sandboxItemFireWebhook({
      access_token: accessToken,
      webhook_code: Code.SyncUpdatesAvailable,
    });
    const [fresh] = await receiver.waitFor(is('TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'));
    expect(await verifyPlaidWebhook(h.plaid, fresh!)).toBe(rotated.kid);
  });

  it('fires what /sandbox/item/fire_webhook asks for, and refuses what the Item cannot have', async () => {
    const { accessToken, itemId } = await h.linkItem({
      daysRequested: 30,
      webhook: receiver.url,
      products: [Products.Transactions, Products.Auth, Products.Investments, Products.Liabilities],
    });
    const fire = (webhook_code: Code, webhook_type?: WebhookType) =>
      h.plaid.sandboxItemFireWebhook({
        access_token: accessToken,
        webhook_code,
        ...(webhook_type ? { webhook_type } : {}),
      });
    const asks: [Code, WebhookType | undefined, string][] = [
      [Code.SyncUpdatesAvailable, undefined, 'TRANSACTIONS/SYNC_UPDATES_AVAILABLE'],
      [Code.DefaultUpdate, WebhookType.Transactions, 'TRANSACTIONS/DEFAULT_UPDATE'],
      [Code.DefaultUpdate, WebhookType.Auth, 'AUTH/DEFAULT_UPDATE'],
      [Code.DefaultUpdate, WebhookType.Holdings, 'HOLDINGS/DEFAULT_UPDATE'],
      [Code.DefaultUpdate, WebhookType.InvestmentsTransactions, 'INVESTMENTS_TRANSACTIONS/DEFAULT_UPDATE'],
      [Code.DefaultUpdate, WebhookType.Liabilities, 'LIABILITIES/DEFAULT_UPDATE'],
      [Code.RecurringTransactionsUpdate, undefined, 'TRANSACTIONS/RECURRING_TRANSACTIONS_UPDATE'],
      [Code.NewAccountsAvailable, undefined, 'ITEM/NEW_ACCOUNTS_AVAILABLE'],
      [Code.UserPermissionRevoked, undefined, 'ITEM/USER_PERMISSION_REVOKED'],
      [Code.UserAccountRevoked, undefined, 'ITEM/USER_ACCOUNT_REVOKED'],
      [Code.PendingDisconnect, undefined, 'ITEM/PENDING_DISCONNECT'],
      [Code.LoginRepaired, undefined, 'ITEM/LOGIN_REPAIRED'],
    ];
    for (const [code, type, expected] of asks) {
      const { data } = await fire(code, type);
      expect(data.webhook_fired, expected).toBe(true);
      const [w] = await receiver.waitFor(
        (x) => `${String(x.body.webhook_type)}/${String(x.body.webhook_code)}` === expected,
      );
      expect(w!.body.item_id).toBe(itemId);
      expect(schemaErrors(w!), expected).toEqual([]);
      await verifyPlaidWebhook(h.plaid, w!);
    }
    const noAssets = await plaidFailure(fire(Code.ProductReady, WebhookType.Assets));
    expect(noAssets.data).toMatchObject({
      error_type: 'SANDBOX_ERROR',
      error_code: 'SANDBOX_PRODUCT_NOT_ENABLED',
    });

    const bare = await h.linkItem({ daysRequested: 30 });
    const noUrl = await plaidFailure(
      h.plaid.sandboxItemFireWebhook({
        access_token: bare.accessToken,
        webhook_code: Code.SyncUpdatesAvailable,
      }),
    );
    expect(noUrl.data).toMatchObject({ error_type: 'SANDBOX_ERROR', error_code: 'SANDBOX_WEBHOOK_INVALID' });
  });

  it('moves an Item’s webhook with /item/webhook/update and acknowledges at the new URL', async () => {
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 30 });
    const { data } = await h.plaid.itemWebhookUpdate({ access_token: accessToken, webhook: receiver.url });
    expect(data.item.webhook).toBe(receiver.url);
    const [ack] = await receiver.waitFor(is('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED'));
    expect(ack!.body).toMatchObject({ item_id: itemId, new_webhook_url: receiver.url, error: null });
    expect(schemaErrors(ack!)).toEqual([]);
    const cleared = await h.plaid.itemWebhookUpdate({ access_token: accessToken, webhook: null });
    expect(cleared.data.item.webhook).toBeNull();
  });

  it('retries a failing receiver on Plaid’s ×4 schedule (compressed) until it answers 200', async () => {
    await h.admin('POST', '/__sim/webhooks/config', { retryBaseMs: 40 });
    const { itemId, accessToken } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    await receiver.waitFor(is('TRANSACTIONS', 'HISTORICAL_UPDATE'));
    receiver.respondWith([500, 503]);
    await h.plaid.sandboxItemFireWebhook({
      access_token: accessToken,
      webhook_code: Code.SyncUpdatesAvailable,
    });
    const deliveries = await receiver.waitFor(is('TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'), 3, 5000);
    const gaps = [deliveries[1]!.at - deliveries[0]!.at, deliveries[2]!.at - deliveries[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(155);
    expect(gaps[1]).toBeGreaterThan(gaps[0]! * 2);
    for (const d of deliveries) await verifyPlaidWebhook(h.plaid, d);
    const { webhooks } = await h.admin<{ webhooks: WebhookDelivery[] }>(
      'GET',
      `/__sim/webhooks?item_id=${itemId}`,
    );
    const sync = webhooks.find((w) => w.webhook_code === 'SYNC_UPDATES_AVAILABLE')!;
    expect(sync.status).toBe('delivered');
    expect(sync.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
  });

  it('gives up after the 24-hour window: seven attempts in all', async () => {
    await h.admin('POST', '/__sim/webhooks/config', { retryBaseMs: 2 });
    receiver.respondWith(Array(20).fill(500));
    const { itemId } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    await receiver.waitFor(is('TRANSACTIONS', 'INITIAL_UPDATE'), 7, 8000);
    await new Promise((r) => setTimeout(r, 300));
    const { webhooks } = await h.admin<{ webhooks: WebhookDelivery[] }>(
      'GET',
      `/__sim/webhooks?item_id=${itemId}`,
    );
    const initial = webhooks.find((w) => w.webhook_code === 'INITIAL_UPDATE')!;
    expect(initial.attempts).toHaveLength(7);
    expect(initial.status).toBe('failed');
  });

  it('never calls a URL off this machine: it records the webhook as skipped', async () => {
    const { itemId } = await h.linkItem({ daysRequested: 30, webhook: 'https://example.com/hook' });
    const { webhooks } = await h.admin<{ webhooks: WebhookDelivery[] }>(
      'GET',
      `/__sim/webhooks?item_id=${itemId}`,
    );
    expect(webhooks.length).toBeGreaterThan(0);
    for (const w of webhooks) expect([w.status, w.attempts.length]).toEqual(['skipped', 0]);
  });
});

describe('Item health', () => {
  let h: SimHarness;
  let receiver: WebhookReceiver;
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function updateMode(accessToken: string): Promise<void> {
    const { data } = await h.plaid.linkTokenCreate({
      client_name: 'Coffer',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'u' },
      access_token: accessToken,
    });
    const post = async (path: string, body: Record<string, unknown>) => {
      const response = await fetch(`${h.sim.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ link_token: data.link_token, ...body }),
      });
      expect(response.status, path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const session = await post('/__link/session', {});
    const institution = (session.update_institution as { institution_id: string }).institution_id;
    const login = await post('/__link/credentials', {
      link_session_id: session.link_session_id,
      institution_id: institution,
      username: 'user_good',
      password: 'pass_good',
    });
    await post('/__link/complete', {
      link_session_id: session.link_session_id,
      account_ids: (login.accounts as { id: string }[]).map((a) => a.id),
    });
  }

  it('reset_login: ITEM ERROR webhook, ITEM_LOGIN_REQUIRED on product calls until update mode logs in again', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    receiver = await startWebhookReceiver();
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    const { data } = await h.plaid.sandboxItemResetLogin({ access_token: accessToken });
    expect(data.reset_login).toBe(true);
    const [error] = await receiver.waitFor(is('ITEM', 'ERROR'));
    expect(error!.body).toMatchObject({
      item_id: itemId,
      error: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', status: 400 },
    });
    expect(schemaErrors(error!)).toEqual([]);
    for (const call of [
      h.plaid.transactionsSync({ access_token: accessToken }),
      h.plaid.accountsGet({ access_token: accessToken }),
    ]) {
      const failure = await plaidFailure(call);
      expect(failure.data).toMatchObject({ error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' });
    }
    expect((await h.plaid.itemGet({ access_token: accessToken })).data.item.error?.error_code).toBe(
      'ITEM_LOGIN_REQUIRED',
    );

    await updateMode(accessToken);
    expect((await h.plaid.itemGet({ access_token: accessToken })).data.item.error).toBeNull();
    await h.plaid.transactionsSync({ access_token: accessToken });
    // Repaired through the app's own update mode: Plaid sends no LOGIN_REPAIRED for that.
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.filter(is('ITEM', 'LOGIN_REPAIRED'))).toEqual([]);

    // Repaired elsewhere (the admin switch stands for "the user fixed it in another app"): LOGIN_REPAIRED.
    await h.plaid.sandboxItemResetLogin({ access_token: accessToken });
    await h.admin('POST', `/__sim/items/${itemId}/error`, { error_code: null });
    const [repaired] = await receiver.waitFor(is('ITEM', 'LOGIN_REPAIRED'));
    expect(schemaErrors(repaired!)).toEqual([]);
    await h.plaid.accountsGet({ access_token: accessToken });
  });

  it('the admin switch puts an Item into an error state, PENDING_EXPIRATION or PENDING_DISCONNECT', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null });
    receiver = await startWebhookReceiver();
    const { accessToken, itemId } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });

    await h.admin('POST', `/__sim/items/${itemId}/error`, { error_code: 'PENDING_EXPIRATION' });
    const [warning] = await receiver.waitFor(is('ITEM', 'PENDING_EXPIRATION'));
    expect(warning!.body.consent_expiration_time).toBe('2026-03-22T00:00:00Z');
    expect(schemaErrors(warning!)).toEqual([]);
    expect((await h.plaid.itemGet({ access_token: accessToken })).data.item.consent_expiration_time).toBe(
      '2026-03-22T00:00:00Z',
    );
    await h.plaid.accountsGet({ access_token: accessToken });
    await h.advanceClock(7);
    const [lapsed] = await receiver.waitFor(is('ITEM', 'ERROR'));
    expect((lapsed!.body.error as { error_code: string }).error_code).toBe('ITEM_LOGIN_REQUIRED');
    expect((await plaidFailure(h.plaid.accountsGet({ access_token: accessToken }))).data.error_code).toBe(
      'ITEM_LOGIN_REQUIRED',
    );

    const other = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    await h.admin('POST', `/__sim/items/${other.itemId}/error`, { error_code: 'PENDING_DISCONNECT' });
    const [disconnect] = await receiver.waitFor(is('ITEM', 'PENDING_DISCONNECT'));
    expect(disconnect!.body).toMatchObject({ item_id: other.itemId, reason: 'INSTITUTION_TOKEN_EXPIRATION' });
    await h.admin('POST', `/__sim/items/${other.itemId}/error`, { error_code: 'INSTITUTION_DOWN' });
    const down = await plaidFailure(h.plaid.transactionsSync({ access_token: other.accessToken }));
    expect(down.data).toMatchObject({ error_type: 'INSTITUTION_ERROR', error_code: 'INSTITUTION_DOWN' });
    await h.admin('POST', `/__sim/items/${other.itemId}/error`, { error_code: 'USER_PERMISSION_REVOKED' });
    const [revoked] = await receiver.waitFor(is('ITEM', 'USER_PERMISSION_REVOKED'));
    expect(schemaErrors(revoked!)).toEqual([]);
    await expect(
      h.admin('POST', `/__sim/items/${other.itemId}/error`, { error_code: 'NOT_A_CODE' }),
    ).rejects.toThrow(/INVALID_FIELD/);
  });

  it('expires logins after 30 days only when the switch is on', async () => {
    h = await startHarness({ clock: CLOCK, statePath: null, expireAfter30Days: true });
    receiver = await startWebhookReceiver();
    const { accessToken } = await h.linkItem({ daysRequested: 30, webhook: receiver.url });
    await h.advanceClock(29);
    await h.plaid.accountsGet({ access_token: accessToken });
    await h.advanceClock(1);
    await receiver.waitFor(is('ITEM', 'ERROR'));
    expect((await plaidFailure(h.plaid.accountsGet({ access_token: accessToken }))).data.error_code).toBe(
      'ITEM_LOGIN_REQUIRED',
    );
    await updateMode(accessToken);
    await h.plaid.accountsGet({ access_token: accessToken });
    await h.close();

    h = await startHarness({ clock: CLOCK, statePath: null });
    const plain = await h.linkItem({ daysRequested: 30 });
    await h.advanceClock(45);
    await h.plaid.accountsGet({ access_token: plain.accessToken });
  });
});
