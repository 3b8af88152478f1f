/**
 * The household's investment accounts: a deterministic portfolio per (seed, institution,
 * account) whose trades, dividends, interest and fees follow a monthly plan from the account's
 * inception. Holdings on a day are the fold of every event up to that day, so holdings, cost
 * basis and investment transactions can never disagree. Quantities are kept in thousandths and
 * money in cents, so the fold has no rounding drift.
 */
import {
  calendar,
  dayFromIso,
  daysInMonthIndex,
  firstDayOfMonthIndex,
  monthIndex,
  weekday,
  type Day,
} from '../dates';
import { deriveId } from '../ids';
import { hashParts, rngFor, roundCents, type Rng } from '../prng';

export type InvestmentAccountKey = 'brokerage' | 'ira' | '401k';

export type SecurityType = 'cash' | 'equity' | 'etf' | 'mutual fund' | 'fixed income';

export interface SecurityDef {
  key: string;
  name: string;
  ticker: string | null;
  type: SecurityType;
  subtype: string | null;
  cusip: string | null;
  /** Price on 2020-01-01, before drift and cycles. */
  basePrice: number;
  /** Yearly drift of the log price. */
  drift: number;
  volatility: number;
  /** Yearly dividend (or coupon) yield; paid quarterly (semi-annually for bonds). */
  yield: number;
  sector: string | null;
  industry: string | null;
  fixedIncome: { coupon: number; issueDate: string; maturityDate: string; faceValue: number } | null;
}

export const SECURITIES: Record<string, SecurityDef> = {
  cash: {
    key: 'cash',
    name: 'U S Dollar',
    ticker: 'CUR:USD',
    type: 'cash',
    subtype: 'cash',
    cusip: null,
    basePrice: 1,
    drift: 0,
    volatility: 0,
    yield: 0,
    sector: null,
    industry: null,
    fixedIncome: null,
  },
  sbsi: {
    key: 'sbsi',
    name: 'Southside Bancshares Inc.',
    ticker: 'SBSI',
    type: 'equity',
    subtype: 'common stock',
    cusip: null,
    basePrice: 34,
    drift: 0.03,
    volatility: 0.22,
    yield: 0.042,
    sector: 'Finance',
    industry: 'Regional Banks',
    fixedIncome: null,
  },
  plty: {
    key: 'plty',
    name: 'Platypus Robotics Corp.',
    ticker: 'PLTY',
    type: 'equity',
    subtype: 'common stock',
    cusip: null,
    basePrice: 58,
    drift: 0.11,
    volatility: 0.38,
    yield: 0,
    sector: 'Electronic Technology',
    industry: 'Industrial Machinery',
    fixedIncome: null,
  },
  vti: {
    key: 'vti',
    name: 'Vanguard Total Stock Market ETF',
    ticker: 'VTI',
    type: 'etf',
    subtype: 'etf',
    cusip: null,
    basePrice: 165,
    drift: 0.085,
    volatility: 0.16,
    yield: 0.014,
    sector: 'Miscellaneous',
    industry: 'Investment Trusts or Mutual Funds',
    fixedIncome: null,
  },
  ewz: {
    key: 'ewz',
    name: 'iShares Inc MSCI Brazil',
    ticker: 'EWZ',
    type: 'etf',
    subtype: 'etf',
    cusip: null,
    basePrice: 46,
    drift: -0.02,
    volatility: 0.3,
    yield: 0.055,
    sector: 'Miscellaneous',
    industry: 'Investment Trusts or Mutual Funds',
    fixedIncome: null,
  },
  miptx: {
    key: 'miptx',
    name: 'Matthews Pacific Tiger Fund Insti Class',
    ticker: 'MIPTX',
    type: 'mutual fund',
    subtype: 'mutual fund',
    cusip: null,
    basePrice: 28,
    drift: 0.04,
    volatility: 0.2,
    yield: 0.018,
    sector: 'Miscellaneous',
    industry: 'Investment Trusts or Mutual Funds',
    fixedIncome: null,
  },
  nhx: {
    key: 'nhx',
    name: 'NH PORTFOLIO 1055 (FIDELITY INDEX)',
    ticker: 'NHX105509',
    type: 'mutual fund',
    subtype: 'mutual fund',
    cusip: null,
    basePrice: 21,
    drift: 0.07,
    volatility: 0.13,
    yield: 0,
    sector: null,
    industry: null,
    fixedIncome: null,
  },
  ust: {
    key: 'ust',
    name: 'United States Treasury Note 3.5% 05/15/2033',
    ticker: null,
    type: 'fixed income',
    subtype: 'bond',
    cusip: null,
    basePrice: 99.2,
    drift: 0,
    volatility: 0.025,
    yield: 0.035,
    sector: 'Government',
    industry: 'Government Bonds',
    fixedIncome: { coupon: 3.5, issueDate: '2023-05-15', maturityDate: '2033-05-15', faceValue: 100 },
  },
};

const PRICE_EPOCH = dayFromIso('2020-01-01');

/** Plaid's security ids are global, not per Item. */
export function securityIdOf(key: string): string {
  return deriveId('plaid-security', key);
}

/** The last trading day on or before `day`. */
export function tradingDay(day: Day): Day {
  const dow = weekday(day);
  return dow === 6 ? day - 1 : dow === 0 ? day - 2 : day;
}

/**
 * Closing price on a day: drift plus two slow cycles and a little daily noise, all functions of
 * the day alone, so any day's price is known without walking a path.
 */
export function closePrice(seed: number, security: SecurityDef, day: Day): number {
  if (security.type === 'cash') return 1;
  const d = tradingDay(day);
  const years = (d - PRICE_EPOCH) / 365.25;
  const phase = (hashParts([seed, security.key, 'phase']) / 2 ** 32) * 2 * Math.PI;
  const noise = hashParts([seed, security.key, d]) / 2 ** 32 - 0.5;
  const wave =
    0.55 * Math.sin((2 * Math.PI * years) / 1.7 + phase) +
    0.3 * Math.sin((2 * Math.PI * years) / 0.37 + 2 * phase) +
    0.12 * noise;
  const price = security.basePrice * Math.exp(security.drift * years + security.volatility * wave);
  return roundCents(price);
}

export interface InvestmentEvent {
  /** Unique within the account; the Item's ids are derived from it. */
  slot: string;
  day: Day;
  name: string;
  security: string;
  type: 'buy' | 'sell' | 'cash' | 'fee' | 'transfer';
  subtype: string;
  /** Thousandths of a unit; + bought, − sold. */
  milliQuantity: number;
  price: number;
  /** Plaid's sign: + cash leaves the account (buys, fees), − cash arrives. In cents. */
  amountCents: number;
  feesCents: number | null;
}

interface Position {
  milli: number;
  costCents: number;
}

interface PortfolioState {
  cashCents: number;
  positions: Map<string, Position>;
}

export interface Valuation {
  cash: number;
  total: number;
}

export interface HoldingRow {
  security: SecurityDef;
  quantity: number;
  price: number;
  priceDay: Day;
  value: number;
  costBasis: number;
}

interface Plan {
  /** Securities bought with new money, with their share of it. */
  buys: readonly { security: string; weight: number }[];
  contributionDays: readonly number[];
  contribution: readonly [min: number, max: number];
  opening: readonly [min: number, max: number];
  openingSubtype: { type: InvestmentEvent['type']; subtype: string; name: string };
  /** Chance per month of selling part of a position. */
  sellChance: number;
  /** Commission per equity trade, in cents. */
  commissionCents: number;
  fee: { kind: 'annual-account'; cents: number } | { kind: 'quarterly-management'; rate: number } | null;
}

const PLANS: Record<InvestmentAccountKey, Plan> = {
  brokerage: {
    buys: [
      { security: 'vti', weight: 0.45 },
      { security: 'sbsi', weight: 0.2 },
      { security: 'plty', weight: 0.15 },
      { security: 'ewz', weight: 0.1 },
      { security: 'ust', weight: 0.1 },
    ],
    contributionDays: [5],
    contribution: [300, 900],
    opening: [18000, 36000],
    openingSubtype: { type: 'cash', subtype: 'deposit', name: 'ACH DEPOSIT' },
    sellChance: 0.2,
    commissionCents: 495,
    fee: null,
  },
  ira: {
    buys: [
      { security: 'miptx', weight: 0.4 },
      { security: 'vti', weight: 0.4 },
      { security: 'ust', weight: 0.2 },
    ],
    contributionDays: [10],
    contribution: [450, 550],
    opening: [30000, 60000],
    openingSubtype: { type: 'transfer', subtype: 'transfer', name: 'ROLLOVER FROM PRIOR PLAN' },
    sellChance: 0,
    commissionCents: 0,
    fee: { kind: 'annual-account', cents: 2500 },
  },
  '401k': {
    buys: [{ security: 'nhx', weight: 1 }],
    contributionDays: [1, 15],
    contribution: [320, 420],
    opening: [40000, 90000],
    openingSubtype: { type: 'cash', subtype: 'contribution', name: 'EMPLOYEE CONTRIBUTION' },
    sellChance: 0,
    commissionCents: 0,
    fee: { kind: 'quarterly-management', rate: 0.0005 },
  },
};

const QUARTER_END_MONTHS = new Set([3, 6, 9, 12]);
const CASH_INTEREST_RATE = 0.015;

function nextWeekday(day: Day): Day {
  const dow = weekday(day);
  return dow === 6 ? day + 2 : dow === 0 ? day + 1 : day;
}

function cloneState(state: PortfolioState): PortfolioState {
  return {
    cashCents: state.cashCents,
    positions: new Map([...state.positions].map(([k, p]) => [k, { ...p }])),
  };
}

function apply(state: PortfolioState, event: InvestmentEvent): void {
  state.cashCents -= event.amountCents;
  if (event.milliQuantity === 0 || event.security === 'cash') return;
  const position = state.positions.get(event.security) ?? { milli: 0, costCents: 0 };
  if (event.milliQuantity > 0) {
    position.milli += event.milliQuantity;
    position.costCents += event.amountCents;
  } else {
    const sold = -event.milliQuantity;
    position.costCents -= Math.round((position.costCents * sold) / position.milli);
    position.milli -= sold;
  }
  if (position.milli === 0) state.positions.delete(event.security);
  else state.positions.set(event.security, position);
}

interface MonthRecord {
  start: PortfolioState;
  events: InvestmentEvent[];
}

export class Portfolio {
  private readonly plan: Plan;
  private readonly inception: number;
  private readonly months: MonthRecord[] = [];

  constructor(
    private readonly seed: number,
    private readonly institutionId: string,
    readonly key: InvestmentAccountKey,
  ) {
    this.plan = PLANS[key];
    // Accounts opened a few years back, so the last 24 months are all trading history.
    this.inception = monthIndex(dayFromIso('2021-01-01')) - this.rng('inception').int(0, 18);
  }

  /** Every event from the account's inception to `day` (inclusive), oldest first. */
  eventsThrough(day: Day): InvestmentEvent[] {
    const last = monthIndex(day);
    const out: InvestmentEvent[] = [];
    for (let m = this.inception; m <= last; m++) {
      for (const e of this.month(m).events) if (e.day <= day) out.push(e);
    }
    return out;
  }

  eventsBetween(from: Day, to: Day): InvestmentEvent[] {
    const out: InvestmentEvent[] = [];
    for (let m = Math.max(this.inception, monthIndex(from)); m <= monthIndex(to); m++) {
      for (const e of this.month(m).events) if (e.day >= from && e.day <= to) out.push(e);
    }
    return out;
  }

  holdingsAt(day: Day): { cash: number; rows: HoldingRow[] } {
    const state = this.stateAt(day);
    const rows: HoldingRow[] = [];
    for (const [key, position] of state.positions) {
      const security = SECURITIES[key];
      if (!security) continue;
      const price = closePrice(this.seed, security, day);
      const quantity = position.milli / 1000;
      rows.push({
        security,
        quantity,
        price,
        priceDay: tradingDay(day),
        value: roundCents(quantity * price),
        costBasis: position.costCents / 100,
      });
    }
    rows.sort((a, b) => (a.security.key < b.security.key ? -1 : 1));
    return { cash: state.cashCents / 100, rows };
  }

  valuationAt(day: Day): Valuation {
    const { cash, rows } = this.holdingsAt(day);
    return { cash, total: roundCents(cash + rows.reduce((sum, r) => sum + r.value, 0)) };
  }

  private stateAt(day: Day): PortfolioState {
    const m = monthIndex(day);
    if (m < this.inception) return { cashCents: 0, positions: new Map() };
    const record = this.month(m);
    const state = cloneState(record.start);
    for (const e of record.events) if (e.day <= day) apply(state, e);
    return state;
  }

  private rng(...parts: (string | number)[]): Rng {
    return rngFor(this.seed, this.institutionId, 'investments', this.key, ...parts);
  }

  private month(m: number): MonthRecord {
    const offset = m - this.inception;
    for (let i = this.months.length; i <= offset; i++) {
      const previous = this.months[i - 1];
      let start: PortfolioState;
      if (previous) {
        start = cloneState(previous.start);
        for (const e of previous.events) apply(start, e);
      } else {
        start = { cashCents: 0, positions: new Map() };
      }
      this.months.push({ start, events: this.plannedEvents(this.inception + i, cloneState(start)) });
    }
    const record = this.months[offset];
    if (!record) throw new Error(`no portfolio month ${m}`);
    return record;
  }

  /** One month's events, applied to `state` as they are made (buys spend what is there). */
  private plannedEvents(m: number, state: PortfolioState): InvestmentEvent[] {
    const events: InvestmentEvent[] = [];
    const first = firstDayOfMonthIndex(m);
    const { month } = calendar(first);
    const rng = this.rng('month', m);
    const emit = (e: Omit<InvestmentEvent, 'slot'>) => {
      const event = { ...e, slot: `${e.day}:${events.length}` };
      apply(state, event);
      events.push(event);
    };
    const cash = (
      security: string,
      day: Day,
      subtype: string,
      name: string,
      cents: number,
      type: InvestmentEvent['type'] = 'cash',
    ) =>
      emit({
        day,
        name,
        security,
        type,
        subtype,
        milliQuantity: 0,
        price: 0,
        amountCents: cents,
        feesCents: null,
      });

    if (m === this.inception) {
      const { type, subtype, name } = this.plan.openingSubtype;
      const cents = Math.round(rng.amount(...this.plan.opening) * 100);
      cash('cash', first, subtype, name, -cents, type);
      this.buy(emit, state, nextWeekday(first + 2), rng);
    }
    for (const dayOfMonth of this.plan.contributionDays) {
      const day = first + dayOfMonth - 1;
      if (m === this.inception && dayOfMonth === 1) continue;
      const cents = Math.round(rng.amount(...this.plan.contribution) * 100);
      cash(
        'cash',
        day,
        'contribution',
        this.key === '401k' ? 'EMPLOYEE CONTRIBUTION' : 'CONTRIBUTION',
        -cents,
      );
      this.buy(emit, state, nextWeekday(day + 1), rng);
    }

    if (QUARTER_END_MONTHS.has(month)) {
      const day = nextWeekday(first + 14);
      for (const [key, position] of [...state.positions]) {
        const security = SECURITIES[key];
        if (!security || security.yield === 0 || security.type === 'fixed income') continue;
        const price = closePrice(this.seed, security, day);
        const cents = Math.round(((position.milli / 1000) * price * security.yield * 100) / 4);
        if (cents <= 0) continue;
        const qualified = security.type === 'equity' || security.type === 'etf';
        cash(
          key,
          day,
          qualified ? 'qualified dividend' : 'dividend',
          `DIVIDEND RECEIVED ${security.name}`,
          -cents,
        );
      }
    }
    const bond = state.positions.get('ust');
    const ust = SECURITIES.ust;
    if (bond && ust?.fixedIncome && (month === 5 || month === 11)) {
      const cents = Math.round(
        (bond.milli / 1000) * ust.fixedIncome.faceValue * (ust.fixedIncome.coupon / 2),
      );
      if (cents > 0) cash('ust', first + 14, 'interest', `INTEREST ${ust.name}`, -cents);
    }
    if (rng.chance(this.plan.sellChance)) this.sell(emit, state, nextWeekday(first + 21), rng);

    const lastDay = first + daysInMonthIndex(m) - 1;
    const fee = this.plan.fee;
    if (fee?.kind === 'annual-account' && month === 1) {
      cash(
        'cash',
        tradingDay(first + 27),
        'account fee',
        'ANNUAL ACCOUNT FEE',
        Math.min(fee.cents, Math.max(state.cashCents, 0)),
        'fee',
      );
    }
    if (fee?.kind === 'quarterly-management' && QUARTER_END_MONTHS.has(month)) {
      const day = tradingDay(first + 27);
      let valueCents = state.cashCents;
      for (const [key, position] of state.positions) {
        const security = SECURITIES[key];
        if (security)
          valueCents += Math.round((position.milli / 1000) * closePrice(this.seed, security, day) * 100);
      }
      const cents = Math.min(Math.round(valueCents * fee.rate), Math.max(state.cashCents, 0));
      if (cents > 0) cash('cash', day, 'management fee', 'PLAN MANAGEMENT FEE', cents, 'fee');
    }
    if (state.cashCents >= 100) {
      const cents = Math.round((state.cashCents * CASH_INTEREST_RATE) / 12);
      if (cents > 0) cash('cash', lastDay, 'interest', 'INTEREST ON CASH BALANCE', -cents);
    }
    return events.filter((e) => e.amountCents !== 0 || e.milliQuantity !== 0).sort((a, b) => a.day - b.day);
  }

  /** Spends most of the cash on the plan's securities, by weight. */
  private buy(
    emit: (e: Omit<InvestmentEvent, 'slot'>) => void,
    state: PortfolioState,
    day: Day,
    rng: Rng,
  ): void {
    const budgetCents = Math.floor(state.cashCents * (0.85 + rng.next() * 0.1));
    for (const { security: key, weight } of this.plan.buys) {
      const security = SECURITIES[key];
      if (!security || budgetCents <= 0) continue;
      const price = closePrice(this.seed, security, day);
      const wholeShares = security.type === 'equity';
      const commission = wholeShares ? this.plan.commissionCents : 0;
      const spend = budgetCents * weight - commission;
      const milli = wholeShares
        ? Math.floor(spend / 100 / price) * 1000
        : Math.floor((spend / 100 / price) * 1000);
      if (milli <= 0) continue;
      const cents = Math.round((milli / 1000) * price * 100) + commission;
      if (cents > state.cashCents) continue;
      emit({
        day,
        name: `BUY ${security.name}`,
        security: key,
        type: 'buy',
        subtype: 'buy',
        milliQuantity: milli,
        price,
        amountCents: cents,
        feesCents: commission,
      });
    }
  }

  /** Takes some profit (or loss) on one stock or ETF position. */
  private sell(
    emit: (e: Omit<InvestmentEvent, 'slot'>) => void,
    state: PortfolioState,
    day: Day,
    rng: Rng,
  ): void {
    const candidates = [...state.positions].filter(([key]) => {
      const type = SECURITIES[key]?.type;
      return type === 'equity' || type === 'etf';
    });
    if (!candidates.length) return;
    const [key, position] = rng.pick(candidates);
    const security = SECURITIES[key];
    if (!security) return;
    const wholeShares = security.type === 'equity';
    const fraction = 0.25 + rng.next() * 0.25;
    const milli = wholeShares
      ? Math.floor((position.milli / 1000) * fraction) * 1000
      : Math.floor(position.milli * fraction);
    if (milli <= 0) return;
    const price = closePrice(this.seed, security, day);
    const commission = wholeShares ? this.plan.commissionCents : 0;
    const proceeds = Math.round((milli / 1000) * price * 100) - commission;
    emit({
      day,
      name: `SELL ${security.name}`,
      security: key,
      type: 'sell',
      subtype: 'sell',
      milliQuantity: -milli,
      price,
      amountCents: -proceeds,
      feesCents: commission,
    });
  }
}

const portfolios = new Map<string, Portfolio>();

/** One portfolio (and its month cache) per seed, institution and account. */
export function portfolioFor(seed: number, institutionId: string, key: InvestmentAccountKey): Portfolio {
  const id = `${seed}|${institutionId}|${key}`;
  let portfolio = portfolios.get(id);
  if (!portfolio) {
    if (portfolios.size > 192) portfolios.clear();
    portfolio = new Portfolio(seed, institutionId, key);
    portfolios.set(id, portfolio);
  }
  return portfolio;
}
