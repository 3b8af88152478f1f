/**
 * The credit card's monthly cycle: each statement closes on the last day of its month and is due
 * on the 20th of the next. A household that pays in full pays the whole statement on the 20th; one
 * that carries a balance pays part of it (early, on time, late or only the minimum) and is charged
 * interest at the purchase APR on what it carried, posted at the statement close, plus a late fee
 * the day after a missed due date; an overdue one stops paying. Every figure the card's
 * liabilities report is read from here, and so are the transactions that move the card and the
 * checking account, so the two always agree.
 */
import { dayFromIso, daysInMonthIndex, firstDayOfMonthIndex, monthIndex, type Day } from './dates';
import { rngFor, roundCents } from './prng';
import type { LiabilityScenario } from './products/liability-scenario';

/** The day of the month each statement is due (and an on-time household pays). */
export const CARD_DUE_DAY = 20;
export const PURCHASE_APR_PERCENT = 12.5;
export const LATE_FEE = 30;
/** Cycles before this month are paid in full whatever the scenario: where the carried balance starts. */
const FIRST_CYCLE_MONTH = monthIndex(dayFromIso('2023-01-01'));
/** How far back the last payment is looked for. */
const PAYMENT_LOOKBACK_MONTHS = 36;

export interface CardPosting {
  day: Day;
  amount: number;
}

export interface CardMonth {
  month: number;
  /** The statement that closed at the end of the previous month: what this month's payment is for. */
  opening: number;
  /** Its minimum payment, past-due amount included. */
  minimumDue: number;
  /** The part of `minimumDue` left unpaid from earlier statements. */
  pastDue: number;
  /** The part of `minimumDue` this month's payment left unpaid: past due in the next statement. */
  unpaidMinimum: number;
  payment: CardPosting | null;
  lateFee: CardPosting | null;
  /** What was left of the opening statement after this month's payment: interest is charged on it. */
  carried: number;
  interest: CardPosting | null;
  /** The statement that closes at the end of this month. */
  closing: number;
  closingMinimum: number;
}

export interface CardStatus {
  lastStatementIssueDate: Day;
  lastStatementBalance: number;
  minimumPayment: number;
  nextPaymentDueDate: Day;
  lastPayment: CardPosting | null;
  isOverdue: boolean;
  /** Of the last statement: what was carried past its due date and the interest charged on it. */
  balanceSubjectToApr: number;
  interestCharged: number;
}

export function minimumPaymentFor(balance: number, pastDue = 0): number {
  if (balance <= 0) return 0;
  return roundCents(Math.min(balance, Math.max(25, balance * 0.02) + pastDue));
}

export class CardCycle {
  private readonly months = new Map<number, CardMonth>();

  constructor(
    private readonly seed: number,
    private readonly institutionId: string,
    private readonly scenario: LiabilityScenario,
    /** Card purchases authorized in a calendar month. */
    private readonly purchases: (month: number) => number,
  ) {}

  private paysInFull(month: number): boolean {
    return (
      this.scenario.card === 'pays_in_full' || month < this.scenario.fromMonth || month < FIRST_CYCLE_MONTH
    );
  }

  monthOf(month: number): CardMonth {
    const cached = this.months.get(month);
    if (cached) return cached;
    if (this.paysInFull(month) && this.paysInFull(month - 1)) return this.remember(this.inFull(month));
    // Walk forward from the last month whose statement was paid in full, so the chain never recurses deep.
    let start = month;
    while (!this.months.has(start - 1) && !(this.paysInFull(start - 1) && this.paysInFull(start - 2)))
      start--;
    let result: CardMonth | null = null;
    for (let m = start; m <= month; m++) result = this.months.get(m) ?? this.remember(this.next(m));
    return result!;
  }

  private remember(month: CardMonth): CardMonth {
    if (this.months.size > 4096) this.months.clear();
    this.months.set(month.month, month);
    return month;
  }

  /** A month of a household that has always paid in full: the old statement paid on the 20th. */
  private inFull(month: number): CardMonth {
    const opening = this.purchases(month - 1);
    const closing = this.purchases(month);
    return {
      month,
      opening,
      minimumDue: minimumPaymentFor(opening),
      pastDue: 0,
      unpaidMinimum: 0,
      payment: opening > 0 ? { day: firstDayOfMonthIndex(month) + CARD_DUE_DAY - 1, amount: opening } : null,
      lateFee: null,
      carried: 0,
      interest: null,
      closing,
      closingMinimum: minimumPaymentFor(closing),
    };
  }

  private next(month: number): CardMonth {
    const before = this.monthOf(month - 1);
    const opening = before.closing;
    const minimumDue = before.closingMinimum;
    const first = firstDayOfMonthIndex(month);
    const dueDay = first + CARD_DUE_DAY - 1;
    const payment = this.paymentIn(month, opening, minimumDue);
    const paid = payment?.amount ?? 0;
    const onTime = payment !== null && payment.day <= dueDay ? paid : 0;
    const lateFee = minimumDue > 0 && onTime < minimumDue ? { day: dueDay + 1, amount: LATE_FEE } : null;
    const carried = roundCents(Math.max(0, opening - paid));
    const interestAmount = roundCents((carried * PURCHASE_APR_PERCENT) / 100 / 12);
    const interest =
      interestAmount > 0 ? { day: first + daysInMonthIndex(month) - 1, amount: interestAmount } : null;
    const closing = roundCents(
      opening - paid + this.purchases(month) + (lateFee?.amount ?? 0) + (interest?.amount ?? 0),
    );
    const unpaidMinimum = roundCents(Math.max(0, minimumDue - paid));
    return {
      month,
      opening,
      minimumDue,
      pastDue: before.unpaidMinimum,
      unpaidMinimum,
      payment,
      lateFee,
      carried,
      interest,
      closing,
      closingMinimum: minimumPaymentFor(closing, unpaidMinimum),
    };
  }

  /** What the household pays this month toward the last statement, and when. */
  private paymentIn(month: number, statement: number, minimum: number): CardPosting | null {
    if (statement <= 0) return null;
    const first = firstDayOfMonthIndex(month);
    if (this.paysInFull(month)) return { day: first + CARD_DUE_DAY - 1, amount: statement };
    if (this.scenario.card === 'overdue') return null;
    const rng = rngFor(this.seed, this.institutionId, 'card-cycle', month);
    const roll = rng.next();
    const part = Math.min(statement, Math.max(minimum, roundCents(statement * (0.25 + 0.35 * rng.next()))));
    if (roll < 0.2) return { day: first + rng.int(8, 14) - 1, amount: part }; // early
    if (roll < 0.35) return { day: first + rng.int(23, 27) - 1, amount: part }; // late
    if (roll < 0.5) return { day: first + CARD_DUE_DAY - 1, amount: minimum }; // the minimum only
    return { day: first + rng.int(16, CARD_DUE_DAY) - 1, amount: part };
  }

  /** The card's own postings on a day: the payment received, a late fee, the interest charge. */
  postingsOn(day: Day): {
    payment: CardPosting | null;
    lateFee: CardPosting | null;
    interest: CardPosting | null;
  } {
    const m = this.monthOf(monthIndex(day));
    const on = (p: CardPosting | null) => (p && p.day === day ? p : null);
    return { payment: on(m.payment), lateFee: on(m.lateFee), interest: on(m.interest) };
  }

  /**
   * What the card owes at the end of `day`, counting every purchase authorized by then (a few not
   * yet posted, so every later payment is matched by purchases already counted).
   */
  owedAtEndOf(day: Day, purchasesSoFar: number): number {
    const m = this.monthOf(monthIndex(day));
    let owed = m.opening + purchasesSoFar;
    for (const p of [m.lateFee, m.interest]) if (p && p.day <= day) owed += p.amount;
    if (m.payment && m.payment.day <= day) owed -= m.payment.amount;
    return roundCents(owed);
  }

  statusAt(day: Day): CardStatus {
    const month = monthIndex(day);
    const m = this.monthOf(month);
    const previous = this.monthOf(month - 1);
    const dueDay = firstDayOfMonthIndex(month) + CARD_DUE_DAY - 1;
    const paid = m.payment && m.payment.day <= day ? m.payment.amount : 0;
    const metMinimum = paid >= m.minimumDue;
    let lastPayment: CardPosting | null = null;
    for (let k = month; k > month - PAYMENT_LOOKBACK_MONTHS && !lastPayment; k--) {
      const p = this.monthOf(k).payment;
      if (p && p.day <= day) lastPayment = p;
    }
    return {
      lastStatementIssueDate: firstDayOfMonthIndex(month) - 1,
      lastStatementBalance: Math.max(0, m.opening),
      minimumPayment: roundCents(Math.max(0, m.minimumDue - paid)),
      nextPaymentDueDate:
        day < dueDay || (day === dueDay && !metMinimum)
          ? dueDay
          : firstDayOfMonthIndex(month + 1) + CARD_DUE_DAY - 1,
      lastPayment,
      isOverdue: day > dueDay ? !metMinimum : m.pastDue > 0 && paid < m.pastDue,
      balanceSubjectToApr: previous.carried,
      interestCharged: previous.interest?.amount ?? 0,
    };
  }
}
