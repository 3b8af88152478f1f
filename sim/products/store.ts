/**
 * What the product endpoints remember between calls: Asset Reports (made asynchronously) and
 * Plaid users (bank income). Both live in the simulator's state file, so a report and a user
 * outlive a restart of demo mode and are seen by every process sharing the file. Tokens are kept
 * as digests, never as tokens.
 */
import { randomUUID } from 'node:crypto';
import type { Day } from '../dates';
import { newLinkSessionId, tokenDigest } from '../ids';
import type { SimState, StateStore } from '../state';
import type { AssetReportRecord, UserRecord } from './product-records';

export type { AssetReportRecord, CreditSessionRecord, UserRecord } from './product-records';

/** How long a new Asset Report takes to generate (a clock step also finishes it). */
export const ASSET_REPORT_DELAY_MS = 1500;

/** What an ASSETS / PRODUCT_READY (or ERROR, with its code) webhook reports. */
export interface AssetReportReadyEvent {
  asset_report_id: string;
  webhook: string | null;
  itemIds: string[];
  /** The ASSET_REPORT_ERROR code when generation failed; null when the report is ready. */
  errorCode: string | null;
}

export type AssetReportReadyListener = (event: AssetReportReadyEvent) => void;

export class AssetReportStore {
  private readonly listeners: AssetReportReadyListener[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly state: StateStore,
    private readonly today: () => Day,
    private readonly delayMs: number = ASSET_REPORT_DELAY_MS,
  ) {}

  /**
   * Called once per report when it is finished (after the delay, or when the simulated clock
   * moves past its day): the hook the ASSETS webhooks hang on.
   */
  onReady(listener: AssetReportReadyListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  create(
    args: Omit<
      AssetReportRecord,
      'asset_report_id' | 'tokenSha256' | 'createdAtMs' | 'readyAtMs' | 'ready' | 'errorCode'
    >,
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
      errorCode: null,
    };
    this.state.update((s) => {
      s.asset_reports = [...(s.asset_reports ?? []), record];
    });
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
    const digest = tokenDigest(token);
    return this.state.get().asset_reports?.find((r) => r.tokenSha256 === digest);
  }

  remove(token: string): boolean {
    const digest = tokenDigest(token);
    return this.state.update((s) => {
      const before = s.asset_reports ?? [];
      s.asset_reports = before.filter((r) => r.tokenSha256 !== digest);
      return s.asset_reports.length < before.length;
    });
  }

  /**
   * Finishes every report whose delay has passed or whose day is behind the clock: ready, or
   * failed when one of its Items was set to fail. Decided inside one state update, so of several
   * processes sharing the file exactly one finishes (and announces) each report.
   */
  settle(): void {
    const now = Date.now();
    const today = this.today();
    const due = (r: AssetReportRecord) => !r.ready && (r.readyAtMs <= now || r.asOfDay < today);
    if (!(this.state.get().asset_reports ?? []).some(due)) return;
    const finished = this.state.update((s) => {
      const events: AssetReportReadyEvent[] = [];
      for (const record of s.asset_reports ?? []) {
        if (!due(record)) continue;
        record.ready = true;
        record.errorCode = failureOf(s, record.itemIds);
        events.push({
          asset_report_id: record.asset_report_id,
          webhook: record.webhook,
          itemIds: record.itemIds,
          errorCode: record.errorCode,
        });
      }
      return events;
    });
    for (const event of finished) {
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

function failureOf(state: SimState, itemIds: readonly string[]): string | null {
  for (const item of state.items)
    if (itemIds.includes(item.item_id) && item.asset_report_error) return item.asset_report_error;
  return null;
}

export class UserStore {
  constructor(private readonly state: StateStore) {}

  create(clientUserId: string): { token: string; record: UserRecord } {
    const token = `user-sandbox-${randomUUID()}`;
    const digest = tokenDigest(token);
    const record = this.state.update((s) => {
      const users = (s.users ??= []);
      const existing = users.find((u) => u.clientUserId === clientUserId);
      // Plaid refuses a second user for one client_user_id; the simulator hands back a new token for it.
      if (existing) {
        existing.tokenSha256.push(digest);
        return existing;
      }
      const created: UserRecord = {
        user_id: `usr_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        tokenSha256: [digest],
        clientUserId,
        createdAtIso: new Date().toISOString(),
        itemIds: [],
        sessions: [],
        daysRequested: 90,
      };
      users.push(created);
      return created;
    });
    return { token, record };
  }

  byUserToken(token: string): UserRecord | undefined {
    const digest = tokenDigest(token);
    return this.state.get().users?.find((u) => u.tokenSha256.includes(digest));
  }

  byUserId(userId: string): UserRecord | undefined {
    return this.state.get().users?.find((u) => u.user_id === userId);
  }

  /** An Item linked for a user (Link with its user_token, new or in update mode, or the sandbox shortcut). */
  attachItem(
    user: UserRecord,
    args: { itemId: string; institutionId: string; daysRequested?: number; linkSessionId?: string },
  ): void {
    this.state.update((s) => {
      const stored = s.users?.find((u) => u.user_id === user.user_id);
      if (!stored) return;
      if (!stored.itemIds.includes(args.itemId)) stored.itemIds.push(args.itemId);
      if (args.daysRequested) stored.daysRequested = args.daysRequested;
      stored.sessions.push({
        link_session_id: args.linkSessionId ?? newLinkSessionId(),
        startedAt: new Date().toISOString(),
        itemId: args.itemId,
        institutionId: args.institutionId,
      });
    });
  }
}

/** Everything the product endpoints keep for one simulator. */
export class ProductStore {
  readonly assetReports: AssetReportStore;
  readonly users: UserStore;

  constructor(state: StateStore, today: () => Day) {
    this.assetReports = new AssetReportStore(state, today);
    this.users = new UserStore(state);
  }
}
