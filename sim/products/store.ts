/**
 * What the product endpoints remember between calls: Asset Reports (made asynchronously) and
 * Plaid users (bank income). Memory only, like link tokens: reports and users of a simulator
 * run end with it. Tokens are kept as digests, never as tokens.
 */
import { randomUUID } from 'node:crypto';
import type { Day } from '../dates';
import { newLinkSessionId, tokenDigest } from '../ids';

/** How long a new Asset Report takes to generate (a clock step also finishes it). */
export const ASSET_REPORT_DELAY_MS = 1500;

export interface AssetReportRecord {
  asset_report_id: string;
  tokenSha256: string;
  itemIds: string[];
  daysRequested: number;
  clientReportId: string | null;
  webhook: string | null;
  user: Record<string, string | null>;
  /** The simulated day the report's data is taken on. */
  asOfDay: Day;
  createdAtMs: number;
  readyAtMs: number;
  ready: boolean;
}

/** What an ASSETS / PRODUCT_READY webhook reports. */
export interface AssetReportReadyEvent {
  asset_report_id: string;
  webhook: string | null;
  itemIds: string[];
}

export type AssetReportReadyListener = (event: AssetReportReadyEvent) => void;

export class AssetReportStore {
  private readonly reports = new Map<string, AssetReportRecord>();
  private readonly listeners: AssetReportReadyListener[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly today: () => Day,
    private readonly delayMs: number = ASSET_REPORT_DELAY_MS,
  ) {}

  /**
   * Called once per report when it becomes ready (after the delay, or when the simulated clock
   * moves past its day): the hook the ASSETS / PRODUCT_READY webhook hangs on.
   */
  onReady(listener: AssetReportReadyListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  create(
    args: Omit<AssetReportRecord, 'asset_report_id' | 'tokenSha256' | 'createdAtMs' | 'readyAtMs' | 'ready'>,
  ): {
    token: string;
    record: AssetReportRecord;
  } {
    const token = `assets-sandbox-${randomUUID()}`;
    const now = Date.now();
    const record: AssetReportRecord = {
      ...args,
      asset_report_id: randomUUID(),
      tokenSha256: tokenDigest(token),
      createdAtMs: now,
      readyAtMs: now + this.delayMs,
      ready: false,
    };
    this.reports.set(record.tokenSha256, record);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.settle();
    }, this.delayMs + 5);
    timer.unref();
    this.timers.add(timer);
    return { token, record };
  }

  /** The report behind a token, finished first if its time has come; undefined if unknown or removed. */
  get(token: string): AssetReportRecord | undefined {
    this.settle();
    return this.reports.get(tokenDigest(token));
  }

  remove(token: string): boolean {
    return this.reports.delete(tokenDigest(token));
  }

  /** Finishes every report whose delay has passed or whose day is behind the clock. */
  settle(): void {
    const now = Date.now();
    const today = this.today();
    for (const record of this.reports.values()) {
      if (record.ready || (record.readyAtMs > now && record.asOfDay >= today)) continue;
      record.ready = true;
      const event = {
        asset_report_id: record.asset_report_id,
        webhook: record.webhook,
        itemIds: record.itemIds,
      };
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (err) {
          console.error(
            '[plaid-simulator] asset report listener failed:',
            err instanceof Error ? err.message : err,
          );
        }
      }
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

export interface CreditSessionRecord {
  link_session_id: string;
  startedAt: string;
  itemId: string;
  institutionId: string;
}

export interface UserRecord {
  user_id: string;
  tokenSha256: string;
  clientUserId: string;
  createdAtIso: string;
  itemIds: string[];
  sessions: CreditSessionRecord[];
  /** Days of history bank income looks at (from the Link token or the sandbox call). */
  daysRequested: number;
}

export class UserStore {
  private readonly byToken = new Map<string, UserRecord>();

  create(clientUserId: string): { token: string; record: UserRecord } {
    const existing = [...this.byToken.values()].find((u) => u.clientUserId === clientUserId);
    if (existing) {
      // Plaid refuses a second user for one client_user_id; the simulator hands back a new token for it.
      const token = `user-sandbox-${randomUUID()}`;
      this.byToken.set(tokenDigest(token), existing);
      return { token, record: existing };
    }
    const token = `user-sandbox-${randomUUID()}`;
    const record: UserRecord = {
      user_id: `usr_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      tokenSha256: tokenDigest(token),
      clientUserId,
      createdAtIso: new Date().toISOString(),
      itemIds: [],
      sessions: [],
      daysRequested: 90,
    };
    this.byToken.set(record.tokenSha256, record);
    return { token, record };
  }

  byUserToken(token: string): UserRecord | undefined {
    return this.byToken.get(tokenDigest(token));
  }

  byUserId(userId: string): UserRecord | undefined {
    return [...this.byToken.values()].find((u) => u.user_id === userId);
  }

  /** An Item linked for a user (Link with its user_token, or the sandbox shortcut). */
  attachItem(
    user: UserRecord,
    args: { itemId: string; institutionId: string; daysRequested?: number; linkSessionId?: string },
  ): void {
    if (!user.itemIds.includes(args.itemId)) user.itemIds.push(args.itemId);
    if (args.daysRequested) user.daysRequested = args.daysRequested;
    user.sessions.push({
      link_session_id: args.linkSessionId ?? newLinkSessionId(),
      startedAt: new Date().toISOString(),
      itemId: args.itemId,
      institutionId: args.institutionId,
    });
  }
}

/** Everything the product endpoints keep for one simulator. */
export class ProductStore {
  readonly assetReports: AssetReportStore;
  readonly users = new UserStore();

  constructor(today: () => Day) {
    this.assetReports = new AssetReportStore(today);
  }
}
