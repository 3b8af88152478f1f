/**
 * A category's colour, the same in every chart, legend and list whatever else the data holds: it
 * follows the category's id, never its rank in one dataset. The colours are CSS variables
 * (`--cat-0` … in styles.css), defined once per theme, so a chart drawn in the light theme stays
 * readable when the user switches to dark.
 */
export const CATEGORY_PALETTE_SIZE = 18;

/**
 * Plaid's primary categories (the spending chart's groups) each own a slot, so the groups of one
 * chart never share a colour; Uncategorized is grey.
 */
const FIXED: Readonly<Record<string, number>> = {
  FOOD_AND_DRINK: 0,
  GENERAL_MERCHANDISE: 1,
  RENT_AND_UTILITIES: 2,
  TRANSPORTATION: 3,
  ENTERTAINMENT: 4,
  TRAVEL: 5,
  MEDICAL: 6,
  PERSONAL_CARE: 7,
  UNCATEGORIZED: 8,
  GENERAL_SERVICES: 9,
  HOME_IMPROVEMENT: 10,
  LOAN_PAYMENTS: 11,
  BANK_FEES: 12,
  GOVERNMENT_AND_NON_PROFIT: 13,
  INCOME: 15,
  TRANSFER_IN: 16,
  TRANSFER_OUT: 17,
};

/** FNV-1a: a small, stable spread of ids (detailed and user categories) over the palette. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function categoryColorSlot(categoryId: string): number {
  return FIXED[categoryId] ?? hash(categoryId) % CATEGORY_PALETTE_SIZE;
}

/** A CSS colour (a variable reference) for fills, strokes and swatches. */
export function categoryColor(categoryId: string): string {
  return `var(--cat-${categoryColorSlot(categoryId)})`;
}
