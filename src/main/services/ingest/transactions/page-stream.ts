/**
 * Fetching /transactions/sync pages ahead of the apply step. Each page needs the previous one's
 * cursor, so pages come one at a time; while the ledger applies a batch, the next pages travel.
 * The look-ahead is bounded (memory), and whatever has arrived is handed over at once so it
 * commits as one batch (apply.ts: fewer, larger commits ingest faster).
 */
import type { TransactionsSyncResponse } from 'plaid';

export interface PageBatch {
  pages: TransactionsSyncResponse[];
  /** Set when fetching failed after these pages: apply them, then handle the error. */
  error: unknown;
}

export class PageStream {
  private readonly queue: TransactionsSyncResponse[] = [];
  private failure: { error: unknown } | null = null;
  private finished = false;
  private stopped = false;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(
    private readonly fetchPage: (cursor: string) => Promise<TransactionsSyncResponse>,
    start: string,
    private readonly maxAhead: number,
  ) {
    void this.pump(start);
  }

  private async pump(cursor: string): Promise<void> {
    try {
      for (;;) {
        while (this.queue.length >= this.maxAhead && !this.stopped)
          await new Promise<void>((resolve) => (this.wakeProducer = resolve));
        if (this.stopped) return;
        const page = await this.fetchPage(cursor);
        if (this.stopped) return;
        this.queue.push(page);
        this.wake();
        if (!page.has_more) {
          this.finished = true;
          return;
        }
        cursor = page.next_cursor;
      }
    } catch (error) {
      this.failure = { error };
      this.wake();
    }
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = null;
    wake?.();
  }

  /**
   * The pages that have arrived (at least one, at most maxRows rows' worth unless a single page is
   * larger), waiting for the first; or the fetch error once no page is left before it.
   */
  async next(maxRows: number): Promise<PageBatch> {
    while (this.queue.length === 0 && this.failure === null && !this.finished)
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    const pages: TransactionsSyncResponse[] = [];
    let rows = 0;
    while (this.queue.length > 0) {
      const page = this.queue[0];
      const size = page.added.length + page.modified.length + page.removed.length;
      if (pages.length > 0 && rows + size > maxRows) break;
      pages.push(page);
      rows += size;
      this.queue.shift();
    }
    const producer = this.wakeProducer;
    this.wakeProducer = null;
    producer?.();
    if (pages.length === 0 && this.failure === null) throw new Error('page stream read past its last page');
    return { pages, error: this.queue.length === 0 && this.failure ? this.failure.error : null };
  }

  /** Stops fetching (the attempt ended or failed); a fetch in flight is left to settle unseen. */
  stop(): void {
    this.stopped = true;
    const producer = this.wakeProducer;
    this.wakeProducer = null;
    producer?.();
  }
}
