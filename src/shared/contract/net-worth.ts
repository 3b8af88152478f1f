/**
 * Balances and net worth: each account's balance with when it was fetched, an on-demand refresh
 * per Item, net worth per day and per currency (never adding currencies), its breakdown by
 * account, and the user's own assets and liabilities with dated values.
 */
import { z } from 'zod';
import { Currency, Empty, Id, IsoDate, IsoDateTime, Minor } from './primitives';

export const BalanceSnapshot = z.object({
  accountId: Id,
  /** The bank day the balance stands for. */
  asOf: IsoDate,
  fetchedAt: IsoDateTime,
  source: z.enum(['refresh', 'sync']),
  currency: Currency,
  currentMinor: Minor,
  availableMinor: Minor.nullable(),
});
export type BalanceSnapshot = z.infer<typeof BalanceSnapshot>;

export const NetWorthDay = z.object({
  date: IsoDate,
  currency: Currency,
  assetsMinor: Minor,
  liabilitiesMinor: Minor,
  netWorthMinor: Minor,
  /** Some account's value that day is an estimate (an investment account or a loan before its first snapshot). */
  estimated: z.boolean(),
});
export type NetWorthDay = z.infer<typeof NetWorthDay>;

export const Side = z.enum(['asset', 'liability']);

export const BreakdownAccount = z.object({
  accountId: Id,
  name: z.string(),
  institutionName: z.string(),
  type: z.string(),
  currency: Currency,
  side: Side,
  /** Null when the account's history starts after the day asked. */
  balanceMinor: Minor.nullable(),
  historyFrom: IsoDate.nullable(),
  /** Nothing explains the days before its first snapshot: its history starts there. */
  snapshotsOnly: z.boolean(),
  /** The last day whose value is estimated rather than reported (investments reconstructed from trades, a loan from its amortisation). */
  estimatedUntil: IsoDate.nullable(),
  fetchedAt: IsoDateTime.nullable(),
});
export type BreakdownAccount = z.infer<typeof BreakdownAccount>;

export const BreakdownManual = z.object({
  assetId: Id,
  name: z.string(),
  currency: Currency,
  side: Side,
  valueMinor: Minor.nullable(),
});
export type BreakdownManual = z.infer<typeof BreakdownManual>;

export const ManualAsset = z.object({
  id: Id,
  name: z.string(),
  kind: Side,
  currency: Currency,
  values: z.array(z.object({ date: IsoDate, valueMinor: Minor.nonnegative() })),
});
export type ManualAsset = z.infer<typeof ManualAsset>;

const ManualValue = Minor.nonnegative().max(Number.MAX_SAFE_INTEGER);

export const netWorthCalls = {
  'balances.latest': { req: Empty, res: z.object({ balances: z.array(BalanceSnapshot) }) },
  'balances.refresh': {
    req: z.object({ itemId: Id }).strict(),
    res: z.object({ balances: z.array(BalanceSnapshot) }),
  },
  'netWorth.series': {
    req: z
      .object({ from: IsoDate.nullable().default(null), to: IsoDate.nullable().default(null) })
      .strict()
      .refine((r) => r.from === null || r.to === null || r.from <= r.to, {
        message: 'The start date must not be after the end date.',
      }),
    res: z.object({ from: IsoDate.nullable(), to: IsoDate.nullable(), days: z.array(NetWorthDay) }),
  },
  'netWorth.breakdown': {
    req: z.object({ date: IsoDate.nullable().default(null) }).strict(),
    res: z.object({
      date: IsoDate.nullable(),
      accounts: z.array(BreakdownAccount),
      manual: z.array(BreakdownManual),
    }),
  },
  'manualAssets.list': { req: Empty, res: z.object({ assets: z.array(ManualAsset) }) },
  'manualAssets.create': {
    req: z
      .object({
        name: z.string().trim().min(1).max(120),
        kind: Side,
        currency: Currency,
        date: IsoDate,
        valueMinor: ManualValue,
      })
      .strict(),
    res: z.object({ id: Id }),
  },
  'manualAssets.setValue': {
    req: z.object({ assetId: Id, date: IsoDate, valueMinor: ManualValue }).strict(),
    res: Empty,
  },
  'manualAssets.remove': { req: z.object({ assetId: Id }).strict(), res: Empty },
} as const;
