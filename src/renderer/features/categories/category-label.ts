/** Words Plaid's personal_finance_category codes spell that read wrong in sentence case. */
const ACRONYMS = new Set(['ATM', 'TV', 'ID', 'DMV']);

function sentence(code: string): string {
  const words = code
    .split('_')
    .filter(Boolean)
    .map((word) => (ACRONYMS.has(word) ? word : word.toLowerCase()));
  if (words.length === 0) return '';
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

/** `FOOD_AND_DRINK` → "Food and drink". */
export function primaryCategoryLabel(primary: string | null): string | null {
  return primary ? sentence(primary) : null;
}

/**
 * `FOOD_AND_DRINK_COFFEE` → "Coffee": Plaid's detailed codes repeat their primary as a prefix,
 * which the column would only repeat.
 */
export function detailedCategoryLabel(primary: string | null, detailed: string | null): string | null {
  if (!detailed) return primaryCategoryLabel(primary);
  const prefix = primary ? `${primary}_` : '';
  const own = prefix && detailed.startsWith(prefix) ? detailed.slice(prefix.length) : detailed;
  return sentence(own) || primaryCategoryLabel(primary);
}
