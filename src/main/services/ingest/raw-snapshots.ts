/**
 * Plaid's raw response per Item and product, the latest one only: what a product's processor
 * reads, so it can run again offline (a fix to the processor, a new column) without asking Plaid.
 * Only for products whose data is small; never Auth's account numbers.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';

export interface RawSnapshot {
  fetchedAt: string;
  response: unknown;
}

/** Keeps a response in place of the Item's previous one for the product. Inside a write transaction. */
export function keepRawSnapshot(
  ledger: Ledger,
  itemId: string,
  product: string,
  response: unknown,
  fetchedAt: string,
): void {
  stmt(
    ledger.db,
    `INSERT INTO raw_snapshots (item_id, product, fetched_at, response_json) VALUES (?, ?, ?, ?)
     ON CONFLICT (item_id, product) DO UPDATE SET fetched_at = excluded.fetched_at,
       response_json = excluded.response_json`,
  ).run(itemId, product, fetchedAt, JSON.stringify(response));
}

export function rawSnapshot(ledger: Ledger, itemId: string, product: string): RawSnapshot | null {
  const row = stmt(
    ledger.db,
    `SELECT fetched_at, response_json FROM raw_snapshots WHERE item_id = ? AND product = ?`,
  ).get(itemId, product) as { fetched_at: string; response_json: string } | undefined;
  return row ? { fetchedAt: row.fetched_at, response: JSON.parse(row.response_json) as unknown } : null;
}
