/**
 * What an Item looks like at a given instant: its transactions (pending or posted, with Plaid's
 * ids and shape) and its account balances. An instant is a simulated day plus how many of the
 * Item's admin mutations apply; the view is a pure function of the Item's definition and the
 * instant, which is what lets /transactions/sync diff two instants instead of keeping a change log.
 *
 * Views of large Items stay compact: a view holds the events present (shared with the generator)
 * in chronological order, and a transaction object is only built for the rows a reply carries.
 */
import { dayFromIso, isoFromDay, type Day } from './dates';
import {
  ACCOUNT_TEMPLATES,
  householdFor,
  isGeneratedEvent,
  SETTLE_DAYS,
  type AccountTemplateKey,
  type Payee,
  type SimEvent,
} from './generator';
import { deriveId } from './ids';
import { transactionId } from './txn-ids';
import type { Mutation } from './mutations';
import type { CustomHousehold } from './custom-household';
import type { LiabilityScenario } from './products/liability-scenario';
import { roundCents } from './prng';

/** Everything that decides an Item's data (ids come from itemId; history starts at firstDay). */
export interface ItemDataSpec {
  itemId: string;
  seed: number;
  institutionId: string;
  firstDay: Day;
  templates: readonly AccountTemplateKey[];
  /** Copies of the household's card spending (scale tests); default 1. */
  volume?: number;
  /** The Item's admin mutations, oldest first; default none. */
  mutations?: readonly Mutation[];
  /** user_custom's own accounts and transactions, instead of the generated household. */
  custom?: CustomHousehold;
  /** How the household handles its debts (default: pays on time). */
  liabilities?: LiabilityScenario;
}

/** Where an Item's events come from: the seeded household, or user_custom's configuration. */
function householdOf(spec: ItemDataSpec): Pick<CustomHousehold, 'eventsOn' | 'openingBalance'> {
  return spec.custom ?? householdFor(spec.seed, spec.institutionId, spec.volume ?? 1, spec.liabilities);
}

/** A point in an Item's data: the simulated day and the number of its mutations applied. */
export interface Instant {
  day: Day;
  seq: number;
}

export function sameInstant(a: Instant, b: Instant): boolean {
  return a.day === b.day && a.seq === b.seq;
}

/** The latest instant of an Item on `day`: every mutation made so far. */
export function instantOf(spec: ItemDataSpec, day: Day): Instant {
  return { day, seq: spec.mutations?.length ?? 0 };
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

const accountIds = new Map<string, string>();

export function accountIdFor(itemId: string, template: AccountTemplateKey): string {
  const key = `${itemId}|${template}`;
  let id = accountIds.get(key);
  if (!id) {
    id = deriveId(itemId, `account:${template}`);
    if (accountIds.size > 4096) accountIds.clear();
    accountIds.set(key, id);
  }
  return id;
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

// --- Admin mutations as they apply at an instant ------------------------------------------------

/** What the mutations made before an instant do to the generated history. */
export interface Effects {
  /** Events added through the admin API, oldest first. */
  added: SimEvent[];
  addedSlots: Set<string>;
  removed: Set<string>;
  /** Slot → day a pending row was made to post. */
  postedOn: Map<string, Day>;
  /** `<slot>|pending` or `<slot>|posted` → changed fields. */
  modified: Map<string, { amount?: number; name?: string }>;
}

const MANUAL_PREFIX = 'mut:';
const MANUAL_SEQ_BASE = 1_000_000;

function manualPayee(name: string, amount: number): Payee {
  return {
    name,
    merchantName: null,
    description: name.toUpperCase(),
    category:
      amount < 0
        ? ['TRANSFER_IN', 'TRANSFER_IN_DEPOSIT']
        : ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE'],
    channel: 'other',
    website: null,
    counterparty: null,
    transactionType: 'special',
  };
}

function manualEvent(m: Extract<Mutation, { op: 'add' }>): SimEvent {
  return {
    slot: m.key,
    template: m.account,
    kind: 'purchase',
    authDay: dayFromIso(m.date),
    lag: m.pending ? Infinity : 0,
    amount: m.amount,
    pendingAmount: m.amount,
    payee: manualPayee(m.name, m.amount),
    place: null,
    paymentMeta: {},
    seqInDay: MANUAL_SEQ_BASE + m.n,
    tipAfter: null,
    cleanupAfter: null,
    vanishAfter: null,
  };
}

export function isManualSlot(slot: string): boolean {
  return slot.startsWith(MANUAL_PREFIX);
}

export function manualSlot(n: number): string {
  return `${MANUAL_PREFIX}${n}`;
}

export function effectsAt(spec: ItemDataSpec, instant: Instant): Effects {
  const fx: Effects = {
    added: [],
    addedSlots: new Set(),
    removed: new Set(),
    postedOn: new Map(),
    modified: new Map(),
  };
  for (const m of spec.mutations ?? []) {
    if (m.n >= instant.seq) break;
    const day = dayFromIso(m.day);
    if (day > instant.day) continue;
    switch (m.op) {
      case 'add':
        fx.added.push(manualEvent(m));
        fx.addedSlots.add(m.key);
        break;
      case 'remove':
        fx.removed.add(m.key);
        break;
      case 'post':
        if (!fx.postedOn.has(m.key)) fx.postedOn.set(m.key, day);
        break;
      case 'modify': {
        const key = `${m.key}|${m.phase}`;
        const before = fx.modified.get(key) ?? {};
        fx.modified.set(key, {
          amount: m.amount ?? before.amount,
          name: m.name ?? before.name,
        });
        break;
      }
    }
  }
  return fx;
}

// --- One event at one instant ------------------------------------------------------------------

/** How an event shows at an instant (null: not there). */
export interface EntryState {
  posted: boolean;
  date: Day;
  amount: number;
  name: string;
  /** Posted with the bank's raw text, before Plaid's clean-up. */
  raw: boolean;
}

export function entryAt(event: SimEvent, day: Day, fx: Effects): EntryState | null {
  // A generated event's slot names its account, never the manual prefix: not spelled per row.
  const manual = !isGeneratedEvent(event) && isManualSlot(event.slot);
  if (manual ? !fx.addedSlots.has(event.slot) : day < event.authDay) return null;
  // Generated events spell their slot on demand: only look it up when a mutation could apply.
  const touched = fx.removed.size + fx.postedOn.size + fx.modified.size > 0;
  const slot = touched ? event.slot : '';
  if (touched && fx.removed.has(slot)) return null;
  if (event.vanishAfter !== null && day >= event.authDay + event.vanishAfter) return null;
  const natural = manual && event.lag === 0 ? -Infinity : event.authDay + event.lag;
  const forced = touched ? fx.postedOn.get(slot) : undefined;
  const postDay = forced === undefined ? natural : Math.min(forced, natural);
  const posted = day >= postDay;
  let amount: number;
  let raw = false;
  if (posted) {
    amount = event.amount;
    raw = event.cleanupAfter !== null && day < postDay + event.cleanupAfter;
  } else {
    amount =
      event.tipAfter !== null && day >= event.authDay + event.tipAfter ? event.amount : event.pendingAmount;
  }
  const change = touched ? fx.modified.get(`${slot}|${posted ? 'posted' : 'pending'}`) : undefined;
  return {
    posted,
    date: posted && !manual ? postDay : posted && forced !== undefined ? forced : event.authDay,
    amount: change?.amount ?? amount,
    name: change?.name ?? (raw ? event.payee.description : event.payee.name),
    raw,
  };
}

export function sameEntry(a: EntryState, b: EntryState): boolean {
  return (
    a.posted === b.posted &&
    a.date === b.date &&
    a.amount === b.amount &&
    a.name === b.name &&
    a.raw === b.raw
  );
}

export function transactionIdOf(spec: ItemDataSpec, event: SimEvent, posted: boolean): string {
  return transactionId(spec.itemId, `txn:${event.slot}:${posted ? 'posted' : 'pending'}`);
}

export function toTransaction(spec: ItemDataSpec, event: SimEvent, state: EntryState): PlaidTransaction {
  const { payee, place } = event;
  const storeNumber =
    event.storeNumber !== undefined && event.storeNumber !== null
      ? String(event.storeNumber)
      : (place?.store_number ?? null);
  const enriched = !state.raw;
  const entityId = enriched && payee.merchantName ? merchantEntityId(payee.merchantName) : null;
  const posted = state.posted;
  return {
    account_id: accountIdFor(spec.itemId, event.template),
    account_owner: null,
    amount: state.amount,
    authorized_date: isoFromDay(event.authDay),
    authorized_datetime: null,
    category: null,
    category_id: null,
    check_number: null,
    counterparties:
      enriched && payee.counterparty
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
    date: isoFromDay(state.date),
    datetime: null,
    iso_currency_code: 'USD',
    location: {
      address: storeNumber ? `${storeNumber} Market St` : null,
      city: place?.city ?? null,
      region: place?.region ?? null,
      postal_code: place?.postal_code ?? null,
      country: place ? 'US' : null,
      lat: place ? place.lat : null,
      lon: place ? place.lon : null,
      store_number: storeNumber,
    },
    logo_url: null,
    merchant_entity_id: entityId,
    merchant_name: enriched ? payee.merchantName : null,
    name: state.name,
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
    pending_transaction_id: posted && event.lag > 0 ? transactionIdOf(spec, event, false) : null,
    personal_finance_category: {
      primary: payee.category[0],
      detailed: payee.category[1],
      confidence_level: 'VERY_HIGH',
      version: 'v1',
    },
    personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${payee.category[0]}.png`,
    transaction_code: null,
    transaction_id: transactionIdOf(spec, event, posted),
    transaction_type: payee.transactionType,
    unofficial_currency_code: null,
    website: enriched ? payee.website : null,
  };
}

export function viewed(spec: ItemDataSpec, event: SimEvent, state: EntryState): ViewedTransaction {
  return {
    transaction: toTransaction(spec, event, state),
    description: event.payee.description,
    sortKey: event.slot,
  };
}

// --- Whole views -------------------------------------------------------------------------------

/** An Item at an instant: the events present, oldest date first, and the balances they imply. */
export interface ItemView {
  spec: ItemDataSpec;
  instant: Instant;
  fx: Effects;
  /** Present events in chronological order (date, account, authorization day, position). */
  events: readonly SimEvent[];
  accounts: PlaidAccount[];
}

function templateIndex(spec: ItemDataSpec, template: AccountTemplateKey): number {
  return spec.templates.indexOf(template);
}

/** Orders two rows of one Item the same way in every Item (ids differ between Items). */
export function chronological(spec: ItemDataSpec, a: SimEvent, aDate: Day, b: SimEvent, bDate: Day): number {
  return (
    aDate - bDate ||
    templateIndex(spec, a.template) - templateIndex(spec, b.template) ||
    a.authDay - b.authDay ||
    a.seqInDay - b.seqInDay
  );
}

/** Every event that may be visible on `day`: the generated history, then the added ones. */
function* candidates(spec: ItemDataSpec, fx: Effects, template: AccountTemplateKey, lastDay: Day) {
  const household = householdOf(spec);
  for (let d = spec.firstDay; d <= lastDay; d++) yield* household.eventsOn(template, d);
  for (const e of fx.added) if (e.template === template) yield e;
}

function computeView(spec: ItemDataSpec, instant: Instant): ItemView {
  const household = householdOf(spec);
  const fx = effectsAt(spec, instant);
  const present: SimEvent[] = [];
  const dates: number[] = [];
  const accounts: PlaidAccount[] = [];
  for (const template of spec.templates) {
    let postedFlow = 0;
    let pendingOut = 0;
    for (const event of candidates(spec, fx, template, instant.day)) {
      const state = entryAt(event, instant.day, fx);
      if (!state) continue;
      present.push(event);
      dates.push(state.date);
      if (state.posted) postedFlow += state.amount;
      else if (state.amount > 0) pendingOut += state.amount;
    }
    const t = { ...ACCOUNT_TEMPLATES[template], ...spec.custom?.look(template) };
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
  return { spec, instant, fx, events: sortByDate(present, dates), accounts };
}

/**
 * A stable sort by date: events come in (account, day, position) order, so bucketing them by
 * date gives the chronological order in linear time, which matters for million-row Items.
 */
function sortByDate(events: SimEvent[], dates: number[]): SimEvent[] {
  if (events.length === 0) return events;
  let min = Infinity;
  let max = -Infinity;
  for (const d of dates) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (max - min > 100_000) {
    const order = events.map((_, i) => i).sort((a, b) => dates[a]! - dates[b]! || a - b);
    return order.map((i) => events[i]!);
  }
  const starts = new Uint32Array(max - min + 2);
  for (const d of dates) starts[d - min + 1]!++;
  for (let i = 1; i < starts.length; i++) starts[i]! += starts[i - 1]!;
  const sorted = new Array<SimEvent>(events.length);
  for (let i = 0; i < events.length; i++) sorted[starts[dates[i]! - min]!++] = events[i]!;
  return sorted;
}

function specKey(spec: ItemDataSpec): string {
  return `${spec.itemId}|${spec.seed}|${spec.institutionId}|${spec.firstDay}|${spec.templates.join(',')}|${spec.volume ?? 1}`;
}

const VIEW_CACHE_SIZE = 16;
const views = new Map<string, ItemView>();

/** Sync pages ask for the same instants again and again: keep the last few views. */
export function viewAt(spec: ItemDataSpec, instant: Instant): ItemView {
  const key = `${specKey(spec)}|${instant.day}|${instant.seq}`;
  const hit = views.get(key);
  if (hit) {
    views.delete(key);
    views.set(key, hit);
    return hit;
  }
  const view = computeView(spec, instant);
  views.set(key, view);
  if (views.size > VIEW_CACHE_SIZE) {
    const oldest = views.keys().next().value;
    if (oldest !== undefined) views.delete(oldest);
  }
  return view;
}

/** The state of every present event of a view, in order. */
export function* entriesOf(view: ItemView): Generator<{ event: SimEvent; state: EntryState }> {
  for (const event of view.events) {
    const state = entryAt(event, view.instant.day, view.fx);
    if (state) yield { event, state };
  }
}

/** The Item on a day with every mutation made so far; transactions are built when first read. */
export function snapshotAt(spec: ItemDataSpec, day: Day): ItemSnapshot {
  const view = viewAt(spec, instantOf(spec, day));
  let transactions: ViewedTransaction[] | null = null;
  return {
    day,
    accounts: view.accounts,
    get transactions() {
      transactions ??= Array.from(entriesOf(view), ({ event, state }) => viewed(spec, event, state));
      return transactions;
    },
  };
}

/** Finds the event behind a transaction id as it stands at an instant (admin mutations). */
export function findTransaction(
  spec: ItemDataSpec,
  instant: Instant,
  transactionId: string,
): { event: SimEvent; state: EntryState } | null {
  const view = viewAt(spec, instant);
  for (const entry of entriesOf(view)) {
    if (transactionIdOf(spec, entry.event, entry.state.posted) === transactionId) return entry;
  }
  return null;
}

// --- What changed between two instants -----------------------------------------------------------

export interface Change {
  kind: 'added' | 'modified' | 'removed';
  event: SimEvent;
  /** The row as the client must now hold it (for removed: as it held it). */
  state: EntryState;
}

/** An ordered list of changes, built lazily where it is the whole history. */
export interface ChangeSet {
  readonly length: number;
  at(index: number): Change;
  counts: { added: number; modified: number; removed: number };
}

/**
 * The changes that take a client from `from` (null: nothing) to `to`: removals first (a pending
 * row goes before its posted successor arrives), then modifications, then additions, each in
 * chronological order. Only events that can still change are compared: those authorized within
 * SETTLE_DAYS of the earlier instant, and those the mutations in between touched.
 */
export function changesBetween(
  spec: ItemDataSpec,
  from: Instant | null,
  to: Instant,
  template: AccountTemplateKey | null = null,
): ChangeSet {
  const target = viewAt(spec, to);
  if (from === null) {
    const events = template ? target.events.filter((e) => e.template === template) : target.events;
    return {
      length: events.length,
      at: (i) => {
        const event = events[i]!;
        return { kind: 'added', event, state: entryAt(event, to.day, target.fx)! };
      },
      counts: { added: events.length, modified: 0, removed: 0 },
    };
  }
  const household = householdOf(spec);
  const fxFrom = effectsAt(spec, from);
  const fxTo = target.fx;
  const templates = template ? [template] : spec.templates;
  const seen = new Set<string>();
  const compared: SimEvent[] = [];
  const consider = (e: SimEvent | undefined) => {
    if (!e || seen.has(e.slot) || !templates.includes(e.template)) return;
    seen.add(e.slot);
    compared.push(e);
  };
  const lo = Math.max(spec.firstDay, Math.min(from.day, to.day) - SETTLE_DAYS);
  const hi = Math.max(from.day, to.day);
  for (const t of templates) for (let d = lo; d <= hi; d++) household.eventsOn(t, d).forEach(consider);
  const [seqLo, seqHi] = [Math.min(from.seq, to.seq), Math.max(from.seq, to.seq)];
  const manual = new Map([...fxFrom.added, ...fxTo.added].map((e) => [e.slot, e]));
  for (const m of spec.mutations ?? []) {
    if (m.n < seqLo || m.n >= seqHi) continue;
    consider(isManualSlot(m.key) ? manual.get(m.key) : generatedEvent(spec, m.key));
  }

  const removed: Change[] = [];
  const modified: Change[] = [];
  const added: Change[] = [];
  for (const event of compared) {
    const before = entryAt(event, from.day, fxFrom);
    const after = entryAt(event, to.day, fxTo);
    if (before && (!after || after.posted !== before.posted))
      removed.push({ kind: 'removed', event, state: before });
    if (after && (!before || after.posted !== before.posted))
      added.push({ kind: 'added', event, state: after });
    else if (after && before && !sameEntry(before, after))
      modified.push({ kind: 'modified', event, state: after });
  }
  const order = (a: Change, b: Change) => chronological(spec, a.event, a.state.date, b.event, b.state.date);
  const all = [...removed.sort(order), ...modified.sort(order), ...added.sort(order)];
  return {
    length: all.length,
    at: (i) => all[i]!,
    counts: { added: added.length, modified: modified.length, removed: removed.length },
  };
}

/** The generated event a slot (`<template>:<day>:<what>`) names, if the Item has it. */
export function generatedEvent(spec: ItemDataSpec, slot: string): SimEvent | undefined {
  const [template, dayText] = slot.split(':');
  const day = Number(dayText);
  if (!spec.templates.includes(template as AccountTemplateKey) || !Number.isInteger(day)) return undefined;
  if (day < spec.firstDay) return undefined;
  return householdOf(spec)
    .eventsOn(template as AccountTemplateKey, day)
    .find((e) => e.slot === slot);
}
