/** Reading the `liabilities` rows the Liabilities syncer writes, and the payments posted to them. */
import { Liability, LiabilityDetail } from '../../../shared/contract/liabilities';
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';

interface LiabilityDbRow {
  account_id: string;
  item_id: string;
  institution_name: string;
  name: string;
  mask: string | null;
  kind: Liability['kind'];
  currency: string;
  current_minor: number | null;
  next_payment_due_date: string | null;
  amount_due_minor: number | null;
  last_statement_balance_minor: number | null;
  last_statement_issue_date: string | null;
  last_payment_date: string | null;
  last_payment_minor: number | null;
  is_overdue: number | null;
  detail_json: string;
  updated_at: string;
}

export function listLiabilities(ledger: Ledger): Liability[] {
  const rows = stmt(
    ledger.db,
    `SELECT l.*, a.name, a.mask, a.current_minor, i.institution_name
     FROM liabilities l JOIN accounts a ON a.account_id = l.account_id JOIN items i ON i.item_id = l.item_id
     WHERE i.removed_at IS NULL
     ORDER BY i.institution_name, l.kind, a.name, l.account_id`,
  ).all() as LiabilityDbRow[];
  return rows.map((r) => ({
    accountId: r.account_id,
    itemId: r.item_id,
    institutionName: r.institution_name,
    accountName: r.name,
    mask: r.mask,
    kind: r.kind,
    currency: r.currency,
    balanceMinor: r.current_minor,
    nextPaymentDueDate: r.next_payment_due_date,
    amountDueMinor: r.amount_due_minor,
    lastStatementBalanceMinor: r.last_statement_balance_minor,
    lastStatementIssueDate: r.last_statement_issue_date,
    lastPaymentDate: r.last_payment_date,
    lastPaymentMinor: r.last_payment_minor,
    isOverdue: r.is_overdue === null ? null : r.is_overdue === 1,
    detail: LiabilityDetail.parse(JSON.parse(r.detail_json)),
    updatedAt: r.updated_at,
  }));
}

/**
 * Payments posted to a liability account after `afterDate` up to `today`: Plaid signs money into
 * an account negative, so a payment is a posted transaction with a negative amount.
 */
export function paymentsPosted(ledger: Ledger, accountId: string, afterDate: string, today: string): number {
  const total = stmt(
    ledger.db,
    `SELECT coalesce(sum(-amount_minor), 0) FROM transactions
     WHERE account_id = ? AND pending = 0 AND amount_minor < 0 AND date > ? AND date <= ?`,
  )
    .pluck()
    .get(accountId, afterDate, today) as number;
  return total;
}
