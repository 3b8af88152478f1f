/**
 * What an Item looks like on a given simulated day: its transactions (pending or posted, with
 * Plaid's ids and shape) and its account balances. A pure function of the Item's definition and
 * the day, which is what lets /transactions/sync diff two days instead of keeping a change log.
 */
import { isoFromDay, type Day } from './dates';
import { ACCOUNT_TEMPLATES, householdFor, type AccountTemplateKey, type SimEvent } from './generator';
import { deriveId } from './ids';
import { roundCents } from './prng';

/** Everything that decides an Item's data (ids come from itemId; history starts at firstDay). */
export interface ItemDataSpec {
  itemId: string;
  seed: number;
  institutionId: string;
  firstDay: Day;
  templates: readonly AccountTemplateKey[];
}

export interface PlaidLocation {
  address: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  store_number: string | null;
}

export interface PlaidPaymentMeta {
  by_order_of: string | null;
  payee: string | null;
  payer: string | null;
  payment_method: string | null;
  payment_processor: string | null;
  ppd_id: string | null;
  reason: string | null;
  reference_number: string | null;
}

export interface PlaidCounterparty {
  name: string;
  type: string;
  entity_id: string | null;
  website: string | null;
  logo_url: string | null;
  confidence_level: string | null;
}

export interface PlaidTransaction {
  account_id: string;
  account_owner: string | null;
  amount: number;
  authorized_date: string | null;
  authorized_datetime: string | null;
  category: string[] | null;
  category_id: string | null;
  check_number: string | null;
  counterparties: PlaidCounterparty[];
  date: string;
  datetime: string | null;
  iso_currency_code: string | null;
  location: PlaidLocation;
  logo_url: string | null;
  merchant_entity_id: string | null;
  merchant_name: string | null;
  name: string;
  original_description: string | null;
  payment_channel: 'online' | 'in store' | 'other';
  payment_meta: PlaidPaymentMeta;
  pending: boolean;
  pending_transaction_id: string | null;
  personal_finance_category: {
    primary: string;
    detailed: string;
    confidence_level: string | null;
    version: 'v1';
  };
  personal_finance_category_icon_url: string;
  transaction_code: null;
  transaction_id: string;
  transaction_type: 'digital' | 'place' | 'special' | 'unresolved';
  unofficial_currency_code: string | null;
  website: string | null;
}

export interface PlaidAccount {
  account_id: string;
  balances: {
    available: number | null;
    current: number | null;
    limit: number | null;
    iso_currency_code: string | null;
    unofficial_currency_code: string | null;
  };
  holder_category: 'personal';
  mask: string | null;
  name: string;
  official_name: string | null;
  subtype: string | null;
  type: string;
}

/** A transaction plus what only some requests see (the raw description). */
export interface ViewedTransaction {
  transaction: PlaidTransaction;
  description: string;
  /** Orders transactions of one date the same way in every Item (ids differ between Items). */
  sortKey: string;
}

export interface ItemSnapshot {
  day: Day;
  transactions: ViewedTransaction[];
  accounts: PlaidAccount[];
}

export function accountIdFor(itemId: string, template: AccountTemplateKey): string {
  return deriveId(itemId, `account:${template}`);
}

const entityIds = new Map<string, string>();
function merchantEntityId(name: string): string {
  let id = entityIds.get(name);
  if (!id) {
    id = deriveId('merchant-entity', name);
    entityIds.set(name, id);
  }
  return id;
}

function toTransaction(spec: ItemDataSpec, event: SimEvent, posted: boolean): PlaidTransaction {
  const { payee, place } = event;
  const pendingId = deriveId(spec.itemId, `txn:${event.slot}:pending`);
  const entityId = payee.merchantName ? merchantEntityId(payee.merchantName) : null;
  return {
    account_id: accountIdFor(spec.itemId, event.template),
    account_owner: null,
    amount: posted ? event.amount : event.pendingAmount,
    authorized_date: isoFromDay(event.authDay),
    authorized_datetime: null,
    category: null,
    category_id: null,
    check_number: null,
    counterparties: payee.counterparty
      ? [
          {
            name: payee.counterparty.name,
            type: payee.counterparty.type,
            entity_id: payee.counterparty.type === 'merchant' ? entityId : null,
            website: payee.website,
            logo_url: null,
            confidence_level: 'VERY_HIGH',
          },
        ]
      : [],
    date: isoFromDay(posted ? event.authDay + event.lag : event.authDay),
    datetime: null,
    iso_currency_code: 'USD',
    location: {
      address: null,
      city: place?.city ?? null,
      region: place?.region ?? null,
      postal_code: place?.postal_code ?? null,
      country: place ? 'US' : null,
      lat: null,
      lon: null,
      store_number: place?.store_number ?? null,
    },
    logo_url: null,
    merchant_entity_id: entityId,
    merchant_name: payee.merchantName,
    name: payee.name,
    original_description: null,
    payment_channel: payee.channel,
    payment_meta: {
      by_order_of: null,
      payee: event.paymentMeta.payee ?? null,
      payer: event.paymentMeta.payer ?? null,
      payment_method: event.paymentMeta.payment_method ?? null,
      payment_processor: null,
      ppd_id: null,
      reason: null,
      reference_number: event.paymentMeta.reference_number ?? null,
    },
    pending: !posted,
    pending_transaction_id: posted && event.lag > 0 ? pendingId : null,
    personal_finance_category: {
      primary: payee.category[0],
      detailed: payee.category[1],
      confidence_level: 'VERY_HIGH',
      version: 'v1',
    },
    personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${payee.category[0]}.png`,
    transaction_code: null,
    transaction_id: posted ? deriveId(spec.itemId, `txn:${event.slot}:posted`) : pendingId,
    transaction_type: payee.transactionType,
    unofficial_currency_code: null,
    website: payee.website,
  };
}

function computeSnapshot(spec: ItemDataSpec, day: Day): ItemSnapshot {
  const household = householdFor(spec.seed, spec.institutionId);
  const transactions: ViewedTransaction[] = [];
  const accounts: PlaidAccount[] = [];
  for (const [templateIndex, template] of spec.templates.entries()) {
    let postedFlow = 0;
    let pendingOut = 0;
    for (let d = spec.firstDay; d <= day; d++) {
      for (const event of household.eventsOn(template, d)) {
        const posted = d + event.lag <= day;
        const transaction = toTransaction(spec, event, posted);
        transactions.push({
          transaction,
          description: event.payee.description,
          sortKey: `${templateIndex}:${event.slot}`,
        });
        if (posted) postedFlow += event.amount;
        else if (event.pendingAmount > 0) pendingOut += event.pendingAmount;
      }
    }
    const t = ACCOUNT_TEMPLATES[template];
    const opening = household.openingBalance(template, spec.firstDay);
    const isCredit = t.type === 'credit';
    const current = roundCents(isCredit ? opening + postedFlow : opening - postedFlow);
    const available =
      isCredit && t.limit !== null
        ? roundCents(t.limit - current - pendingOut)
        : roundCents(current - pendingOut);
    accounts.push({
      account_id: accountIdFor(spec.itemId, template),
      balances: {
        available,
        current,
        limit: t.limit,
        iso_currency_code: 'USD',
        unofficial_currency_code: null,
      },
      holder_category: 'personal',
      mask: t.mask,
      name: t.name,
      official_name: t.official_name,
      subtype: t.subtype,
      type: t.type,
    });
  }
  return { day, transactions, accounts };
}

const SNAPSHOT_CACHE_SIZE = 32;
const snapshots = new Map<string, ItemSnapshot>();

/** Sync pages ask for the same two days again and again: keep the last few snapshots. */
export function snapshotAt(spec: ItemDataSpec, day: Day): ItemSnapshot {
  const key = `${spec.itemId}|${spec.seed}|${spec.institutionId}|${spec.firstDay}|${spec.templates.join(',')}|${day}`;
  const hit = snapshots.get(key);
  if (hit) {
    snapshots.delete(key);
    snapshots.set(key, hit);
    return hit;
  }
  const snapshot = computeSnapshot(spec, day);
  snapshots.set(key, snapshot);
  if (snapshots.size > SNAPSHOT_CACHE_SIZE) {
    const oldest = snapshots.keys().next().value;
    if (oldest !== undefined) snapshots.delete(oldest);
  }
  return snapshot;
}
