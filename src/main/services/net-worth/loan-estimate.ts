/**
 * A loan's balance before its first snapshot. Plaid reports loans without transactions, so
 * nothing in the ledger explains their past; their amortisation does. From the first snapshot's
 * balance, the rate and the months left to maturity give the monthly principal-and-interest
 * payment; walked backward one payment at a time (balance before = (balance after + payment) /
 * (1 + monthly rate)), capped at the amount originated (no payments in a grace period), it gives
 * the balance on each earlier day. Those days are marked as estimated wherever they are shown.
 * The walk starts at the later of the loan's origination and the start of the Item's transaction
 * history, so a loan and the accounts that pay it begin together and nothing jumps on the day the
 * Item was linked.
 */
import type { Ledger } from '../ledger/ledger';
import { stmt } from '../ledger/statements';
import { listLiabilities } from '../liabilities/store';
import { addDays, dayNumber, isoDay, maxDate } from './days';
import { snapshotsByDay } from './snapshots';
import type { AccountValueSource } from './value-source';

export interface LoanTerms {
  ratePercent: number;
  /** The last payment's date (maturity or expected payoff). */
  maturityDate: string;
  /** The day of the month payments fall due. */
  paymentDay: number;
  originationDate: string | null;
  originationPrincipalMinor: number | null;
}

/** The terms Liabilities reported for a loan account, or null when they cannot amortise it. */
export function loanTermsOf(ledger: Ledger, accountId: string): LoanTerms | null {
  const l = listLiabilities(ledger).find((x) => x.accountId === accountId);
  if (!l || l.detail.kind === 'credit') return null;
  const d = l.detail;
  const ratePercent = d.kind === 'student' ? d.interestRatePercentage : d.ratePercentage;
  const maturityDate = d.kind === 'student' ? d.expectedPayoffDate : d.maturityDate;
  if (ratePercent === null || maturityDate === null) return null;
  const dueOn = l.nextPaymentDueDate ?? maturityDate;
  return {
    ratePercent,
    maturityDate,
    paymentDay: Number(dueOn.slice(8, 10)),
    originationDate: d.originationDate,
    originationPrincipalMinor: d.originationPrincipalMinor,
  };
}

/** The first day the loan's estimate covers: origination, or the Item's first posted transaction if later. */
export function estimateStart(ledger: Ledger, accountId: string, terms: LoanTerms): string | null {
  const itemStart = stmt(
    ledger.db,
    `SELECT min(t.date) FROM transactions t JOIN accounts a ON a.item_id = t.item_id
     WHERE a.account_id = ? AND t.pending = 0`,
  )
    .pluck()
    .get(accountId) as string | null;
  if (itemStart === null) return null;
  return terms.originationDate ? maxDate(terms.originationDate, itemStart) : itemStart;
}

/** The payment dates on `paymentDay` (clamped to short months) in (from, to], newest first. */
function paymentDatesBackward(from: string, to: string, paymentDay: number): string[] {
  const dates: string[] = [];
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  for (;;) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(paymentDay, last)).padStart(2, '0')}`;
    if (date <= from) return dates;
    if (date <= to) dates.push(date);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
}

/**
 * The estimated balance on each day of [from, anchor.date), from the anchor (the first snapshot)
 * backward. Empty when `from` is not before the anchor.
 */
export function amortiseBackward(
  terms: LoanTerms,
  anchor: { date: string; balanceMinor: number },
  from: string,
): [string, number][] {
  if (from >= anchor.date) return [];
  const r = terms.ratePercent / 100 / 12;
  const remaining = Math.max(
    1,
    paymentDatesBackward(anchor.date, terms.maturityDate, terms.paymentDay).length,
  );
  const payment =
    r === 0 ? anchor.balanceMinor / remaining : (anchor.balanceMinor * r) / (1 - (1 + r) ** -remaining);
  const cap = terms.originationPrincipalMinor ?? Infinity;
  // Balance after each payment date, walking back: the day before a payment holds the balance before it.
  const payments = paymentDatesBackward(addDays(from, -1), anchor.date, terms.paymentDay);
  const out: [string, number][] = [];
  let balance = anchor.balanceMinor;
  let next = 0;
  for (let d = dayNumber(anchor.date) - 1; d >= dayNumber(from); d--) {
    const date = isoDay(d);
    // A payment on day d+1 (or on the anchor day itself) is not yet made on day d.
    while (next < payments.length && payments[next]! > date) {
      balance = Math.min(cap, Math.round((balance + payment) / (1 + r)));
      next++;
    }
    out.push([date, balance]);
  }
  return out.reverse();
}

/** Loans as a value source: their amortisation before the first snapshot, every day estimated. */
export const loanEstimateSource: AccountValueSource = {
  open: (ledger) => (accountId, firstSnapshot) => {
    const account = stmt(
      ledger.db,
      `SELECT a.type, EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = a.account_id AND t.pending = 0)
         AS has_posted
       FROM accounts a WHERE a.account_id = ?`,
    ).get(accountId) as { type: string; has_posted: number } | undefined;
    // A loan whose payments are in the ledger is walked through them instead.
    if (!account || account.type !== 'loan' || account.has_posted === 1) return null;
    const terms = loanTermsOf(ledger, accountId);
    const anchor = snapshotsByDay(ledger, accountId).get(firstSnapshot);
    if (!terms || anchor === undefined) return null;
    const from = estimateStart(ledger, accountId, terms);
    if (!from) return null;
    return new Map(
      amortiseBackward(terms, { date: firstSnapshot, balanceMinor: anchor }, from).map(([date, minor]) => [
        date,
        { valueMinor: minor, estimated: true },
      ]),
    );
  },
};
