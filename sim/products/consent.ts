/**
 * An Item's products and its user's consent, as Plaid keeps them under Data Transparency
 * Messaging. Link collects consent for `products`, for `required_if_supported_products` and
 * `optional_products` the chosen accounts can serve, and for `additional_consented_products`;
 * only the first three are added to the Item. A data endpoint adds its product on first use
 * when the user consented to it, and answers ADDITIONAL_CONSENT_REQUIRED otherwise, until update
 * mode collects that consent.
 */
import { PlaidApiError } from '../errors';
import { unsupportedProducts, type InstitutionProfile } from '../institutions';
import type { SimulatorCore } from '../core';
import type { ItemRecord } from '../state';
import type { AccountKey } from './account-keys';
import { accountsMissingFor } from './eligibility';

/** The products a Link session asked for, by how Plaid treats each list. */
export interface LinkProducts {
  /** `products`: the Item must support every one. */
  required: readonly string[];
  /** `required_if_supported_products` and `optional_products`: added where the accounts serve them. */
  ifServed: readonly string[];
  /** `additional_consented_products`: consent only, added on first use. */
  consentOnly: readonly string[];
}

/** Products an update-mode Link may add in `products` (the rest need only consent, or a new Item). */
export const UPDATE_MODE_PRODUCTS: readonly string[] = [
  'assets',
  'income',
  'income_verification',
  'statements',
  'cra_base_report',
  'cra_income_insights',
  'cra_partner_insights',
  'cra_cashflow_insights',
  'cra_lend_score',
];

export function consentedProductsOf(item: Pick<ItemRecord, 'products' | 'consented_products'>): string[] {
  return [...new Set([...item.products, ...(item.consented_products ?? [])])];
}

/** Whether the institution offers the product and the accounts can serve it. */
function serves(institution: InstitutionProfile, templates: readonly AccountKey[], product: string): boolean {
  return (
    unsupportedProducts(institution, [product]).length === 0 &&
    accountsMissingFor([product], templates) === null
  );
}

/**
 * What a finished Link session gives the Item: the required products (refused with Plaid's error
 * when the bank or the chosen accounts cannot serve one), those asked for if served, and consent
 * for all of these plus the consent-only ones.
 */
export function productsFromLink(
  institution: InstitutionProfile,
  templates: readonly AccountKey[],
  asked: LinkProducts,
  existing: Pick<ItemRecord, 'products' | 'consented_products'> = { products: [] },
): { products: string[]; consented_products: string[] } {
  const unsupported = unsupportedProducts(institution, asked.required);
  if (unsupported.length)
    throw new PlaidApiError(
      'PRODUCTS_NOT_SUPPORTED',
      `${institution.name} does not support: ${unsupported.join(', ')}`,
    );
  const missing = accountsMissingFor(asked.required, templates);
  if (missing) throw new PlaidApiError(missing);
  const products = [
    ...new Set([
      ...existing.products,
      ...asked.required,
      ...asked.ifServed.filter((p) => serves(institution, templates, p)),
    ]),
  ];
  return {
    products,
    consented_products: [...new Set([...consentedProductsOf(existing), ...products, ...asked.consentOnly])],
  };
}

/** Products the Item could add (its bank offers them, its accounts serve them) and has not. */
export function availableProductsOf(institution: InstitutionProfile, item: ItemRecord): string[] {
  return institution.products.filter(
    (p) => p !== 'balance' && !item.products.includes(p) && serves(institution, item.account_templates, p),
  );
}

/**
 * The Item, ready to serve a product's endpoint: a consented product not yet on the Item is added
 * (billing starts; `onAdd` sets what its first call decides, such as days of history). Refused
 * with Plaid's error when the bank or the Item's accounts cannot serve it (no consent would
 * help), and with ADDITIONAL_CONSENT_REQUIRED when they can but the user did not consent.
 */
export function withProduct(
  core: SimulatorCore,
  item: ItemRecord,
  product: string,
  onAdd?: (item: ItemRecord) => void,
): ItemRecord {
  if (item.products.includes(product)) return item;
  const institution = core.institutionOf(item);
  if (unsupportedProducts(institution, [product]).length)
    throw new PlaidApiError('PRODUCTS_NOT_SUPPORTED', `${institution.name} does not support ${product}`);
  const missing = accountsMissingFor([product], item.account_templates);
  if (missing) throw new PlaidApiError(missing);
  if (!consentedProductsOf(item).includes(product))
    throw new PlaidApiError(
      'ADDITIONAL_CONSENT_REQUIRED',
      `the user has not consented to share ${product} data for this Item: ask for it in update mode (additional_consented_products)`,
    );
  return core.updateItem(item.item_id, (i) => {
    i.products.push(product);
    onAdd?.(i);
  });
}
