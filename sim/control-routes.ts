/**
 * The Plaid endpoints around time, webhooks and Item health: /transactions/sync and
 * /transactions/refresh, /webhook_verification_key/get, /item/webhook/update, and the Sandbox's
 * /sandbox/item/fire_webhook and /sandbox/item/reset_login. plaid-routes.ts mounts them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PlaidApiError } from './errors';
import type { SimulatorCore } from './core';
import { isoDateTime } from './dates';
import type { AccountTemplateKey } from './generator';
import { notifyTransactionChanges, onFirstSync, resetLogin } from './item-events';
import { parseRequest, TransactionsSyncRequest } from './requests';
import type { ItemRecord } from './state';
import { planSync, syncPage } from './sync';
import { accountIdFor, instantOf, snapshotAt, viewAt, type ViewedTransaction } from './view';
import { validWebhookUrl, webhookPayloads, webhooksOf, type WebhookPayload } from './webhooks';
import { shortDigest } from './ids';
import { withProduct } from './products/consent';

type Response = Record<string, unknown>;
type Handler = (core: SimulatorCore, body: unknown) => Response;

/** What the control routes borrow from the other Plaid routes (one implementation of each). */
export interface RouteHelpers {
  itemObject(core: SimulatorCore, item: ItemRecord): Response;
  assertHealthy(item: ItemRecord): void;
}

const credentials = { client_id: z.string().optional(), secret: z.string().optional() };
const withAccessToken = { ...credentials, access_token: z.string() };

const TransactionsRefreshRequest = z.strictObject(withAccessToken);
const WebhookVerificationKeyGetRequest = z.strictObject({ ...credentials, key_id: z.string() });
const SandboxItemResetLoginRequest = z.strictObject(withAccessToken);
const ItemWebhookUpdateRequest = z.strictObject({
  ...withAccessToken,
  webhook: z
    .string()
    .refine((v) => validWebhookUrl(v), 'must be an http(s) URL')
    .nullable()
    .optional(),
});
const WEBHOOK_TYPES = [
  'AUTH',
  'HOLDINGS',
  'INVESTMENTS_TRANSACTIONS',
  'ITEM',
  'LIABILITIES',
  'TRANSACTIONS',
  'ASSETS',
] as const;
const WEBHOOK_CODES = [
  'DEFAULT_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'SMS_MICRODEPOSITS_VERIFICATION',
  'AUTHORIZATION_GRANTED',
  'USER_PERMISSION_REVOKED',
  'USER_ACCOUNT_REVOKED',
  'PENDING_DISCONNECT',
  'RECURRING_TRANSACTIONS_UPDATE',
  'LOGIN_REPAIRED',
  'SYNC_UPDATES_AVAILABLE',
  'PRODUCT_READY',
  'ERROR',
] as const;
const SandboxItemFireWebhookRequest = z.strictObject({
  ...withAccessToken,
  webhook_type: z.enum(WEBHOOK_TYPES).optional(),
  webhook_code: z.enum(WEBHOOK_CODES),
});

function route<S extends z.ZodType>(
  schema: S,
  handle: (core: SimulatorCore, req: z.infer<S>) => Response,
): Handler {
  return (core, body) => handle(core, parseRequest(schema, body));
}

function withDescription(viewed: ViewedTransaction, include: boolean) {
  return include ? { ...viewed.transaction, original_description: viewed.description } : viewed.transaction;
}

function requireProduct(item: ItemRecord, product: string): void {
  if (!item.products.includes(product)) throw new PlaidApiError('SANDBOX_PRODUCT_NOT_ENABLED');
}

/** The webhook /sandbox/item/fire_webhook asks for, or why it cannot be sent. */
function firedWebhook(
  core: SimulatorCore,
  item: ItemRecord,
  type: (typeof WEBHOOK_TYPES)[number] | undefined,
  code: (typeof WEBHOOK_CODES)[number],
): WebhookPayload {
  const id = item.item_id;
  const spec = core.dataSpec(item);
  const firstAccount = () => {
    const key = spec.templates[0] ?? 'checking';
    return accountIdFor(id, key);
  };
  switch (code) {
    case 'DEFAULT_UPDATE':
      switch (type ?? 'TRANSACTIONS') {
        case 'TRANSACTIONS': {
          requireProduct(item, 'transactions');
          const today = core.today();
          const fresh = viewAt(spec, instantOf(spec, today)).events.filter((e) => e.authDay === today).length;
          return webhookPayloads.transactionsUpdate('DEFAULT_UPDATE', id, fresh);
        }
        case 'AUTH':
          requireProduct(item, 'auth');
          return webhookPayloads.authUpdate(id, { [firstAccount()]: ['ACCOUNT_NUMBER'] });
        case 'HOLDINGS':
          requireProduct(item, 'investments');
          return webhookPayloads.holdingsUpdate(id, 0, 1);
        case 'INVESTMENTS_TRANSACTIONS':
          requireProduct(item, 'investments');
          return webhookPayloads.investmentsTransactionsUpdate(id, 1, 0);
        case 'LIABILITIES':
          requireProduct(item, 'liabilities');
          return webhookPayloads.liabilitiesUpdate(id, [], {
            [accountIdFor(
              id,
              spec.templates.includes('credit') ? 'credit' : (spec.templates[0] ?? 'credit'),
            )]: ['minimum_payment_amount'],
          });
        default:
          throw new PlaidApiError('INVALID_FIELD', `DEFAULT_UPDATE cannot be fired for webhook_type ${type}`);
      }
    case 'SYNC_UPDATES_AVAILABLE':
      requireProduct(item, 'transactions');
      return webhookPayloads.syncUpdatesAvailable(id, true, true);
    case 'RECURRING_TRANSACTIONS_UPDATE':
      requireProduct(item, 'transactions');
      return webhookPayloads.recurringTransactionsUpdate(
        id,
        spec.templates.map((t: AccountTemplateKey) => accountIdFor(id, t)),
      );
    case 'NEW_ACCOUNTS_AVAILABLE':
      return webhookPayloads.newAccountsAvailable(id);
    case 'USER_PERMISSION_REVOKED':
      return webhookPayloads.userPermissionRevoked(id, { ...errorObject('USER_PERMISSION_REVOKED') });
    case 'USER_ACCOUNT_REVOKED':
      return webhookPayloads.userAccountRevoked(id, firstAccount());
    case 'PENDING_DISCONNECT':
      return webhookPayloads.pendingDisconnect(id, isoDateTime(core.today() + 7, 0));
    case 'LOGIN_REPAIRED':
      return webhookPayloads.loginRepaired(id);
    case 'PRODUCT_READY':
      requireProduct(item, 'assets');
      return webhookPayloads.assetsProductReady(randomUUID().replace(/-/g, ''));
    case 'ERROR':
      requireProduct(item, 'assets');
      return webhookPayloads.assetsError(randomUUID().replace(/-/g, ''), {
        error_type: 'ASSET_REPORT_ERROR',
        error_code: 'PRODUCT_NOT_ENABLED',
        error_message: 'the Asset Report could not be generated',
        display_message: null,
        status: 400,
      });
    case 'SMS_MICRODEPOSITS_VERIFICATION':
      requireProduct(item, 'auth');
      return {
        webhook_type: 'AUTH',
        webhook_code: 'SMS_MICRODEPOSITS_VERIFICATION',
        status: 'MANUALLY_VERIFIED',
        item_id: id,
        account_id: firstAccount(),
        environment: 'sandbox',
      };
    case 'AUTHORIZATION_GRANTED':
      throw new PlaidApiError('SANDBOX_PRODUCT_NOT_ENABLED');
  }
}

function errorObject(code: 'USER_PERMISSION_REVOKED'): Record<string, unknown> {
  const error = new PlaidApiError(code).toBody('');
  const { request_id: _omitted, ...rest } = error;
  return rest;
}

export function controlRoutes(helpers: RouteHelpers): Record<string, Handler> {
  return {
    '/transactions/sync': route(TransactionsSyncRequest, (core, req) => {
      const found = core.itemByAccessToken(req.access_token);
      helpers.assertHealthy(found);
      const addedTransactionsNow = !found.products.includes('transactions');
      const item = withProduct(core, found, 'transactions', (i) => {
        i.days_requested = req.options?.days_requested ?? i.days_requested;
      });
      if (!item.sync_called) onFirstSync(core, item.item_id, addedTransactionsNow);
      const spec = core.dataSpec(item);
      const now = instantOf(spec, core.today());
      const accountId = req.options?.account_id;
      const current = snapshotAt(spec, now.day);
      const template = accountId
        ? spec.templates.find((t) => accountIdFor(item.item_id, t) === accountId)
        : null;
      if (accountId && !template) throw new PlaidApiError('INVALID_ACCOUNT_ID');
      const stream = shortDigest(`${item.item_id}|${accountId ?? ''}`);
      const plan = planSync(req.cursor, stream, now);
      const page = syncPage(spec, plan, req.count ?? 100, stream, template ?? null);
      const original = req.options?.include_original_description === true;
      return {
        accounts: accountId ? current.accounts.filter((a) => a.account_id === accountId) : current.accounts,
        added: page.added.map((v) => withDescription(v, original)),
        modified: page.modified.map((v) => withDescription(v, original)),
        removed: page.removed,
        next_cursor: page.next_cursor,
        has_more: page.has_more,
        transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
      };
    }),

    '/transactions/refresh': route(TransactionsRefreshRequest, (core, req) => {
      const item = core.itemByAccessToken(req.access_token);
      helpers.assertHealthy(item);
      if (!item.products.includes('transactions')) throw new PlaidApiError('PRODUCTS_NOT_SUPPORTED');
      // Extraction is instant here: whatever changed since the Item was last told is announced now.
      notifyTransactionChanges(core, item.item_id);
      return {};
    }),

    '/webhook_verification_key/get': route(WebhookVerificationKeyGetRequest, (core, req) => ({
      key: webhooksOf(core).keys.publicKey(req.key_id),
    })),

    '/item/webhook/update': route(ItemWebhookUpdateRequest, (core, req) => {
      const item = core.updateItem(core.itemByAccessToken(req.access_token).item_id, (i) => {
        i.webhook = req.webhook ?? null;
      });
      if (item.webhook)
        webhooksOf(core).sendToItem(
          item,
          webhookPayloads.webhookUpdateAcknowledged(item.item_id, item.webhook),
        );
      return { item: helpers.itemObject(core, item) };
    }),

    '/sandbox/item/reset_login': route(SandboxItemResetLoginRequest, (core, req) => {
      const item = core.itemByAccessToken(req.access_token);
      resetLogin(core, item.item_id);
      return { reset_login: true };
    }),

    '/sandbox/item/fire_webhook': route(SandboxItemFireWebhookRequest, (core, req) => {
      const item = core.itemByAccessToken(req.access_token);
      if (!validWebhookUrl(item.webhook)) throw new PlaidApiError('SANDBOX_WEBHOOK_INVALID');
      const payload = firedWebhook(core, item, req.webhook_type, req.webhook_code);
      webhooksOf(core).sendToItem(item, payload);
      return { webhook_fired: true };
    }),
  };
}
