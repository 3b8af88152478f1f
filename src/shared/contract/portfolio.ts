/**
 * The portfolio (issue 13): holdings, allocation, investment transactions, value history and
 * returns. Money is minor units with its currency; totals are per currency, never summed across.
 */
import { z } from 'zod';
import { Currency, Empty, Id, IsoDate, Minor } from './primitives';

export const Holding = z.object({
  /** Null in the combined view, where one security's positions across accounts are one row. */
  accountId: Id.nullable(),
  accountName: z.string().nullable(),
  securityId: Id,
  name: z.string(),
  ticker: z.string().nullable(),
  /** Plaid's security type (equity, etf, derivative…), null when Plaid gave none. */
  type: z.string().nullable(),
  /** Plaid's cash position (`CUR:USD`): the account's uninvested cash. */
  isCash: z.boolean(),
  /** For an option or other derivative, the security it tracks (Plaid's proxy_security_id). */
  underlying: z.string().nullable(),
  quantity: z.number(),
  price: z.number().nullable(),
  priceAsOf: IsoDate.nullable(),
  valueMinor: Minor,
  /** The position's total cost, as Plaid reports it. */
  costBasisMinor: Minor.nullable(),
  gainMinor: Minor.nullable(),
  /** Unrealised gain as a fraction of cost (0.1 = 10%). */
  gainFraction: z.number().nullable(),
  /** Share of the total value in its currency (of the account, or of everything combined). */
  weight: z.number(),
  currency: Currency,
});
export type Holding = z.infer<typeof Holding>;

export const CurrencyTotal = z.object({
  currency: Currency,
  valueMinor: Minor,
  cashMinor: Minor,
  costBasisMinor: Minor,
  gainMinor: Minor,
});

export const AllocationSlice = z.object({
  key: z.string(),
  label: z.string(),
  currency: Currency,
  valueMinor: Minor,
  weight: z.number(),
});
export type AllocationSlice = z.infer<typeof AllocationSlice>;

export const InvestmentAccountSummary = z.object({
  accountId: Id,
  name: z.string(),
  institutionName: z.string(),
  currency: Currency,
  holdings: z.array(Holding),
  totals: z.array(CurrencyTotal),
});

export const PortfolioHoldings = z.object({
  accounts: z.array(InvestmentAccountSummary),
  combined: z.array(Holding),
  totals: z.array(CurrencyTotal),
  allocation: z.object({
    byType: z.array(AllocationSlice),
    byAccount: z.array(AllocationSlice),
    byCurrency: z.array(AllocationSlice),
  }),
});
export type PortfolioHoldings = z.infer<typeof PortfolioHoldings>;

export const InvestmentKind = z.enum([
  'trade',
  'dividend',
  'interest',
  'fee',
  'contribution',
  'withdrawal',
  'corporate-action',
  'tax',
  'cancel',
  'cash',
]);

export const InvestmentTransaction = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  securityId: Id.nullable(),
  securityName: z.string().nullable(),
  ticker: z.string().nullable(),
  date: IsoDate,
  name: z.string(),
  /** Plaid's sign: positive bought, negative sold. */
  quantity: z.number(),
  price: z.number(),
  /** Plaid's sign: positive when cash leaves the account (a buy, a fee), negative when it arrives. */
  amountMinor: Minor,
  feesMinor: Minor.nullable(),
  type: z.string(),
  subtype: z.string(),
  label: z.string(),
  kind: InvestmentKind,
  currency: Currency,
});
export type InvestmentTransaction = z.infer<typeof InvestmentTransaction>;

export const InvestmentTransactionFilter = z
  .object({
    accountId: Id.nullable().default(null),
    type: z.string().max(64).nullable().default(null),
    subtype: z.string().max(64).nullable().default(null),
    securityId: Id.nullable().default(null),
    from: IsoDate.nullable().default(null),
    to: IsoDate.nullable().default(null),
  })
  .strict();

/** Where a page of investment transactions ends: the next page starts after this row. */
export const InvestmentTransactionCursor = z.object({ date: IsoDate, id: Id }).strict();
export type InvestmentTransactionCursor = z.infer<typeof InvestmentTransactionCursor>;

/** The most a page holds: the view asks for 200 at a time, the CLI for as many as it may. */
export const INVESTMENT_PAGE_MAX = 1000;

/** A page of the filtered list, newest first (ties by id), and what it is a page of. */
export const InvestmentTransactionsRequest = InvestmentTransactionFilter.extend({
  limit: z.number().int().min(1).max(INVESTMENT_PAGE_MAX).default(200),
  /** Null: the first page; else the `next` of the page before. */
  after: InvestmentTransactionCursor.nullable().default(null),
}).strict();

/** What the filters can choose from: the values of every investment transaction, filtered or not. */
export const InvestmentFilterChoices = z.object({
  types: z.array(z.string()),
  subtypes: z.array(z.string()),
  securities: z.array(z.object({ id: Id, name: z.string() })),
});
export type InvestmentFilterChoices = z.infer<typeof InvestmentFilterChoices>;

export const YearlyIncome = z.object({
  year: z.number().int(),
  currency: Currency,
  dividendsMinor: Minor,
  interestMinor: Minor,
  feesMinor: Minor,
});
export type YearlyIncome = z.infer<typeof YearlyIncome>;

export const ValuePoint = z.object({
  date: IsoDate,
  valueMinor: Minor,
  /** Money put in (positive) or taken out (negative) that day. */
  flowMinor: Minor,
  /** Contributions less withdrawals since the first day shown. */
  netContributionsMinor: Minor,
  /** Reconstructed from today's holdings and the transactions, not a snapshot Plaid reported. */
  estimated: z.boolean(),
});
export type ValuePoint = z.infer<typeof ValuePoint>;

export const ValueSeries = z.object({
  /** Null for the total of every account in the currency. */
  accountId: Id.nullable(),
  name: z.string(),
  currency: Currency,
  points: z.array(ValuePoint),
});
export type ValueSeries = z.infer<typeof ValueSeries>;

export const ReturnPeriod = z.enum(['1M', '3M', 'YTD', '1Y', 'ALL']);

export const PeriodReturn = z.object({
  period: ReturnPeriod,
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
  /** exact: from snapshots only; estimated: some values were reconstructed; unavailable: see reason. */
  quality: z.enum(['exact', 'estimated', 'unavailable']),
  twr: z.number().nullable(),
  xirr: z.number().nullable(),
  reason: z.string().nullable(),
});
export type PeriodReturn = z.infer<typeof PeriodReturn>;

export const SeriesPerformance = z.object({
  accountId: Id.nullable(),
  name: z.string(),
  currency: Currency,
  periods: z.array(PeriodReturn),
});
export type SeriesPerformance = z.infer<typeof SeriesPerformance>;

export const portfolioCalls = {
  /** Holdings per account and combined, totals per currency and allocation, from the last sync. */
  'portfolio.holdings': { req: Empty, res: PortfolioHoldings },
  /**
   * A page of the investment transactions the filter matches, with the count and the yearly totals
   * of every match (not only the page's); the filter choices come with the first page only.
   */
  'portfolio.transactions': {
    req: InvestmentTransactionsRequest,
    res: z.object({
      transactions: z.array(InvestmentTransaction),
      total: z.number().int().nonnegative(),
      next: InvestmentTransactionCursor.nullable(),
      yearly: z.array(YearlyIncome),
      choices: InvestmentFilterChoices.nullable(),
    }),
  },
  /** Daily value per account and per currency in total, snapshots and reconstruction. */
  'portfolio.history': {
    req: z.object({ accountId: Id.nullable().default(null) }).strict(),
    res: z.object({ series: z.array(ValueSeries), firstSnapshot: IsoDate.nullable() }),
  },
  /** Time-weighted and money-weighted returns per account and in total, per period. */
  'portfolio.performance': { req: Empty, res: z.object({ series: z.array(SeriesPerformance) }) },
} as const;
