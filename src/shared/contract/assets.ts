/**
 * Asset Reports (issue 16): made by Plaid from chosen Items over `days_requested`, ready later
 * (ASSETS webhook or polling), kept until removed. The report's token stays in the main process's
 * keychain; the window sees the report's id, status and content.
 */
import { z } from 'zod';
import { PlaidErrorShape } from '../plaid-error';
import { Currency, Id, IsoDate, IsoDateTime, Minor } from './primitives';

export const AssetReportStatus = z.enum(['pending', 'ready', 'failed']);
export type AssetReportStatus = z.infer<typeof AssetReportStatus>;

/** Plaid accepts 0–731 days for an Asset Report. */
export const AssetReportDays = z.number().int().min(0).max(731);

export const AssetReportSummary = z.object({
  assetReportId: Id,
  items: z.array(z.object({ itemId: Id, institutionName: z.string() })),
  daysRequested: AssetReportDays,
  status: AssetReportStatus,
  /** Plaid's error when the report failed (ASSETS: ERROR), in Plaid's shape for its display_message. */
  error: PlaidErrorShape.nullable(),
  createdAt: IsoDateTime,
  /** When Plaid generated the report; null until it is ready. */
  generatedAt: IsoDateTime.nullable(),
  /** The report this one refreshed, if any. */
  refreshedFrom: Id.nullable(),
});
export type AssetReportSummary = z.infer<typeof AssetReportSummary>;

export const AssetReportTransaction = z.object({
  transactionId: z.string(),
  date: IsoDate,
  name: z.string(),
  /** Plaid's sign: money out is positive. */
  amountMinor: Minor,
  currency: Currency,
  pending: z.boolean(),
});

export const AssetReportAccount = z.object({
  accountId: z.string(),
  name: z.string(),
  mask: z.string().nullable(),
  type: z.string(),
  subtype: z.string().nullable(),
  currency: Currency,
  currentMinor: Minor.nullable(),
  availableMinor: Minor.nullable(),
  daysAvailable: z.number().int(),
  owners: z.array(z.string()),
  /** Daily balances, newest first. */
  balances: z.array(z.object({ date: IsoDate, currentMinor: Minor })),
  transactions: z.array(AssetReportTransaction),
});
export type AssetReportAccount = z.infer<typeof AssetReportAccount>;

export const AssetReportContent = z.object({
  generatedAt: IsoDateTime,
  daysRequested: AssetReportDays,
  items: z.array(
    z.object({ itemId: z.string(), institutionName: z.string(), accounts: z.array(AssetReportAccount) }),
  ),
});
export type AssetReportContent = z.infer<typeof AssetReportContent>;

const ById = z.object({ assetReportId: Id }).strict();

export const assetCalls = {
  'assets.list': {
    req: z.object({}).strict(),
    res: z.object({ reports: z.array(AssetReportSummary) }),
  },
  'assets.create': {
    req: z.object({ itemIds: z.array(Id).min(1).max(99), daysRequested: AssetReportDays }).strict(),
    res: z.object({ report: AssetReportSummary }),
  },
  /** The report, asking Plaid once more if it is still pending. */
  'assets.get': {
    req: ById,
    res: z.object({ report: AssetReportSummary, content: AssetReportContent.nullable() }),
  },
  'assets.refresh': { req: ById, res: z.object({ report: AssetReportSummary }) },
  'assets.remove': { req: ById, res: z.object({ removed: z.literal(true) }) },
  /** Electron: the main process's save dialog; null when cancelled. The browser host downloads instead. */
  'assets.savePdf': { req: ById, res: z.object({ saved: z.boolean(), fileName: z.string().nullable() }) },
} as const;
