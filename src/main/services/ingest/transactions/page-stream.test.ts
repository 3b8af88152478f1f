import type { TransactionsSyncResponse } from 'plaid';
import { describe, expect, it } from 'vitest';
import { PageStream } from './page-stream';

/** A fake /transactions/sync of `count` pages of `rows` rows; fetches are counted. */
function pages(count: number, rows: number, failAt: number | null = null) {
  const fetched: string[] = [];
  const fetchPage = async (cursor: string): Promise<TransactionsSyncResponse> => {
    fetched.push(cursor);
    const n = cursor === '' ? 0 : Number(cursor);
    await new Promise((r) => setTimeout(r, 1));
    if (n === failAt) throw new Error(`page ${n} failed`);
    return {
      accounts: [],
      added: Array.from({ length: rows }, (_, i) => ({ transaction_id: `${n}-${i}` })),
      modified: [],
      removed: [],
      next_cursor: String(n + 1),
      has_more: n + 1 < count,
      request_id: `r${n}`,
      transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
    } as unknown as TransactionsSyncResponse;
  };
  return { fetched, fetchPage };
}

const ids = (batch: { pages: TransactionsSyncResponse[] }) => batch.pages.map((p) => p.request_id);

describe('PageStream', () => {
  it('hands over every page once, in order, batching what has arrived up to the row budget', async () => {
    const { fetchPage } = pages(12, 10);
    const stream = new PageStream(fetchPage, '', 5);
    const seen: string[] = [];
    await new Promise((r) => setTimeout(r, 50)); // let the look-ahead fill
    const first = await stream.next(30);
    expect(first.pages.length).toBe(3); // 30 rows of budget, 10 a page
    seen.push(...ids(first));
    for (;;) {
      const batch = await stream.next(1000);
      expect(batch.error).toBeNull();
      seen.push(...ids(batch));
      if (!batch.pages[batch.pages.length - 1]!.has_more) break;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `r${i}`));
  });

  it('never fetches more than its look-ahead beyond what was taken', async () => {
    const { fetchPage, fetched } = pages(50, 1);
    const stream = new PageStream(fetchPage, '', 4);
    await new Promise((r) => setTimeout(r, 80));
    expect(fetched.length).toBe(4);
    await stream.next(2);
    await new Promise((r) => setTimeout(r, 80));
    expect(fetched.length).toBe(6);
    stream.stop();
  });

  it('hands over the pages before a failure, then the failure, and fetches nothing after it', async () => {
    const { fetchPage, fetched } = pages(10, 5, 3);
    const stream = new PageStream(fetchPage, '', 10);
    await new Promise((r) => setTimeout(r, 50));
    const batch = await stream.next(1000);
    expect(ids(batch)).toEqual(['r0', 'r1', 'r2']);
    expect(String(batch.error)).toContain('page 3 failed');
    expect(fetched).toEqual(['', '1', '2', '3']);
  });

  it('a single page larger than the budget still comes through', async () => {
    const { fetchPage } = pages(2, 50);
    const stream = new PageStream(fetchPage, '', 2);
    const batch = await stream.next(10);
    expect(batch.pages).toHaveLength(1);
    stream.stop();
  });
});
