/**
 * The simulator's persisted state: seeds, clock, ids and token digests; never a token, never
 * generated data (that is recomputed from the seed). Several processes may share one file: each
 * re-reads it when it changed on disk and replaces it atomically (write to a temp file, rename).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isIsoDate } from './dates';
import { ACCOUNT_KEYS } from './products/account-keys';
import { CustomAccountRecord } from './custom-household';
import { LiabilityScenarioRecord } from './products/liability-scenario';
import { Mutation } from './mutations';
import { AssetReportRecord, UserRecord } from './products/product-records';
import { WebhookKeyRecord } from './webhook-key-record';

const IsoDate = z.string().refine(isIsoDate, 'expected YYYY-MM-DD');

export const ItemRecord = z.object({
  item_id: z.string().min(1),
  /** sha256 (hex) of each access token issued for the Item. */
  access_token_sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
  seed: z.number().int(),
  institution_id: z.string(),
  /** Products added to the Item (extracted; billed in Production). */
  products: z.array(z.string()),
  /** Products the user consented to share (absent: those of `products`); see products/consent. */
  consented_products: z.array(z.string()).optional(),
  webhook: z.string().nullable(),
  created_day: IsoDate,
  created_at: z.string(),
  days_requested: z.number().int().min(1).max(730),
  /** Every account the user shared, transaction-bearing or not (see products/account-keys). */
  account_templates: z.array(z.enum(ACCOUNT_KEYS)).min(1),
  error_code: z.string().nullable(),
  /** user_custom's override_accounts (configuration the user typed, not generated data). */
  custom_accounts: z.array(CustomAccountRecord).optional(),
  /** Day of the last successful login (creation or update mode): Sandbox's 30-day expiry counts from it. */
  login_day: IsoDate.optional(),
  /** Whether /transactions/sync was ever called: SYNC_UPDATES_AVAILABLE webhooks wait for it. */
  sync_called: z.boolean().optional(),
  /** How many copies of the household's card spending the Item sees (scale tests). */
  volume: z.number().int().min(1).max(100_000).optional(),
  /** How the household handles its debts, set through the admin API (absent: the institution's). */
  liability_scenario: LiabilityScenarioRecord.optional(),
  /** Targeted changes made through the admin API, in the order they were made. */
  mutations: z.array(Mutation).optional(),
  /** A warned-of end of access (PENDING_EXPIRATION / PENDING_DISCONNECT): ITEM_LOGIN_REQUIRED from that day. */
  /** The instant up to which change webhooks were sent (clock advance, mutations, refresh). */
  notified: z.strictObject({ day: IsoDate, seq: z.number().int().min(0) }).optional(),
  deadline: z
    .strictObject({ kind: z.enum(['PENDING_EXPIRATION', 'PENDING_DISCONNECT']), day: IsoDate })
    .nullable()
    .optional(),
  /** Asset Reports that include this Item fail with this ASSET_REPORT_ERROR code (admin API). */
  asset_report_error: z.string().nullable().optional(),
});
export type ItemRecord = z.infer<typeof ItemRecord>;

export const ClockState = z.object({
  /** 'real' follows the local date; a date freezes the clock there. */
  base: z.union([z.literal('real'), IsoDate]),
  offset_days: z.number().int().min(0),
});
export type ClockState = z.infer<typeof ClockState>;

export const SimState = z.object({
  version: z.literal(1),
  seed: z.number().int(),
  clock: ClockState,
  items: z.array(ItemRecord),
  /** The simulator's own webhook signing keys (not Plaid's, not a token). */
  webhook_keys: z.array(WebhookKeyRecord).optional(),
  /** Asset Reports until removed, so they survive a restart of demo mode. */
  asset_reports: z.array(AssetReportRecord).optional(),
  /** Plaid users (bank income), with the Items linked for them. */
  users: z.array(UserRecord).optional(),
});
export type SimState = z.infer<typeof SimState>;

interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

export class StateStore {
  private state: SimState;
  private stamp: FileStamp | null = null;

  constructor(
    private readonly path: string | null,
    initial: SimState,
  ) {
    this.state = initial;
    if (path) {
      const onDisk = this.readFile();
      if (onDisk) this.state = onDisk;
      else this.write();
    }
  }

  /** The current state, re-read first if another process replaced the file. */
  get(): SimState {
    this.refresh();
    return this.state;
  }

  /** Applies a change to the freshest state and persists it before returning. */
  update<T>(change: (state: SimState) => T): T {
    this.refresh();
    const draft = structuredClone(this.state);
    const result = change(draft);
    this.state = SimState.parse(draft);
    this.write();
    return result;
  }

  private refresh(): void {
    if (!this.path) return;
    const stamp = this.statFile();
    if (stamp && this.stamp && sameStamp(stamp, this.stamp)) return;
    const onDisk = this.readFile();
    if (onDisk) this.state = onDisk;
  }

  private statFile(): FileStamp | null {
    if (!this.path) return null;
    try {
      const s = statSync(this.path);
      return { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino };
    } catch {
      return null;
    }
  }

  private readFile(): SimState | null {
    if (!this.path) return null;
    const stamp = this.statFile();
    if (!stamp) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (err) {
      throw new Error(`simulator state file ${this.path} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = SimState.safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `simulator state file ${this.path} is not a simulator state: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    this.stamp = stamp;
    return parsed.data;
  }

  private write(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.stamp = this.statFile();
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}
