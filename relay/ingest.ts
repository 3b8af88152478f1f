/**
 * One webhook in: route by device → verify → store durably → wake the device's long-poll. The
 * store commits webhooks that arrive together in one transaction (group commit), so each still
 * waits for its fsync before its 200, but a burst shares the fsyncs.
 */
import { shortId, type RelayLog } from './log';
import { coalesceKey, summarize } from './hints';
import type { KeyResolver } from './keys';
import type { IngestOutcome, IngestRecord, RelayStore } from './store';
import { verifyPlaidWebhook, type RejectReason } from './verify';

export type IngestResult =
  | { status: 200; outcome: IngestOutcome }
  | { status: 400 | 401 | 404; reason: RejectReason | 'unknown-device' }
  | { status: 503; reason: RejectReason | 'storage-unavailable'; retryAfter: number };

const MAX_BATCH = 512;

/**
 * Webhooks verified within a few milliseconds of each other share one transaction: better-sqlite3
 * blocks the event loop for each fsync, so without a short window every request that finished
 * verifying in between would pay its own.
 */
class GroupCommit {
  private queue: {
    record: IngestRecord;
    resolve: (o: IngestOutcome) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: RelayStore,
    private readonly committed: (deviceIds: Set<string>) => void,
    private readonly windowMs: number,
  ) {}

  /** `othersUnderway`: webhooks still being verified, which this commit could wait for. */
  submit(record: IngestRecord, othersUnderway: number): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.queue.length >= MAX_BATCH || othersUnderway === 0) this.schedule(0);
      else if (!this.timer) this.schedule(this.windowMs);
    });
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, ms);
  }

  /** Commits whatever waits now (at shutdown). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0) this.flush();
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule(0);
    let outcomes: IngestOutcome[];
    try {
      outcomes = this.store.ingestMany(batch.map((b) => b.record));
    } catch (error) {
      for (const b of batch) b.reject(error);
      return;
    }
    const woken = new Set<string>();
    batch.forEach((b, i) => {
      const outcome = outcomes[i];
      if (outcome === 'stored' || outcome === 'coalesced' || outcome === 'resync')
        woken.add(b.record.deviceId);
      b.resolve(outcome);
    });
    if (woken.size > 0) this.committed(woken);
  }
}

export interface IngestorDeps {
  store: RelayStore;
  keys: KeyResolver;
  log: RelayLog;
  now: () => number;
  /** Called after a commit with the devices that have something new. */
  onNewEvents: (deviceIds: Set<string>) => void;
  /** How long a commit waits for company (default 5 ms; Plaid allows 10 s for the answer). */
  commitWindowMs?: number;
}

const STATUS: Partial<Record<RejectReason, 400>> = { 'header-missing': 400, malformed: 400 };

export class Ingestor {
  private readonly commits: GroupCommit;
  private verifying = 0;

  constructor(private readonly deps: IngestorDeps) {
    this.commits = new GroupCommit(deps.store, deps.onNewEvents, deps.commitWindowMs ?? 5);
  }

  /** Commits webhooks still in their group-commit window; call before closing the store. */
  drain(): void {
    this.commits.drain();
  }

  async ingest(input: {
    deviceId: string;
    token: string | null;
    body: Uint8Array;
    source: string;
  }): Promise<IngestResult> {
    const { store, log } = this.deps;
    const device = shortId(input.deviceId);
    if (!store.deviceExists(input.deviceId)) {
      log.warn('webhook refused', { device, source: input.source, reason: 'unknown-device', status: 404 });
      return { status: 404, reason: 'unknown-device' };
    }
    const receivedAt = this.deps.now();
    this.verifying++;
    let verdict;
    try {
      verdict = await verifyPlaidWebhook({
        token: input.token,
        body: input.body,
        keys: this.deps.keys,
        at: new Date(receivedAt),
      });
    } finally {
      this.verifying--;
    }
    if (!verdict.ok) {
      const status = verdict.retryable ? 503 : (STATUS[verdict.reason] ?? 401);
      log.warn('webhook refused', {
        device,
        source: input.source,
        reason: verdict.reason,
        kid: verdict.kid,
        status,
        ...(verdict.reason === 'no-plaid-keys'
          ? {
              fix: "set PLAID_CLIENT_ID, PLAID_SECRET and PLAID_ENV (or --plaid-url) so the relay can fetch Plaid's verification keys",
            }
          : {}),
      });
      return status === 503
        ? { status, reason: verdict.reason, retryAfter: 30 }
        : { status: status as 400 | 401, reason: verdict.reason };
    }
    const summary = summarize(input.body);
    let outcome: IngestOutcome;
    try {
      outcome = await this.commits.submit(
        {
          deviceId: input.deviceId,
          jwt: input.token!.trim(),
          body: input.body,
          bodySha256: verdict.bodySha256,
          receivedAt,
          coalesceKey: coalesceKey(summary),
        },
        this.verifying,
      );
    } catch (error) {
      log.error('webhook not stored', {
        device,
        message: error instanceof Error ? error.message : String(error),
        status: 503,
      });
      return { status: 503, reason: 'storage-unavailable', retryAfter: 10 };
    }
    if (outcome === 'unknown-device') return { status: 404, reason: 'unknown-device' };
    log.info('webhook accepted', {
      device,
      source: input.source,
      kid: verdict.kid,
      iat_skew_s: Math.round(receivedAt / 1000 - verdict.iat),
      body_sha256: verdict.bodySha256,
      type: summary.type,
      code: summary.code,
      outcome,
    });
    return { status: 200, outcome };
  }
}
