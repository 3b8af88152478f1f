/**
 * Where each product of an Item stands (issue 12), apart from the Item's health, which is about
 * the connection only. Two sources decide it: /item/get (products, consented_products,
 * available_products) and the product's own calls, whose errors Plaid shapes per product
 * (PRODUCTS_NOT_SUPPORTED, NO_*_ACCOUNTS, ADDITIONAL_CONSENT_REQUIRED, PRODUCT_NOT_READY).
 *
 * The sync runner calls recordProductOutcome after each product syncer, so a new syncer gets its
 * status without code of its own.
 */
import { ItemProduct, type ProductState, type ProductStatus } from '../../../shared/api';
import { PlaidErrorShape } from '../../../shared/plaid-error';
import type { Ledger } from '../ledger/ledger';
import { nowIso } from '../ledger/statements';
import type { AppError } from '../errors';
import { itemErrorShape, PRODUCT_ONLY_CODES } from '../plaid/errors';
import { cofferProductName } from './link-products';

/** What /item/get says about an Item's products. */
export interface ItemProductsView {
  products?: readonly string[] | null;
  consented_products?: readonly string[] | null;
  available_products?: readonly string[] | null;
}

/** The status a product call's error means; null when the error is not about the product alone. */
function statusOfProductError(error: PlaidErrorShape | null): ProductStatus | null {
  const code = error?.error_code;
  if (!code) return null;
  if (code === 'PRODUCT_NOT_READY') return 'not_ready';
  if (code === 'ADDITIONAL_CONSENT_REQUIRED') return 'needs_consent';
  if (code === 'PRODUCTS_NOT_SUPPORTED') return 'not_supported';
  if (PRODUCT_ONLY_CODES.has(code)) return 'no_accounts';
  return null;
}

/** Whether an error concerns one product only, so the Item's sync goes on with the others. */
export function isProductOnlyError(error: AppError): boolean {
  return statusOfProductError(error.plaid) !== null;
}

function isItemProduct(product: string): product is ItemProduct {
  return ItemProduct.safeParse(product).success;
}

function writeStatus(
  ledger: Ledger,
  itemId: string,
  product: string,
  status: ProductStatus,
  error: PlaidErrorShape | null,
): void {
  ledger.db
    .prepare(
      `INSERT INTO item_products (item_id, product, status, error_json, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (item_id, product) DO UPDATE SET status = excluded.status,
         error_json = excluded.error_json, updated_at = excluded.updated_at`,
    )
    .run(itemId, product, status, error ? JSON.stringify(error) : null, nowIso());
}

/**
 * A product call's outcome (null: it worked) as the product's status. Call inside a write.
 * Returns the status recorded.
 */
export function recordProductOutcome(
  ledger: Ledger,
  itemId: string,
  product: string,
  outcome: AppError | null,
): ProductStatus {
  if (!outcome) {
    writeStatus(ledger, itemId, product, 'ready', null);
    return 'ready';
  }
  const shape = itemErrorShape(outcome);
  const status = statusOfProductError(shape) ?? 'failed';
  writeStatus(ledger, itemId, product, status, shape);
  return status;
}

/** Statuses a call decided that /item/get cannot tell apart and must not overwrite. */
const KEPT_WHILE_ON_ITEM: ReadonlySet<ProductStatus> = new Set(['not_ready', 'failed']);
const KEPT_WHILE_OFF_ITEM: ReadonlySet<ProductStatus> = new Set(['no_accounts']);

/**
 * Statuses from /item/get for the products asked for, those stored already and those Plaid
 * reports on the Item. A product on the Item or consented to is ready (a consented one is added
 * by its first call); one the Item could add is waiting for consent; any other is not supported.
 * Call inside a write.
 */
export function applyItemProducts(
  ledger: Ledger,
  itemId: string,
  view: ItemProductsView,
  asked: readonly string[] = [],
): void {
  const names = (list: readonly string[] | null | undefined) => new Set((list ?? []).map(cofferProductName));
  const onItem = names(view.products);
  const consented = names(view.consented_products);
  const available = names(view.available_products);
  const stored = new Map(productStates(ledger, itemId).map((s) => [s.product as string, s]));
  const tracked = new Set([...asked, ...stored.keys(), ...onItem, ...consented].filter(isItemProduct));
  for (const product of tracked) {
    const before = stored.get(product);
    const keep = (kept: ReadonlySet<ProductStatus>) => before !== undefined && kept.has(before.status);
    if (onItem.has(product) || consented.has(product)) {
      if (!keep(KEPT_WHILE_ON_ITEM)) writeStatus(ledger, itemId, product, 'ready', null);
    } else if (available.has(product)) {
      writeStatus(ledger, itemId, product, 'needs_consent', null);
    } else if (!keep(KEPT_WHILE_OFF_ITEM)) {
      writeStatus(ledger, itemId, product, 'not_supported', null);
    }
  }
}

/**
 * Whether a sync should run the product's syncer: the Item has it, or has consent for it. Every
 * Item asks for transactions, so an Item without a stored status for it has it.
 */
export function itemHasProduct(ledger: Ledger, itemId: string, product: string): boolean {
  const status = ledger.db
    .prepare(`SELECT status FROM item_products WHERE item_id = ? AND product = ?`)
    .pluck()
    .get(itemId, product) as ProductStatus | undefined;
  if (status === undefined) return product === 'transactions';
  return status === 'ready' || status === 'not_ready' || status === 'failed';
}

interface ProductDbRow {
  product: string;
  status: ProductStatus;
  error_json: string | null;
  updated_at: string;
}

export function productStates(ledger: Ledger, itemId: string): ProductState[] {
  const rows = ledger.db
    .prepare(
      `SELECT product, status, error_json, updated_at FROM item_products WHERE item_id = ? ORDER BY product`,
    )
    .all(itemId) as ProductDbRow[];
  const order = ItemProduct.options as readonly string[];
  return rows
    .filter((r): r is ProductDbRow & { product: ItemProduct } => isItemProduct(r.product))
    .map((r) => ({
      product: r.product,
      status: r.status,
      error: parseShape(r.error_json),
      updatedAt: r.updated_at,
    }))
    .sort((a, b) => order.indexOf(a.product) - order.indexOf(b.product));
}

export function productState(ledger: Ledger, itemId: string, product: ItemProduct): ProductState | null {
  return productStates(ledger, itemId).find((s) => s.product === product) ?? null;
}

function parseShape(json: string | null): PlaidErrorShape | null {
  if (!json) return null;
  const parsed = PlaidErrorShape.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}
