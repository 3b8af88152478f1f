/**
 * Plaid's personal_finance_category taxonomy (v1) with names a person reads. Plaid adds codes
 * over time (and PFC v2 renames some), so an unknown code is never an error: it gets a name
 * spelled from its code, and its primary is taken from the row that carried it.
 */
import type { Category } from '../../../shared/api';

type Side = Category['side'];

interface PrimaryDef {
  name: string;
  side: Side;
  description: string;
  /** Detailed codes without the primary's prefix. */
  detailed: readonly string[];
}

const PRIMARIES: Record<string, PrimaryDef> = {
  INCOME: {
    name: 'Income',
    side: 'income',
    description: 'Wages, dividends, interest, refunds of tax and other money earned',
    detailed: [
      'DIVIDENDS',
      'INTEREST_EARNED',
      'RETIREMENT_PENSION',
      'TAX_REFUND',
      'UNEMPLOYMENT',
      'WAGES',
      'OTHER_INCOME',
    ],
  },
  TRANSFER_IN: {
    name: 'Transfers in',
    side: 'transfer',
    description: 'Money moved into an account from another one',
    detailed: [
      'CASH_ADVANCES_AND_LOANS',
      'DEPOSIT',
      'INVESTMENT_AND_RETIREMENT_FUNDS',
      'SAVINGS',
      'ACCOUNT_TRANSFER',
      'OTHER_TRANSFER_IN',
    ],
  },
  TRANSFER_OUT: {
    name: 'Transfers out',
    side: 'transfer',
    description: 'Money moved out of an account to another one, and cash withdrawals',
    detailed: [
      'INVESTMENT_AND_RETIREMENT_FUNDS',
      'SAVINGS',
      'WITHDRAWAL',
      'ACCOUNT_TRANSFER',
      'OTHER_TRANSFER_OUT',
    ],
  },
  LOAN_PAYMENTS: {
    name: 'Loan payments',
    side: 'spending',
    description: 'Payments on cars, mortgages, student loans and credit cards',
    detailed: [
      'CAR_PAYMENT',
      'CREDIT_CARD_PAYMENT',
      'PERSONAL_LOAN_PAYMENT',
      'MORTGAGE_PAYMENT',
      'STUDENT_LOAN_PAYMENT',
      'OTHER_PAYMENT',
    ],
  },
  BANK_FEES: {
    name: 'Bank fees',
    side: 'spending',
    description: 'Fees and interest charged by banks',
    detailed: [
      'ATM_FEES',
      'FOREIGN_TRANSACTION_FEES',
      'INSUFFICIENT_FUNDS',
      'INTEREST_CHARGE',
      'OVERDRAFT_FEES',
      'OTHER_BANK_FEES',
    ],
  },
  ENTERTAINMENT: {
    name: 'Entertainment',
    side: 'spending',
    description: 'Events, streaming, games and other fun',
    detailed: [
      'CASINOS_AND_GAMBLING',
      'MUSIC_AND_AUDIO',
      'SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS',
      'TV_AND_MOVIES',
      'VIDEO_GAMES',
      'OTHER_ENTERTAINMENT',
    ],
  },
  FOOD_AND_DRINK: {
    name: 'Food and drink',
    side: 'spending',
    description: 'Groceries, restaurants, coffee and drinks',
    detailed: [
      'BEER_WINE_AND_LIQUOR',
      'COFFEE',
      'FAST_FOOD',
      'GROCERIES',
      'RESTAURANT',
      'VENDING_MACHINES',
      'OTHER_FOOD_AND_DRINK',
    ],
  },
  GENERAL_MERCHANDISE: {
    name: 'Shopping',
    side: 'spending',
    description: 'Stores and online shopping',
    detailed: [
      'BOOKSTORES_AND_NEWSSTANDS',
      'CLOTHING_AND_ACCESSORIES',
      'CONVENIENCE_STORES',
      'DEPARTMENT_STORES',
      'DISCOUNT_STORES',
      'ELECTRONICS',
      'GIFTS_AND_NOVELTIES',
      'OFFICE_SUPPLIES',
      'ONLINE_MARKETPLACES',
      'PET_SUPPLIES',
      'SPORTING_GOODS',
      'SUPERSTORES',
      'TOBACCO_AND_VAPE',
      'OTHER_GENERAL_MERCHANDISE',
    ],
  },
  HOME_IMPROVEMENT: {
    name: 'Home improvement',
    side: 'spending',
    description: 'Furniture, hardware, repairs and security',
    detailed: ['FURNITURE', 'HARDWARE', 'REPAIR_AND_MAINTENANCE', 'SECURITY', 'OTHER_HOME_IMPROVEMENT'],
  },
  MEDICAL: {
    name: 'Medical',
    side: 'spending',
    description: 'Doctors, dentists, pharmacies and vets',
    detailed: [
      'DENTAL_CARE',
      'EYE_CARE',
      'NURSING_CARE',
      'PHARMACIES_AND_SUPPLEMENTS',
      'PRIMARY_CARE',
      'VETERINARY_SERVICES',
      'OTHER_MEDICAL',
    ],
  },
  PERSONAL_CARE: {
    name: 'Personal care',
    side: 'spending',
    description: 'Gyms, hair and beauty, laundry',
    detailed: [
      'GYMS_AND_FITNESS_CENTERS',
      'HAIR_AND_BEAUTY',
      'LAUNDRY_AND_DRY_CLEANING',
      'OTHER_PERSONAL_CARE',
    ],
  },
  GENERAL_SERVICES: {
    name: 'Services',
    side: 'spending',
    description: 'Insurance, education, childcare, car services and other services',
    detailed: [
      'ACCOUNTING_AND_FINANCIAL_PLANNING',
      'AUTOMOTIVE',
      'CHILDCARE',
      'CONSULTING_AND_LEGAL',
      'EDUCATION',
      'INSURANCE',
      'POSTAGE_AND_SHIPPING',
      'STORAGE',
      'OTHER_GENERAL_SERVICES',
    ],
  },
  GOVERNMENT_AND_NON_PROFIT: {
    name: 'Government and non-profit',
    side: 'spending',
    description: 'Taxes, government fees and donations',
    detailed: [
      'DONATIONS',
      'GOVERNMENT_DEPARTMENTS_AND_AGENCIES',
      'TAX_PAYMENT',
      'OTHER_GOVERNMENT_AND_NON_PROFIT',
    ],
  },
  TRANSPORTATION: {
    name: 'Transportation',
    side: 'spending',
    description: 'Gas, parking, transit, taxis and tolls',
    detailed: [
      'BIKES_AND_SCOOTERS',
      'GAS',
      'PARKING',
      'PUBLIC_TRANSIT',
      'TAXIS_AND_RIDE_SHARES',
      'TOLLS',
      'OTHER_TRANSPORTATION',
    ],
  },
  TRAVEL: {
    name: 'Travel',
    side: 'spending',
    description: 'Flights, hotels and rental cars',
    detailed: ['FLIGHTS', 'LODGING', 'RENTAL_CARS', 'OTHER_TRAVEL'],
  },
  RENT_AND_UTILITIES: {
    name: 'Rent and utilities',
    side: 'spending',
    description: 'Rent, power, water, internet and phone',
    detailed: [
      'GAS_AND_ELECTRICITY',
      'INTERNET_AND_CABLE',
      'RENT',
      'SEWAGE_AND_WASTE_MANAGEMENT',
      'TELEPHONE',
      'WATER',
      'OTHER_UTILITIES',
    ],
  },
};

/** Names sentence case would spell wrong. */
const NAME_OVERRIDES: Record<string, string> = {
  FOOD_AND_DRINK_BEER_WINE_AND_LIQUOR: 'Beer, wine and liquor',
  ENTERTAINMENT_SPORTING_EVENTS_AMUSEMENT_PARKS_AND_MUSEUMS: 'Sporting events, amusement parks and museums',
  ENTERTAINMENT_TV_AND_MOVIES: 'TV and movies',
  BANK_FEES_ATM_FEES: 'ATM fees',
  GENERAL_SERVICES_AUTOMOTIVE: 'Car services',
  INCOME_OTHER_INCOME: 'Other income',
  LOAN_PAYMENTS_CREDIT_CARD_PAYMENT: 'Credit card payment',
  TRANSFER_OUT_WITHDRAWAL: 'Cash withdrawal',
  RENT_AND_UTILITIES_GAS_AND_ELECTRICITY: 'Gas and electricity',
};

const ACRONYMS = new Set(['ATM', 'TV']);

/** `SPORTING_GOODS` → "Sporting goods". */
export function sentenceFromCode(code: string): string {
  const words = code
    .split('_')
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w) ? w : w.toLowerCase()));
  if (words.length === 0) return code;
  const [first, ...rest] = words;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' ');
}

function buildCategories(): Category[] {
  const out: Category[] = [];
  for (const [primary, def] of Object.entries(PRIMARIES)) {
    out.push({
      id: primary,
      name: def.name,
      kind: 'primary',
      group: primary,
      side: def.side,
      description: def.description,
    });
    for (const own of def.detailed) {
      const id = `${primary}_${own}`;
      out.push({
        id,
        name: NAME_OVERRIDES[id] ?? sentenceFromCode(own),
        kind: 'detailed',
        group: primary,
        side: id === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT' ? 'transfer' : def.side,
        description: null,
      });
    }
  }
  return out;
}

export const PLAID_CATEGORIES: readonly Category[] = buildCategories();
const byId = new Map(PLAID_CATEGORIES.map((c) => [c.id, c]));

export function plaidCategory(id: string): Category | undefined {
  return byId.get(id);
}

/** Primary groups whose money is never spending nor income: moves between the user's own accounts. */
export const TRANSFER_GROUPS: readonly string[] = ['TRANSFER_IN', 'TRANSFER_OUT'];
/** Detailed categories that are transfers although their group is not (paying one's own card). */
export const TRANSFER_CATEGORIES: readonly string[] = ['LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'];
export const INCOME_GROUP = 'INCOME';

/** The group of a Plaid code: known codes from the table, unknown ones from the longest known primary prefix. */
export function plaidGroupOf(code: string): string {
  const known = byId.get(code);
  if (known) return known.group;
  let best = '';
  for (const primary of Object.keys(PRIMARIES))
    if (code.startsWith(`${primary}_`) && primary.length > best.length) best = primary;
  return best || code;
}
