/**
 * The deterministic household behind every Item: what happened on each account on each day is a
 * pure function of (seed, institution, account template, day). Ids are not made here: the view
 * derives them per Item, so two Items at one institution share their history but not their ids.
 */
import { calendar, daysInMonthIndex, firstDayOfMonthIndex, monthIndex, weekday, type Day } from './dates';
import { feedHash, finishHash, hashPrefix, Rng, rngFor, roundCents } from './prng';
import { CardCycle, type CardPosting } from './card-cycle';
import { PAYS_ON_TIME, scenarioKey, type LiabilityScenario } from './products/liability-scenario';

export const ACCOUNT_TEMPLATE_KEYS = ['checking', 'savings', 'credit'] as const;
export type AccountTemplateKey = (typeof ACCOUNT_TEMPLATE_KEYS)[number];

export interface AccountTemplate {
  key: AccountTemplateKey;
  name: string;
  official_name: string;
  mask: string;
  type: 'depository' | 'credit';
  subtype: 'checking' | 'savings' | 'credit card';
  limit: number | null;
}

export const ACCOUNT_TEMPLATES: Record<AccountTemplateKey, AccountTemplate> = {
  checking: {
    key: 'checking',
    name: 'Plaid Checking',
    official_name: 'Plaid Gold Standard 0% Interest Checking',
    mask: '0000',
    type: 'depository',
    subtype: 'checking',
    limit: null,
  },
  savings: {
    key: 'savings',
    name: 'Plaid Saving',
    official_name: 'Plaid Silver Standard 0.1% Interest Saving',
    mask: '1111',
    type: 'depository',
    subtype: 'savings',
    limit: null,
  },
  credit: {
    key: 'credit',
    name: 'Plaid Credit Card',
    official_name: 'Plaid Diamond 12.5% APR Interest Credit Card',
    mask: '3333',
    type: 'credit',
    subtype: 'credit card',
    limit: 8000,
  },
};

export type PaymentChannel = 'online' | 'in store' | 'other';
export type CounterpartyType =
  'merchant' | 'financial_institution' | 'payment_app' | 'marketplace' | 'income_source';

/** The other side of a transaction, with Plaid's enrichment. */
export interface Payee {
  /** Plaid's (legacy) `name`. */
  name: string;
  merchantName: string | null;
  /** What the bank sent, returned as `original_description` on request. */
  description: string;
  category: readonly [primary: string, detailed: string];
  channel: PaymentChannel;
  website: string | null;
  counterparty: { name: string; type: CounterpartyType } | null;
  /** Deprecated `transaction_type`, still returned by Plaid. */
  transactionType: 'digital' | 'place' | 'special' | 'unresolved';
}

export interface Place {
  city: string;
  region: string;
  postal_code: string;
  store_number: string | null;
  lat: number;
  lon: number;
}

/**
 * `hold`: a card authorization that never posts and drops off after a few days (Plaid: removed).
 * `card-charge`: what the card issuer charges, interest on a carried balance or a late fee.
 */
export type EventKind = 'purchase' | 'card-payment' | 'card-charge' | 'bill' | 'income' | 'transfer' | 'hold';

/**
 * Longest span over which one event still changes (pending, tip added, posted, name cleaned up,
 * hold dropped): a view older than this no longer differs from a later one for that event, which
 * is what lets /transactions/sync diff only the recent days.
 */
export const SETTLE_DAYS = 8;

export interface SimEvent {
  /** Stable within the Item: `<template>:<authDay>:<what>`; the view hashes it into ids. */
  readonly slot: string;
  template: AccountTemplateKey;
  kind: EventKind;
  /** The day the transaction happened (authorized). */
  authDay: Day;
  /** Days until it posts; 0 posts at once (never pending). */
  lag: number;
  /** Plaid's sign: positive = money out of the account. */
  amount: number;
  /** The amount while pending (a restaurant's tip arrives on posting). */
  pendingAmount: number;
  payee: Payee;
  place: Place | null;
  paymentMeta: { payer?: string; payee?: string; payment_method?: string; reference_number?: string };
  /** Position among the events of its account and day: orders events that share a date. */
  seqInDay: number;
  /** Days after authorization when the pending amount becomes `amount` (a tip added): a modified row. */
  tipAfter: number | null;
  /** Days after posting when the raw bank text is replaced by the clean merchant name: a modified row. */
  cleanupAfter: number | null;
  /** Days after authorization when the row disappears (a hold that never posts): a removed row. */
  vanishAfter: number | null;
  /** The store's number when `place` is shared by many stores (generated events). */
  storeNumber?: number | null;
}

/**
 * A generated event, kept small: a large Item holds a million of these, so the slot is spelled
 * out only when asked for and places are shared, with the store number beside them.
 */
class GeneratedEvent implements SimEvent {
  seqInDay = 0;
  tipAfter: number | null = null;
  cleanupAfter: number | null = null;
  vanishAfter: number | null = null;

  constructor(
    readonly template: AccountTemplateKey,
    readonly what: string,
    readonly kind: EventKind,
    readonly authDay: Day,
    readonly lag: number,
    readonly amount: number,
    readonly pendingAmount: number,
    readonly payee: Payee,
    readonly place: Place | null,
    readonly paymentMeta: SimEvent['paymentMeta'],
    readonly storeNumber: number | null,
  ) {}

  get slot(): string {
    return `${this.template}:${this.authDay}:${this.what}`;
  }
}

/** Whether an event is one the generator made (its slot is spelled only when asked for). */
export function isGeneratedEvent(event: SimEvent): boolean {
  return event instanceof GeneratedEvent;
}

interface Household {
  employer: string;
  salary: number;
  payPhase: number;
  rent: number;
  landlord: string;
  home: Omit<Place, 'store_number'>;
  grocers: readonly string[];
  coffeeShop: string;
  restaurants: readonly string[];
  savingsTransfer: number;
  checkingOpening: number;
  savingsOpening: number;
}

const CITIES = [
  { city: 'San Francisco', region: 'CA', postal_code: '94110', lat: 37.7487, lon: -122.4158 },
  { city: 'Portland', region: 'OR', postal_code: '97214', lat: 45.5142, lon: -122.6424 },
  { city: 'Austin', region: 'TX', postal_code: '78704', lat: 30.2431, lon: -97.7659 },
  { city: 'Chicago', region: 'IL', postal_code: '60614', lat: 41.9227, lon: -87.6533 },
  { city: 'Denver', region: 'CO', postal_code: '80206', lat: 39.7303, lon: -104.9526 },
] as const;
const DESTINATIONS: readonly Place[] = [
  { city: 'New York', region: 'NY', postal_code: '10001', lat: 40.7506, lon: -73.9972, store_number: null },
  { city: 'Seattle', region: 'WA', postal_code: '98101', lat: 47.6114, lon: -122.3305, store_number: null },
  { city: 'Honolulu', region: 'HI', postal_code: '96815', lat: 21.2811, lon: -157.8266, store_number: null },
  { city: 'Boston', region: 'MA', postal_code: '02116', lat: 42.3493, lon: -71.0765, store_number: null },
];
const EMPLOYERS = ['Acme Corp', 'Globex Inc', 'Initech LLC', 'Umbrella Labs'] as const;
const LANDLORDS = ['Oakwood Property Mgmt', 'Greystar Residential', 'Maple Grove Apartments'] as const;

function merchant(
  name: string,
  category: readonly [string, string],
  channel: PaymentChannel,
  website: string | null,
  description: string = name.toUpperCase(),
): Payee {
  return {
    name,
    merchantName: name,
    description,
    category,
    channel,
    website,
    counterparty: { name, type: 'merchant' },
    transactionType: channel === 'online' ? 'digital' : 'place',
  };
}

function institutional(
  name: string,
  category: readonly [string, string],
  description: string,
  counterparty: Payee['counterparty'],
  channel: PaymentChannel = 'other',
): Payee {
  return {
    name,
    merchantName: counterparty?.type === 'merchant' ? counterparty.name : null,
    description,
    category,
    channel,
    website: null,
    counterparty,
    transactionType: 'special',
  };
}

const GROCERS: Record<string, Payee> = {
  'Whole Foods Market': merchant(
    'Whole Foods Market',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'],
    'in store',
    'wholefoodsmarket.com',
  ),
  "Trader Joe's": merchant(
    "Trader Joe's",
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'],
    'in store',
    'traderjoes.com',
  ),
  Safeway: merchant('Safeway', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 'safeway.com'),
  Kroger: merchant('Kroger', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_GROCERIES'], 'in store', 'kroger.com'),
};
const COFFEE: Record<string, Payee> = {
  Starbucks: merchant('Starbucks', ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE'], 'in store', 'starbucks.com'),
  'Blue Bottle Coffee': merchant(
    'Blue Bottle Coffee',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE'],
    'in store',
    'bluebottlecoffee.com',
  ),
  'Peet’s Coffee': merchant(
    'Peet’s Coffee',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_COFFEE'],
    'in store',
    'peets.com',
    'PEETS COFFEE',
  ),
};
const RESTAURANTS: Record<string, Payee> = {
  'Olive Garden': merchant(
    'Olive Garden',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'],
    'in store',
    'olivegarden.com',
  ),
  'The Cheesecake Factory': merchant(
    'The Cheesecake Factory',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'],
    'in store',
    'thecheesecakefactory.com',
  ),
  Sweetgreen: merchant(
    'Sweetgreen',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'],
    'in store',
    'sweetgreen.com',
  ),
  'Panda Express': merchant(
    'Panda Express',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'],
    'in store',
    'pandaexpress.com',
  ),
  'Local Thai Kitchen': merchant(
    'Local Thai Kitchen',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_RESTAURANT'],
    'in store',
    null,
    'SQ *LOCAL THAI KITCHEN',
  ),
};
const FAST_FOOD = [
  merchant(
    "McDonald's",
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_FAST_FOOD'],
    'in store',
    'mcdonalds.com',
    "MCDONALD'S F12345",
  ),
  merchant(
    'Chipotle Mexican Grill',
    ['FOOD_AND_DRINK', 'FOOD_AND_DRINK_FAST_FOOD'],
    'in store',
    'chipotle.com',
    'CHIPOTLE 1234',
  ),
] as const;
const GAS = [
  merchant('Shell', ['TRANSPORTATION', 'TRANSPORTATION_GAS'], 'in store', 'shell.com', 'SHELL OIL 57444'),
  merchant('Chevron', ['TRANSPORTATION', 'TRANSPORTATION_GAS'], 'in store', 'chevron.com', 'CHEVRON 0094311'),
] as const;
const RIDESHARE = [
  merchant(
    'Uber',
    ['TRANSPORTATION', 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES'],
    'online',
    'uber.com',
    'UBER *TRIP HELP.UBER.COM',
  ),
  merchant(
    'Lyft',
    ['TRANSPORTATION', 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES'],
    'online',
    'lyft.com',
    'LYFT *RIDE',
  ),
] as const;
const NETFLIX = merchant(
  'Netflix',
  ['ENTERTAINMENT', 'ENTERTAINMENT_TV_AND_MOVIES'],
  'online',
  'netflix.com',
  'NETFLIX.COM',
);
const SPOTIFY = merchant(
  'Spotify',
  ['ENTERTAINMENT', 'ENTERTAINMENT_MUSIC_AND_AUDIO'],
  'online',
  'spotify.com',
  'SPOTIFY USA',
);
const GYM = merchant(
  'Touchstone Climbing',
  ['PERSONAL_CARE', 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS'],
  'in store',
  'touchstoneclimbing.com',
);
const AMAZON: Payee = {
  ...merchant(
    'Amazon',
    ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES'],
    'online',
    'amazon.com',
    'AMZN Mktp US*2K4TX1ZZ0',
  ),
  counterparty: { name: 'Amazon', type: 'marketplace' },
};
const TARGET = merchant(
  'Target',
  ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_SUPERSTORES'],
  'in store',
  'target.com',
  'TARGET 00012345',
);
const CVS = merchant(
  'CVS Pharmacy',
  ['MEDICAL', 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS'],
  'in store',
  'cvs.com',
  'CVS/PHARMACY #01234',
);
const CLOTHING = merchant(
  'Uniqlo',
  ['GENERAL_MERCHANDISE', 'GENERAL_MERCHANDISE_CLOTHING_AND_ACCESSORIES'],
  'in store',
  'uniqlo.com',
);
const AIRLINES = [
  merchant('United Airlines', ['TRAVEL', 'TRAVEL_FLIGHTS'], 'online', 'united.com', 'UNITED 0162345678901'),
  merchant('Delta Air Lines', ['TRAVEL', 'TRAVEL_FLIGHTS'], 'online', 'delta.com', 'DELTA AIR 0062345678901'),
  merchant(
    'Alaska Airlines',
    ['TRAVEL', 'TRAVEL_FLIGHTS'],
    'online',
    'alaskaair.com',
    'ALASKA AIR 0272345678901',
  ),
] as const;
const HOTELS = [
  merchant('Marriott', ['TRAVEL', 'TRAVEL_LODGING'], 'in store', 'marriott.com', 'MARRIOTT HOTELS'),
  merchant('Hilton', ['TRAVEL', 'TRAVEL_LODGING'], 'in store', 'hilton.com', 'HILTON HOTELS'),
] as const;
const ELECTRIC = merchant(
  'Pacific Power & Light',
  ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY'],
  'online',
  null,
  'PACIFIC POWER WEB PMT',
);
const INTERNET = merchant(
  'Comcast',
  ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_INTERNET_AND_CABLE'],
  'online',
  'xfinity.com',
  'COMCAST CABLE COMM',
);
const PHONE = merchant(
  'Verizon',
  ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_TELEPHONE'],
  'online',
  'verizon.com',
  'VERIZON WIRELESS PAYMENTS',
);
const WATER = institutional(
  'City Water Utility',
  ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_WATER'],
  'CITY WATER UTIL BILLPAY',
  null,
  'online',
);
const CAR_LOAN = institutional(
  'Toyota Financial Services',
  ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_CAR_PAYMENT'],
  'TOYOTA FINANCIAL ACH PMT',
  { name: 'Toyota Financial Services', type: 'financial_institution' },
);
const INSURANCE = merchant(
  'GEICO',
  ['GENERAL_SERVICES', 'GENERAL_SERVICES_INSURANCE'],
  'online',
  'geico.com',
  'GEICO *AUTO',
);
const ATM = institutional(
  'ATM Withdrawal',
  ['TRANSFER_OUT', 'TRANSFER_OUT_WITHDRAWAL'],
  'ATM WITHDRAWAL 0001',
  null,
  'in store',
);
const VENMO_OUT = institutional(
  'Venmo',
  ['TRANSFER_OUT', 'TRANSFER_OUT_ACCOUNT_TRANSFER'],
  'VENMO PAYMENT',
  { name: 'Venmo', type: 'payment_app' },
  'online',
);
const VENMO_IN = institutional(
  'Venmo',
  ['TRANSFER_IN', 'TRANSFER_IN_ACCOUNT_TRANSFER'],
  'VENMO CASHOUT',
  { name: 'Venmo', type: 'payment_app' },
  'online',
);
const TO_SAVINGS = institutional(
  'Transfer to Plaid Saving',
  ['TRANSFER_OUT', 'TRANSFER_OUT_SAVINGS'],
  'ONLINE TRANSFER TO SAV XXXXXX1111',
  null,
);
const FROM_CHECKING = institutional(
  'Transfer from Plaid Checking',
  ['TRANSFER_IN', 'TRANSFER_IN_SAVINGS'],
  'ONLINE TRANSFER FROM CHK XXXXXX0000',
  null,
);
const INTEREST = institutional(
  'Interest Payment',
  ['INCOME', 'INCOME_INTEREST_EARNED'],
  'INTRST PYMNT',
  null,
);
const CARD_PAYMENT_FROM_CHECKING = institutional(
  'Plaid Credit Card Payment',
  ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
  'CREDIT CARD 3333 PAYMENT *//',
  null,
);
const CARD_PAYMENT_ON_CARD = institutional(
  'Payment - Thank You',
  ['LOAN_PAYMENTS', 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
  'AUTOMATIC PAYMENT - THANK YOU',
  null,
);
const CARD_INTEREST = institutional(
  'Interest Charge on Purchases',
  ['BANK_FEES', 'BANK_FEES_INTEREST_CHARGE'],
  'INTEREST CHARGE ON PURCHASES',
  null,
);
const CARD_LATE_FEE = institutional(
  'Late Fee',
  ['BANK_FEES', 'BANK_FEES_OTHER_BANK_FEES'],
  'LATE FEE - PAYMENT NOT RECEIVED BY DUE DATE',
  null,
);

const TRIP_CHANCE = 0.3;
const NO_PAYMENT_META: SimEvent['paymentMeta'] = Object.freeze({});

/** Amounts that grow a little each year (raises, rent increases) without drifting with the seed. */
function yearly(base: number, day: Day, rate: number): number {
  return roundCents(base * (1 + rate * (calendar(day).year - 2024)));
}

/** What every copy of one day's card spending shares. */
interface PurchaseDay {
  day: Day;
  dow: number;
  weekend: boolean;
  dayOfMonth: number;
  trip: ReturnType<HouseholdGenerator['tripOf']>;
  /** Hash state of (seed, institution, 'credit', day): each stream adds its name and copy. */
  prefix: number;
  copy: number;
  suffix: string;
  /** Reseeded for each stream instead of allocating one per stream. */
  rng: Rng;
  events: GeneratedEvent[];
}

/** How often a posted purchase first arrives with the bank's raw text, cleaned up a day later. */
const RAW_NAME_CHANCE = 0.08;
/** How often a restaurant's pending row is updated with the tip before it posts. */
const TIP_UPDATE_CHANCE = 0.7;

export class HouseholdGenerator {
  private readonly household: Household;
  private readonly homeTown: Place;
  private readonly purchaseCache = new Map<Day, GeneratedEvent[]>();
  private readonly dayCache = new Map<string, SimEvent[]>();
  private readonly statementCache = new Map<number, number>();
  /** The card's statements, payments and charges (see card-cycle.ts). */
  readonly card: CardCycle;

  /** `volume` copies of the card spending (scale tests); 1 is an ordinary household. */
  constructor(
    private readonly seed: number,
    private readonly institutionId: string,
    readonly volume = 1,
    liabilities: LiabilityScenario = PAYS_ON_TIME,
  ) {
    this.card = new CardCycle(seed, institutionId, liabilities, (month) => this.statement(month));
    const rng = this.rng('household');
    const salary = rng.amount(2650, 2800);
    this.household = {
      employer: rng.pick(EMPLOYERS),
      salary,
      payPhase: rng.int(0, 13),
      // Rent follows pay, so no household drifts into debt or hoards over two years.
      rent: Math.round((salary * 0.72) / 25) * 25,
      landlord: rng.pick(LANDLORDS),
      home: rng.pick(CITIES),
      grocers: rng.chance(0.5)
        ? ['Whole Foods Market', "Trader Joe's"]
        : ['Safeway', 'Kroger', "Trader Joe's"],
      coffeeShop: rng.pick(Object.keys(COFFEE)),
      restaurants: Object.keys(RESTAURANTS),
      savingsTransfer: rng.int(3, 6) * 100,
      checkingOpening: rng.amount(2800, 4200),
      savingsOpening: rng.amount(9000, 15000),
    };
    this.homeTown = { ...this.household.home, store_number: null };
  }

  /** Balances just before the first day of an Item's history: the flows after it explain the rest. */
  openingBalance(template: AccountTemplateKey, firstDay: Day): number {
    switch (template) {
      case 'checking':
        return this.household.checkingOpening;
      case 'savings':
        return this.household.savingsOpening;
      case 'credit':
        return this.cardBalanceBefore(firstDay);
    }
  }

  /** The events of one account on one day, always the same objects (views compare them by identity). */
  eventsOn(template: AccountTemplateKey, day: Day): SimEvent[] {
    const key = `${template}:${day}`;
    const cached = this.dayCache.get(key);
    if (cached) return cached;
    let events: SimEvent[];
    switch (template) {
      case 'checking':
        events = this.checkingOn(day);
        break;
      case 'savings':
        events = this.savingsOn(day);
        break;
      case 'credit': {
        const payment = this.cardPaymentOn(day, 'credit');
        events = [...this.purchasesOn(day), ...this.holdsOn(day)];
        if (payment) events.push(payment);
        events.push(...this.cardChargesOn(day));
        break;
      }
    }
    events.forEach((e, i) => (e.seqInDay = i));
    this.dayCache.set(key, events);
    return events;
  }

  private rng(...parts: (string | number)[]): Rng {
    return rngFor(this.seed, this.institutionId, ...parts);
  }

  private event(
    template: AccountTemplateKey,
    day: Day,
    what: string,
    kind: EventKind,
    payee: Payee,
    amount: number,
    lag: number,
    extra: Partial<
      Pick<
        SimEvent,
        | 'pendingAmount'
        | 'place'
        | 'paymentMeta'
        | 'tipAfter'
        | 'cleanupAfter'
        | 'vanishAfter'
        | 'storeNumber'
      >
    > = {},
  ): GeneratedEvent {
    const event = new GeneratedEvent(
      template,
      what,
      kind,
      day,
      lag,
      amount,
      extra.pendingAmount ?? amount,
      payee,
      extra.place ?? null,
      extra.paymentMeta ?? NO_PAYMENT_META,
      extra.storeNumber ?? null,
    );
    event.tipAfter = extra.tipAfter ?? null;
    event.cleanupAfter = extra.cleanupAfter ?? null;
    event.vanishAfter = extra.vanishAfter ?? null;
    return event;
  }

  /** The household's town (shared by every event there) and a store number of its own. */
  private homePlace(rng: Rng): Pick<SimEvent, 'place' | 'storeNumber'> {
    return { place: this.homeTown, storeNumber: rng.int(100, 9999) };
  }

  /**
   * Authorizations that never post: a gas pump's pre-authorization and the odd duplicated
   * swipe. They show as pending and drop off (Plaid: removed) within a few days.
   */
  private holdsOn(day: Day): SimEvent[] {
    const holds: SimEvent[] = [];
    for (const purchase of this.purchasesOn(day)) {
      if (purchase.kind !== 'purchase' || purchase.lag === 0) continue;
      const rng = this.rng('hold', day, purchase.what);
      const gas = purchase.payee.category[1] === 'TRANSPORTATION_GAS';
      if (gas ? rng.chance(0.5) : rng.chance(0.015)) {
        const amount = gas ? 100 : purchase.pendingAmount;
        holds.push(
          this.event('credit', day, `${purchase.what}-hold`, 'hold', purchase.payee, amount, Infinity, {
            place: purchase.place,
            storeNumber: purchase.storeNumber,
            vanishAfter: rng.int(1, 3),
          }),
        );
      }
    }
    return holds;
  }

  private checkingOn(day: Day): SimEvent[] {
    const h = this.household;
    const { month, dayOfMonth } = calendar(day);
    const events: SimEvent[] = [];
    const rng = this.rng('checking', day);
    if ((((day - h.payPhase) % 14) + 14) % 14 === 0) {
      const payroll = institutional(
        `${h.employer} Payroll`,
        ['INCOME', 'INCOME_WAGES'],
        `${h.employer.toUpperCase()} PAYROLL PPD`,
        {
          name: h.employer,
          type: 'income_source',
        },
      );
      events.push(
        this.event('checking', day, 'payroll', 'income', payroll, -yearly(h.salary, day, 0.03), 0, {
          paymentMeta: { payer: h.employer, payment_method: 'ACH' },
        }),
      );
    }
    if (dayOfMonth === 1) {
      const rent = institutional(
        h.landlord,
        ['RENT_AND_UTILITIES', 'RENT_AND_UTILITIES_RENT'],
        `${h.landlord.toUpperCase()} WEB PMT`,
        {
          name: h.landlord,
          type: 'merchant',
        },
      );
      events.push(
        this.event('checking', day, 'rent', 'bill', rent, yearly(h.rent, day, 0.04), 1, {
          paymentMeta: { payee: h.landlord },
        }),
      );
    }
    if (dayOfMonth === 3)
      events.push(this.event('checking', day, 'insurance', 'bill', INSURANCE, yearly(142.18, day, 0.05), 1));
    if (dayOfMonth === 5) {
      events.push(this.event('checking', day, 'to-savings', 'transfer', TO_SAVINGS, h.savingsTransfer, 0));
    }
    if (dayOfMonth === 12) {
      const season = 0.5 + 0.5 * Math.cos((2 * Math.PI * (month - 1)) / 12);
      events.push(
        this.event(
          'checking',
          day,
          'electric',
          'bill',
          ELECTRIC,
          roundCents(55 + 60 * season + rng.amount(0, 15)),
          1,
        ),
      );
    }
    if (dayOfMonth === 15) events.push(this.event('checking', day, 'car-loan', 'bill', CAR_LOAN, 385.42, 0));
    if (dayOfMonth === 18) events.push(this.event('checking', day, 'internet', 'bill', INTERNET, 79.99, 1));
    if (dayOfMonth === 22) events.push(this.event('checking', day, 'phone', 'bill', PHONE, 65, 1));
    if (dayOfMonth === 25 && month % 2 === 0)
      events.push(this.event('checking', day, 'water', 'bill', WATER, rng.amount(38, 72), 1));
    const payment = this.cardPaymentOn(day, 'checking');
    if (payment) events.push(payment);
    if (weekday(day) === 6 && rng.chance(0.25)) {
      events.push(
        this.event(
          'checking',
          day,
          'atm',
          'transfer',
          ATM,
          rng.pick([60, 80, 100, 200]),
          0,
          this.homePlace(rng),
        ),
      );
    }
    if (rng.chance(0.05)) {
      const sent = rng.chance(0.6);
      events.push(
        this.event(
          'checking',
          day,
          'venmo',
          'transfer',
          sent ? VENMO_OUT : VENMO_IN,
          sent ? rng.amount(12, 85) : -rng.amount(15, 120),
          1,
        ),
      );
    }
    return events;
  }

  private savingsOn(day: Day): SimEvent[] {
    const events: SimEvent[] = [];
    const { dayOfMonth } = calendar(day);
    if (dayOfMonth === 5) {
      events.push(
        this.event(
          'savings',
          day,
          'from-checking',
          'transfer',
          FROM_CHECKING,
          -this.household.savingsTransfer,
          0,
        ),
      );
    }
    if (dayOfMonth === daysInMonthIndex(monthIndex(day))) {
      const rng = this.rng('savings', day);
      const interest = roundCents(((this.household.savingsOpening * 0.04) / 12) * (0.9 + rng.next() * 0.2));
      events.push(this.event('savings', day, 'interest', 'income', INTEREST, -interest, 0));
    }
    return events;
  }

  /** Card purchases only; payments are derived from them, so they must not depend on payments. */
  private purchasesOn(day: Day): GeneratedEvent[] {
    const cached = this.purchaseCache.get(day);
    if (cached) return cached;
    const events: GeneratedEvent[] = [];
    const dow = weekday(day);
    const ctx: PurchaseDay = {
      day,
      dow,
      weekend: dow === 0 || dow === 6,
      dayOfMonth: calendar(day).dayOfMonth,
      trip: this.tripOf(monthIndex(day)),
      prefix: hashPrefix([this.seed, this.institutionId, 'credit', day]),
      copy: 0,
      suffix: '',
      rng: new Rng(0),
      events,
    };
    for (let copy = 0; copy < this.volume; copy++) {
      ctx.copy = copy;
      ctx.suffix = copy === 0 ? '' : `#${copy}`;
      this.purchasesOfCopy(ctx);
    }
    this.purchaseCache.set(day, events);
    return events;
  }

  /** The stream of one kind of purchase on the day: `rng('credit', day, what[, copy])`, reusing one generator. */
  private streamOf(ctx: PurchaseDay, what: string): Rng {
    const state = feedHash(ctx.prefix, ctx.copy === 0 ? [what] : [what, ctx.copy], true);
    return ctx.rng.reseed(finishHash(state));
  }

  private addPurchase(
    ctx: PurchaseDay,
    what: string,
    payee: Payee,
    amount: number,
    lag: number,
    rng: Rng,
    extra: Partial<SimEvent> = {},
  ): void {
    const event = this.event('credit', ctx.day, `${what}${ctx.suffix}`, 'purchase', payee, amount, lag, {
      ...(payee.channel === 'in store' ? this.homePlace(rng) : {}),
      ...extra,
    });
    if (payee.merchantName && payee.description !== payee.name && rng.chance(RAW_NAME_CHANCE))
      event.cleanupAfter = 1;
    ctx.events.push(event);
  }

  /** One household's card spending for a day; copies > 0 draw from streams of their own. */
  private purchasesOfCopy(ctx: PurchaseDay): void {
    const h = this.household;
    const { dow, weekend, dayOfMonth, day, trip } = ctx;
    let rng = this.streamOf(ctx, 'groceries');
    if (rng.chance(dow === 0 ? 0.6 : dow === 3 ? 0.45 : 0.08)) {
      this.addPurchase(
        ctx,
        'groceries',
        GROCERS[rng.pick(h.grocers)] ?? GROCERS.Safeway!,
        rng.amount(32, 185),
        rng.int(1, 3),
        rng,
      );
    }
    rng = this.streamOf(ctx, 'coffee');
    if (rng.chance(weekend ? 0.3 : 0.55)) {
      this.addPurchase(
        ctx,
        'coffee',
        COFFEE[h.coffeeShop] ?? COFFEE.Starbucks!,
        rng.amount(3.95, 7.85),
        rng.int(1, 3),
        rng,
      );
    }
    rng = this.streamOf(ctx, 'restaurant');
    if (rng.chance(dow === 5 || dow === 6 ? 0.5 : 0.12)) {
      const bill = rng.amount(22, 95);
      const withTip = roundCents(bill * (1.18 + rng.next() * 0.04));
      this.addPurchase(
        ctx,
        'restaurant',
        RESTAURANTS[rng.pick(h.restaurants)] ?? RESTAURANTS.Sweetgreen!,
        withTip,
        rng.int(2, 3),
        rng,
        { pendingAmount: bill, tipAfter: rng.chance(TIP_UPDATE_CHANCE) ? 1 : null },
      );
    }
    rng = this.streamOf(ctx, 'fast-food');
    if (rng.chance(0.07))
      this.addPurchase(ctx, 'fast-food', rng.pick(FAST_FOOD), rng.amount(7.5, 16.5), 1, rng);
    rng = this.streamOf(ctx, 'gas');
    if (rng.chance(0.14)) this.addPurchase(ctx, 'gas', rng.pick(GAS), rng.amount(32, 68), rng.int(1, 2), rng);
    rng = this.streamOf(ctx, 'rideshare');
    if (rng.chance(0.06)) this.addPurchase(ctx, 'rideshare', rng.pick(RIDESHARE), rng.amount(11, 39), 1, rng);
    rng = this.streamOf(ctx, 'subscriptions');
    if (dayOfMonth === 1) this.addPurchase(ctx, 'gym', GYM, 49, 1, rng);
    if (dayOfMonth === 7) this.addPurchase(ctx, 'netflix', NETFLIX, yearly(15.49, day, 0.08), 1, rng);
    if (dayOfMonth === 14) this.addPurchase(ctx, 'spotify', SPOTIFY, yearly(10.99, day, 0.05), 1, rng);
    rng = this.streamOf(ctx, 'amazon');
    if (rng.chance(0.1)) this.addPurchase(ctx, 'amazon', AMAZON, rng.amount(12, 120), rng.int(1, 2), rng);
    if (rng.chance(0.015)) this.addPurchase(ctx, 'amazon-refund', AMAZON, -rng.amount(10, 60), 1, rng);
    rng = this.streamOf(ctx, 'target');
    if (rng.chance(0.06)) this.addPurchase(ctx, 'target', TARGET, rng.amount(18, 140), 2, rng);
    rng = this.streamOf(ctx, 'pharmacy');
    if (rng.chance(0.03)) this.addPurchase(ctx, 'pharmacy', CVS, rng.amount(6, 45), 1, rng);
    rng = this.streamOf(ctx, 'clothing');
    if (rng.chance(0.02)) this.addPurchase(ctx, 'clothing', CLOTHING, rng.amount(25, 120), 2, rng);
    if (trip) {
      rng = this.streamOf(ctx, 'trip');
      if (dayOfMonth === trip.bookingDay) this.addPurchase(ctx, 'flight', trip.airline, trip.fare, 1, rng);
      if (dayOfMonth === trip.checkoutDay) {
        this.addPurchase(ctx, 'hotel', trip.hotel, trip.hotelBill, 2, rng, {
          place: trip.destination,
          storeNumber: rng.int(100, 999),
        });
      }
    }
  }

  tripOf(month: number) {
    const rng = this.rng('trip', month);
    if (!rng.chance(TRIP_CHANCE)) return null;
    const bookingDay = rng.int(3, 12);
    return {
      bookingDay,
      checkoutDay: Math.min(bookingDay + rng.int(8, 14), 28),
      airline: rng.pick(AIRLINES),
      fare: rng.amount(240, 640),
      hotel: rng.pick(HOTELS),
      hotelBill: rng.amount(220, 680),
      destination: rng.pick(DESTINATIONS),
    };
  }

  /** Sum of the card purchases authorized in a calendar month: what its statement asks for. */
  private statement(month: number): number {
    const cached = this.statementCache.get(month);
    if (cached !== undefined) return cached;
    const first = firstDayOfMonthIndex(month);
    let total = 0;
    for (let day = first; day < first + daysInMonthIndex(month); day++) {
      for (const e of this.purchasesOn(day)) total += e.amount;
    }
    total = roundCents(total);
    this.statementCache.set(month, total);
    return total;
  }

  /** The card's payment as checking sends it and the card receives it (see card-cycle.ts). */
  private cardPaymentOn(day: Day, side: 'checking' | 'credit'): SimEvent | null {
    const payment = this.card.postingsOn(day).payment;
    if (!payment) return null;
    return side === 'checking'
      ? this.event(
          'checking',
          day,
          'card-payment',
          'card-payment',
          CARD_PAYMENT_FROM_CHECKING,
          payment.amount,
          0,
        )
      : this.event('credit', day, 'card-payment', 'card-payment', CARD_PAYMENT_ON_CARD, -payment.amount, 0);
  }

  /** Interest on a carried balance (at the statement close) and a late fee (the day after a missed due date). */
  private cardChargesOn(day: Day): SimEvent[] {
    const { lateFee, interest } = this.card.postingsOn(day);
    const charge = (what: string, payee: Payee, p: CardPosting) =>
      this.event('credit', day, what, 'card-charge', payee, p.amount, 0);
    return [
      ...(lateFee ? [charge('late-fee', CARD_LATE_FEE, lateFee)] : []),
      ...(interest ? [charge('interest', CARD_INTEREST, interest)] : []),
    ];
  }

  /**
   * What the card owes at the end of the day before `firstDay`. Counting a few not-yet-posted
   * purchases here keeps every later payment matched by purchases already counted.
   */
  private cardBalanceBefore(firstDay: Day): number {
    const last = firstDay - 1;
    let purchased = 0;
    for (let day = firstDayOfMonthIndex(monthIndex(last)); day <= last; day++) {
      for (const e of this.purchasesOn(day)) purchased += e.amount;
    }
    return this.card.owedAtEndOf(last, purchased);
  }
}

const generators = new Map<string, HouseholdGenerator>();

/**
 * One generator (and its caches) per seed, institution, volume and debt behaviour, shared by every
 * Item that uses them.
 */
export function householdFor(
  seed: number,
  institutionId: string,
  volume = 1,
  liabilities: LiabilityScenario = PAYS_ON_TIME,
): HouseholdGenerator {
  const key = `${seed}|${institutionId}|${volume}|${scenarioKey(liabilities)}`;
  let generator = generators.get(key);
  if (!generator) {
    if (generators.size > 64) generators.clear();
    generator = new HouseholdGenerator(seed, institutionId, volume, liabilities);
    generators.set(key, generator);
  }
  return generator;
}
