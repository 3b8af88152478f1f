/**
 * The simulator's own controls under /__sim/ (never a Plaid path, never faulted), authenticated
 * with the same client_id/secret as the Plaid API: the truth a perfect client holds, the clock,
 * targeted mutations and Item states, webhooks and their keys, injected faults, institution
 * status, and the recorded requests.
 *
 *   GET  /__sim/truth/{transactions,holdings,investment_transactions,valuations,liabilities}?item_id=
 *   GET  /__sim/truth/balances?item_id=&date=   every account's balance on a day (default today)
 *   GET  /__sim/clock                      POST /__sim/clock/advance {days}
 *   GET  /__sim/items/<item_id>            POST /__sim/items/<item_id>/{transactions,error}
 *   POST /__sim/items/<item_id>/consent {consented_products}: what the user consented to share
 *   POST /__sim/items/<item_id>/asset-report-error {error_code}: Asset Reports with this Item fail
 *        (ASSETS / ERROR, and /asset_report/get answers the error); null makes them succeed again
 *   GET|POST /__sim/items/<item_id>/liabilities {card?, mortgage?, from?}: how the household
 *        handles its debts (card pays_in_full|revolving|overdue, mortgage current|past_due) from
 *        the first day of month `from` (YYYY-MM-DD, default next month) on; never before it
 *   GET|POST|DELETE /__sim/faults          GET  /__sim/faults/stats
 *   GET|POST /__sim/config                 POST /__sim/transactions/refresh
 *   GET  /__sim/webhooks                   POST /__sim/webhooks/clear    GET|POST /__sim/webhooks/config
 *   GET  /__sim/webhook-keys               POST /__sim/webhook-keys/rotate {grace_seconds?}
 *   GET  /__sim/requests                   POST /__sim/requests/clear
 *   GET|POST|DELETE /__sim/institutions/<institution_id>/status
 *        POST {"transactions_updates": "DEGRADED", "item_logins": "DOWN", ...}: what
 *        /institutions/get_by_id reports with include_status (HEALTHY or DELETE restores it).
 */
import { z } from 'zod';
import { isoFromDay } from './dates';
import { PlaidApiError } from './errors';
import type { SimulatorCore } from './core';
import type { FaultInjector } from './faults';
import { FaultConfig } from './faults';
import {
  itemEventSettings,
  notifyTransactionChanges,
  onClockAdvanced,
  parseAdminItemState,
  setItemState,
} from './item-events';
import { mutateTransactions } from './admin-mutations';
import { liabilityScenarioObject, setLiabilityScenario } from './products/liability-admin';
import { institutionStatusReply, resetInstitutionStatus, setInstitutionStatus } from './institution-status';
import type { RequestRecorder } from './recorder';
import { parseRequest } from './requests';
import type { SimEvent } from './generator';
import { entriesOf, instantOf, toTransaction, viewAt, type EntryState, type ItemDataSpec } from './view';
import { webhooksOf } from './webhooks';
import { holdingsOf, investmentTransactionsOf, liabilitiesOf, valuationsOf } from './products/routes';
import { balancesOn } from './products/balance-truth';
import { consentedProductsOf } from './products/consent';
import { PRODUCTS } from './institutions';

const credentials = { client_id: z.string().optional(), secret: z.string().optional() };

const ClockAdvanceRequest = z.strictObject({ ...credentials, days: z.number().int().min(1).max(3650) });
const ItemErrorRequest = z.strictObject({ ...credentials, error_code: z.string().nullable() });
/** How the Item's Asset Reports fail, as Plaid's ASSET_REPORT_ERROR codes; null: they succeed. */
const AssetReportFailureRequest = z.strictObject({
  ...credentials,
  error_code: z.enum(['ASSET_REPORT_GENERATION_FAILED', 'DATA_UNAVAILABLE']).nullable(),
});

/** The products the Item's user consented to (the Item's own products stay consented). */
const ItemConsentRequest = z.strictObject({ ...credentials, consented_products: z.array(z.enum(PRODUCTS)) });
const RotateKeysRequest = z.strictObject({
  ...credentials,
  grace_seconds: z.number().int().min(0).max(86_400).optional(),
});
const WebhookConfigRequest = z.strictObject({
  ...credentials,
  retryBaseMs: z.number().int().min(1).max(3_600_000).optional(),
  timeoutMs: z.number().int().min(1).max(600_000).optional(),
});
const FaultsRequest = z.strictObject({ ...credentials, ...FaultConfig.shape });
const ConfigRequest = z.strictObject({
  ...credentials,
  expire_after_30_days: z.boolean().optional(),
  transactions_per_item: z.number().int().min(1).max(10_000_000).nullable().optional(),
});

export interface AdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export interface AdminContext {
  core: SimulatorCore;
  recorder: RequestRecorder;
  faults: FaultInjector;
}

function requireItem(core: SimulatorCore, itemId: string | null) {
  if (!itemId)
    throw new PlaidApiError('MISSING_FIELDS', 'the following required fields are missing: item_id');
  const item = core.itemById(itemId);
  if (!item) throw new PlaidApiError('ITEM_NOT_FOUND');
  return item;
}

function itemState(core: SimulatorCore, itemId: string): Record<string, unknown> {
  const item = requireItem(core, itemId);
  return {
    item_id: item.item_id,
    institution_id: item.institution_id,
    products: item.products,
    consented_products: consentedProductsOf(item),
    webhook: item.webhook,
    error_code: item.error_code,
    deadline: item.deadline ?? null,
    login_day: item.login_day ?? item.created_day,
    sync_called: item.sync_called ?? false,
    volume: item.volume ?? 1,
    mutations: item.mutations?.length ?? 0,
    asset_report_error: item.asset_report_error ?? null,
    liabilities: liabilityScenarioObject(core, itemId),
  };
}

function settingsObject(core: SimulatorCore): Record<string, unknown> {
  const s = itemEventSettings(core);
  return { expire_after_30_days: s.expireAfter30Days, transactions_per_item: s.transactionsPerItem };
}

export async function handleAdmin(ctx: AdminContext, req: AdminRequest): Promise<Record<string, unknown>> {
  const { core } = ctx;
  const route = `${req.method} ${req.path}`;
  const itemRoute =
    /^\/__sim\/items\/([A-Za-z0-9_-]+)(\/transactions|\/error|\/consent|\/asset-report-error|\/liabilities)?$/.exec(
      req.path,
    );
  if (itemRoute) {
    const itemId = itemRoute[1]!;
    if (req.method === 'GET' && !itemRoute[2]) return itemState(core, itemId);
    if (req.method === 'POST' && itemRoute[2] === '/transactions') {
      return { ...mutateTransactions(core, requireItem(core, itemId).item_id, req.body) };
    }
    if (req.method === 'POST' && itemRoute[2] === '/error') {
      const { error_code } = parseRequest(ItemErrorRequest, req.body);
      setItemState(core, requireItem(core, itemId).item_id, parseAdminItemState(error_code));
      return itemState(core, itemId);
    }
    if (req.method === 'POST' && itemRoute[2] === '/asset-report-error') {
      const { error_code } = parseRequest(AssetReportFailureRequest, req.body);
      core.updateItem(requireItem(core, itemId).item_id, (i) => {
        i.asset_report_error = error_code;
      });
      return itemState(core, itemId);
    }
    if (req.method === 'POST' && itemRoute[2] === '/consent') {
      const { consented_products } = parseRequest(ItemConsentRequest, req.body);
      core.updateItem(requireItem(core, itemId).item_id, (i) => {
        i.consented_products = [...new Set([...i.products, ...consented_products])];
      });
      return itemState(core, itemId);
    }
    if (itemRoute[2] === '/liabilities') {
      if (req.method === 'POST') setLiabilityScenario(core, requireItem(core, itemId), req.body);
      else if (req.method !== 'GET') throw new PlaidApiError('NOT_FOUND');
      return liabilityScenarioObject(core, itemId);
    }
    throw new PlaidApiError('NOT_FOUND');
  }
  const institutionRoute = /^\/__sim\/institutions\/([A-Za-z0-9_-]+)\/status$/.exec(req.path);
  if (institutionRoute) {
    const institutionId = institutionRoute[1]!;
    if (req.method === 'GET') return institutionStatusReply(core, institutionId);
    if (req.method === 'POST') return setInstitutionStatus(core, institutionId, req.body);
    if (req.method === 'DELETE') return resetInstitutionStatus(core, institutionId);
    throw new PlaidApiError('NOT_FOUND');
  }
  switch (route) {
    case 'GET /__sim/truth/transactions': {
      const item = requireItem(core, req.query.get('item_id'));
      const spec = core.dataSpec(item);
      const view = viewAt(spec, instantOf(spec, core.today()));
      return {
        transactions: Array.from(entriesOf(view), ({ event, state }) => truthRow(spec, event, state)),
      };
    }
    case 'GET /__sim/truth/holdings': {
      const item = requireItem(core, req.query.get('item_id'));
      if (!item.products.includes('investments')) return { accounts: [], holdings: [], securities: [] };
      return holdingsOf(core, item);
    }
    case 'GET /__sim/truth/investment_transactions': {
      const item = requireItem(core, req.query.get('item_id'));
      if (!item.products.includes('investments'))
        return { accounts: [], securities: [], investment_transactions: [] };
      return investmentTransactionsOf(core, item);
    }
    case 'GET /__sim/truth/valuations': {
      const item = requireItem(core, req.query.get('item_id'));
      if (!item.products.includes('investments')) return { accounts: [] };
      return valuationsOf(core, item);
    }
    case 'GET /__sim/truth/liabilities': {
      const item = requireItem(core, req.query.get('item_id'));
      if (!item.products.includes('liabilities'))
        return { accounts: [], liabilities: { credit: null, mortgage: null, student: null } };
      return liabilitiesOf(core, item);
    }
    case 'GET /__sim/truth/balances':
      return balancesOn(core, requireItem(core, req.query.get('item_id')), req.query.get('date'));
    case 'GET /__sim/clock':
      return clockObject(core);
    case 'POST /__sim/clock/advance': {
      const { days } = parseRequest(ClockAdvanceRequest, req.body);
      const from = core.today();
      core.clock.advance(days);
      onClockAdvanced(core, from);
      return clockObject(core);
    }
    case 'GET /__sim/requests':
      return { requests: ctx.recorder.snapshot() };
    case 'POST /__sim/requests/clear':
      ctx.recorder.clear();
      return {};
    case 'GET /__sim/webhooks':
      return { webhooks: webhooksOf(core).list({ itemId: req.query.get('item_id') }) };
    case 'POST /__sim/webhooks/clear':
      webhooksOf(core).clear();
      return {};
    case 'GET /__sim/webhooks/config':
      return { ...webhooksOf(core).currentConfig() };
    case 'POST /__sim/webhooks/config': {
      const { retryBaseMs, timeoutMs } = parseRequest(WebhookConfigRequest, req.body);
      return {
        ...webhooksOf(core).configure({
          ...(retryBaseMs ? { retryBaseMs } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
        }),
      };
    }
    case 'GET /__sim/webhook-keys':
      return { keys: webhooksOf(core).keys.list() };
    case 'POST /__sim/webhook-keys/rotate': {
      const { grace_seconds } = parseRequest(RotateKeysRequest, req.body);
      return await webhooksOf(core).keys.rotate(grace_seconds);
    }
    case 'GET /__sim/faults':
      return { ...ctx.faults.config() };
    case 'POST /__sim/faults': {
      const { rules, seed } = parseRequest(FaultsRequest, req.body);
      try {
        ctx.faults.configure({ rules, seed });
      } catch (err) {
        throw new PlaidApiError('INVALID_FIELD', (err as Error).message);
      }
      return { ...ctx.faults.config() };
    }
    case 'DELETE /__sim/faults':
      ctx.faults.clear();
      return { ...ctx.faults.config() };
    case 'GET /__sim/faults/stats':
      return { ...ctx.faults.statistics() };
    case 'GET /__sim/config':
      return settingsObject(core);
    case 'POST /__sim/config': {
      const change = parseRequest(ConfigRequest, req.body);
      const s = itemEventSettings(core);
      if (change.expire_after_30_days !== undefined) s.expireAfter30Days = change.expire_after_30_days;
      if (change.transactions_per_item !== undefined) s.transactionsPerItem = change.transactions_per_item;
      return settingsObject(core);
    }
    case 'POST /__sim/transactions/refresh': {
      // Announce, for every Item, what changed since it was last told (e.g. the real date moved on).
      let changes = 0;
      for (const item of core.store.get().items) changes += notifyTransactionChanges(core, item.item_id);
      return { changes };
    }
    default:
      throw new PlaidApiError('NOT_FOUND');
  }
}

/** The fields a perfect client's copy is compared on. */
function truthRow(spec: ItemDataSpec, event: SimEvent, state: EntryState) {
  const t = toTransaction(spec, event, state);
  return {
    transaction_id: t.transaction_id,
    account_id: t.account_id,
    amount: t.amount,
    iso_currency_code: t.iso_currency_code,
    date: t.date,
    authorized_date: t.authorized_date,
    pending: t.pending,
    pending_transaction_id: t.pending_transaction_id,
    name: t.name,
    merchant_name: t.merchant_name,
  };
}

function clockObject(core: SimulatorCore): Record<string, unknown> {
  const { base, offset_days } = core.store.get().clock;
  return { today: isoFromDay(core.today()), base, offset_days };
}
