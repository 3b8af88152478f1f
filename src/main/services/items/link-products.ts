/**
 * Which of Plaid's product lists each product the user chooses goes in (issue 12). Every Item has
 * transactions. Data products Coffer syncs go in `optional_products`, so a bank without them still
 * links; on-demand products need only the user's consent at Link (`additional_consented_products`)
 * and are added by their first call. In update mode Plaid accepts `products` only to add Assets or
 * Income; any other product is consent only.
 */
import type { Products } from 'plaid';
import type { ItemProduct } from '../../../shared/api';
import type { LinkProductLists } from '../plaid/client';

const SYNCED: ReadonlySet<string> = new Set(['investments', 'liabilities']);
const ADDED_IN_UPDATE_MODE: ReadonlySet<string> = new Set(['assets', 'income']);

// Plaid's product names as strings: the SDK's enum would load the whole SDK at startup.
const PLAID_PRODUCT: Record<ItemProduct, Products> = {
  transactions: 'transactions' as Products,
  investments: 'investments' as Products,
  liabilities: 'liabilities' as Products,
  auth: 'auth' as Products,
  identity: 'identity' as Products,
  assets: 'assets' as Products,
  // Bank income is Plaid's income_verification product, linked with the ledger's user_token.
  income: 'income_verification' as Products,
};

/** Coffer's name for a product Plaid reports on an Item (its Plaid name otherwise). */
export function cofferProductName(plaid: string): string {
  return plaid === 'income_verification' ? 'income' : plaid;
}

/** Products Plaid adds to an existing Item only in update mode (`products`), never by a first call. */
export function addedOnlyThroughLink(product: string): boolean {
  return ADDED_IN_UPDATE_MODE.has(product);
}

function plaidProduct(product: string): Products {
  const known = PLAID_PRODUCT[product as ItemProduct] as Products | undefined;
  if (!known) throw new Error(`Not a product Coffer links: ${product}`);
  return known;
}

export function newItemProductLists(chosen: readonly string[]): LinkProductLists {
  const others = [...new Set(chosen)].filter((p) => p !== 'transactions');
  return {
    products: [PLAID_PRODUCT.transactions],
    optional: others.filter((p) => SYNCED.has(p)).map(plaidProduct),
    consentOnly: others.filter((p) => !SYNCED.has(p)).map(plaidProduct),
  };
}

/** Update mode for one product the Item lacks consent for. */
export function updateModeProductLists(product: string): LinkProductLists {
  const plaid = plaidProduct(product);
  return ADDED_IN_UPDATE_MODE.has(product)
    ? { products: [plaid], optional: [], consentOnly: [] }
    : { products: [], optional: [], consentOnly: [plaid] };
}

/** The products a Link session asks for, by Coffer's names. */
export function askedProducts(lists: LinkProductLists): string[] {
  return [...lists.products, ...lists.optional, ...lists.consentOnly].map(cofferProductName);
}
