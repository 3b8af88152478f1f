/**
 * What the product endpoints keep in the simulator's state file: Asset Reports and the Plaid
 * users of bank income. Token digests only, never a token; report content is recomputed from the
 * Items' seeds on the day the report was taken.
 */
import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const AssetReportRecord = z.object({
  asset_report_id: z.string().min(1),
  tokenSha256: Sha256,
  itemIds: z.array(z.string()),
  daysRequested: z.number().int().min(0).max(731),
  clientReportId: z.string().nullable(),
  webhook: z.string().nullable(),
  user: z.record(z.string(), z.string().nullable()),
  /** The simulated day the report's data is taken on. */
  asOfDay: z.number().int(),
  createdAtMs: z.number(),
  readyAtMs: z.number(),
  ready: z.boolean(),
  /** Set when generation failed (an Item selected to fail through the admin API): /asset_report/get answers it. */
  errorCode: z.string().nullable().optional(),
});
export type AssetReportRecord = z.infer<typeof AssetReportRecord>;

export const CreditSessionRecord = z.object({
  link_session_id: z.string(),
  startedAt: z.string(),
  itemId: z.string(),
  institutionId: z.string(),
});
export type CreditSessionRecord = z.infer<typeof CreditSessionRecord>;

export const UserRecord = z.object({
  user_id: z.string().min(1),
  /** Digests of every user_token issued for the user (a second /user/create hands out another). */
  tokenSha256: z.array(Sha256),
  clientUserId: z.string(),
  createdAtIso: z.string(),
  itemIds: z.array(z.string()),
  sessions: z.array(CreditSessionRecord),
  /** Days of history bank income looks at (from the Link token or the sandbox call). */
  daysRequested: z.number().int().min(1).max(731),
});
export type UserRecord = z.infer<typeof UserRecord>;
