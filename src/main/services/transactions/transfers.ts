/**
 * Transfers between the user's own accounts: two rows of opposite amounts in the same currency,
 * on two of the user's accounts (every account in the ledger is the user's), dated within
 * PAIR_WINDOW_DAYS of each other, neither with a merchant (a refund from a shop is not a
 * transfer). Plaid's own TRANSFER_IN / TRANSFER_OUT and credit card payments are transfers too
 * (the `is_transfer` generated column); the user's category decides over both.
 *
 * Runs over rows not yet checked (new or changed since), after each sync, in batches.
 */
import { stmt, type Db } from '../ledger/statements';

export const PAIR_WINDOW_DAYS = 4;
const BATCH = 2000;

interface Candidate {
  transaction_id: string;
  account_id: string;
  amount_minor: number;
  currency: string;
  date: string;
  pending: number;
  merchant_name: string | null;
  transfer_pair_id: string | null;
}

export function detectTransfers(db: Db, write: <T>(fn: () => T) => T): number {
  const unchecked = stmt(
    db,
    `SELECT transaction_id, account_id, amount_minor, currency, date, pending, merchant_name, transfer_pair_id
     FROM transactions WHERE transfer_checked = 0 LIMIT ?`,
  );
  const partnerOf = stmt(
    db,
    `SELECT transaction_id FROM transactions
     WHERE amount_minor = ? AND date BETWEEN date(?, '-${PAIR_WINDOW_DAYS} days') AND date(?, '+${PAIR_WINDOW_DAYS} days')
       AND currency = ? AND account_id <> ? AND pending = 0 AND merchant_name IS NULL AND transfer_pair_id IS NULL
       AND transaction_id <> ?
     ORDER BY abs(julianday(date) - julianday(?)), transaction_id LIMIT 1`,
  );
  const stillPaired = stmt(
    db,
    `SELECT 1 FROM transactions WHERE transaction_id = ? AND amount_minor = ? AND currency = ? AND account_id <> ?
       AND transfer_pair_id = ?`,
  );
  const pair = stmt(
    db,
    `UPDATE transactions SET transfer_pair_id = ?, transfer_checked = 1 WHERE transaction_id = ?`,
  );
  const unpair = stmt(
    db,
    `UPDATE transactions SET transfer_pair_id = NULL, transfer_checked = 0 WHERE transaction_id = ? AND transfer_pair_id = ?`,
  );
  const done = stmt(db, `UPDATE transactions SET transfer_checked = 1 WHERE transaction_id = ?`);
  let paired = 0;
  for (;;) {
    const rows = unchecked.all(BATCH) as Candidate[];
    if (rows.length === 0) break;
    write(() => {
      for (const r of rows) {
        if (r.transfer_pair_id !== null) {
          if (
            stillPaired.get(r.transfer_pair_id, -r.amount_minor, r.currency, r.account_id, r.transaction_id)
          ) {
            done.run(r.transaction_id);
            continue;
          }
          // The partner changed: both look again.
          unpair.run(r.transfer_pair_id, r.transaction_id);
          stmt(db, `UPDATE transactions SET transfer_pair_id = NULL WHERE transaction_id = ?`).run(
            r.transaction_id,
          );
        }
        if (r.pending === 0 && r.merchant_name === null && r.amount_minor !== 0) {
          const partner = partnerOf
            .pluck()
            .get(-r.amount_minor, r.date, r.date, r.currency, r.account_id, r.transaction_id, r.date) as
            string | undefined;
          if (partner) {
            pair.run(r.transaction_id, partner);
            pair.run(partner, r.transaction_id);
            paired++;
            continue;
          }
        }
        done.run(r.transaction_id);
      }
    });
  }
  return paired;
}
