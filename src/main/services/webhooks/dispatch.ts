/**
 * One handler per webhook type and code. Webhooks are hints: a handler turns one into work the
 * app does anyway (a sync, a health change) or into an event a product engine listens for.
 * Lookup: `TYPE/CODE`, then `TYPE/*`; anything else is logged and ignored.
 */
import { z } from 'zod';
import { PlaidErrorShape } from '../../../shared/plaid-error';

export const WebhookPayload = z.looseObject({
  webhook_type: z.string().max(100),
  webhook_code: z.string().max(100),
  item_id: z.string().max(200).nullish(),
  asset_report_id: z.string().max(200).nullish(),
  account_id: z.string().max(200).nullish(),
  error: z.unknown().optional(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export type WebhookProduct = 'transactions' | 'investments' | 'liabilities' | 'item' | 'assets';

/** What handlers may do; the service batches syncs so a burst of hints costs one sync per Item. */
export interface WebhookActions {
  hasItem(itemId: string): boolean;
  syncItem(itemId: string): void;
  /** ITEM webhooks go to the Item lifecycle (health, banner, archived accounts). */
  itemWebhook(
    itemId: string,
    code: string,
    error: PlaidErrorShape | null,
    extra: { accountId?: string },
  ): void;
  /** For engines that do not exist yet (investments, liabilities) and for asset reports. */
  notify(product: WebhookProduct, payload: WebhookPayload): void;
  log(msg: string, fields: Record<string, unknown>): void;
}

type Handler = (payload: WebhookPayload, actions: WebhookActions) => void;

function knownItem(payload: WebhookPayload, actions: WebhookActions): string | null {
  const itemId = payload.item_id ?? null;
  if (itemId && actions.hasItem(itemId)) return itemId;
  actions.log('webhook for an Item this ledger does not hold', {
    type: payload.webhook_type,
    code: payload.webhook_code,
    itemId,
  });
  return null;
}

/** A product whose engine syncs with the Item: the webhook is a sync, told to listeners too. */
const productSync =
  (product: WebhookProduct): Handler =>
  (payload, actions) => {
    const itemId = knownItem(payload, actions);
    if (!itemId) return;
    actions.syncItem(itemId);
    actions.notify(product, payload);
  };

const hint =
  (product: WebhookProduct): Handler =>
  (payload, actions) => {
    const itemId = knownItem(payload, actions);
    if (!itemId) return;
    actions.log('webhook hint for an engine to come', { product, code: payload.webhook_code, itemId });
    actions.notify(product, payload);
  };

const lifecycle: Handler = (payload, actions) => {
  const itemId = knownItem(payload, actions);
  if (!itemId) return;
  const error = PlaidErrorShape.safeParse(payload.error);
  actions.itemWebhook(itemId, payload.webhook_code, error.success ? error.data : null, {
    accountId: payload.account_id ?? undefined,
  });
  actions.notify('item', payload);
};

const webhookAcknowledged: Handler = (payload, actions) => {
  actions.log('item webhook URL acknowledged', { itemId: payload.item_id ?? null });
};

const assetReport: Handler = (payload, actions) => {
  actions.log('asset report webhook', {
    code: payload.webhook_code,
    assetReportId: payload.asset_report_id ?? null,
  });
  actions.notify('assets', payload);
};

export const WEBHOOK_HANDLERS: Readonly<Record<string, Handler>> = {
  'TRANSACTIONS/*': productSync('transactions'),
  'HOLDINGS/*': productSync('investments'),
  'INVESTMENTS_TRANSACTIONS/*': productSync('investments'),
  'LIABILITIES/DEFAULT_UPDATE': productSync('liabilities'),
  'LIABILITIES/*': hint('liabilities'),
  'ITEM/WEBHOOK_UPDATE_ACKNOWLEDGED': webhookAcknowledged,
  'ITEM/*': lifecycle,
  'ASSETS/PRODUCT_READY': assetReport,
  'ASSETS/ERROR': assetReport,
};

export function handlerFor(type: string, code: string): Handler | null {
  return WEBHOOK_HANDLERS[`${type}/${code}`] ?? WEBHOOK_HANDLERS[`${type}/*`] ?? null;
}
