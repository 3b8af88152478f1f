/** The products a Link session asks for, as Plaid's three lists say them. */
export interface LinkProducts {
  /** `products`: the Item must support every one. */
  required: readonly string[];
  /** `required_if_supported_products` and `optional_products`: added where the accounts serve them. */
  ifServed: readonly string[];
  /** `additional_consented_products`: consent only, added on first use. */
  consentOnly: readonly string[];
}
