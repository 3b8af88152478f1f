/**
 * The household's debts as Plaid's Liabilities product reports them: the credit card's
 * statements (derived from the card purchases the household generator makes, so the statement
 * balance is exactly what the checking account pays on the 20th), and two amortizing loans, a
 * student loan and a mortgage, whose schedules are fixed at origination by the seed.
 */
import { calendar, dayFromIso, daysInMonthIndex, firstDayOfMonthIndex, monthIndex, type Day } from '../dates';
import { householdFor } from '../generator';
import { rngFor, roundCents } from '../prng';

export type LoanAccountKey = 'student' | 'mortgage';

/** The generator's card is paid in full on this day of each month (see generator.ts). */
const CARD_PAYMENT_DAY = 20;

export const CARD_APRS = [
  { apr_type: 'purchase_apr', apr_percentage: 12.5 },
  { apr_type: 'cash_apr', apr_percentage: 27.99 },
  { apr_type: 'balance_transfer_apr', apr_percentage: 19.99 },
  { apr_type: 'special', apr_percentage: 0 },
] as const;

export interface CardStatus {
  lastStatementIssueDate: Day;
  lastStatementBalance: number;
  minimumPayment: number;
  nextPaymentDueDate: Day;
  lastPaymentDate: Day | null;
  lastPaymentAmount: number | null;
  isOverdue: boolean;
}

/** Card purchases authorized in a calendar month: the statement that closes at its end. */
function statementOf(seed: number, institutionId: string, month: number): number {
  const household = householdFor(seed, institutionId);
  const first = firstDayOfMonthIndex(month);
  let total = 0;
  for (let day = first; day < first + daysInMonthIndex(month); day++) {
    for (const e of household.eventsOn('credit', day)) if (e.kind === 'purchase') total += e.amount;
  }
  return roundCents(total);
}

function minimumPaymentFor(balance: number): number {
  if (balance <= 0) return 0;
  return roundCents(Math.min(balance, Math.max(25, balance * 0.02)));
}

export function cardStatusAt(seed: number, institutionId: string, day: Day): CardStatus {
  const month = monthIndex(day);
  const { dayOfMonth } = calendar(day);
  const issued = firstDayOfMonthIndex(month) - 1;
  const balance = Math.max(0, statementOf(seed, institutionId, month - 1));
  const paidThisMonth = dayOfMonth >= CARD_PAYMENT_DAY;
  const paymentMonth = paidThisMonth ? month : month - 1;
  const paymentDay = firstDayOfMonthIndex(paymentMonth) + CARD_PAYMENT_DAY - 1;
  const paid = statementOf(seed, institutionId, paymentMonth - 1);
  return {
    lastStatementIssueDate: issued,
    lastStatementBalance: balance,
    minimumPayment: paidThisMonth ? 0 : minimumPaymentFor(balance),
    nextPaymentDueDate: firstDayOfMonthIndex(paidThisMonth ? month + 1 : month) + CARD_PAYMENT_DAY - 1,
    lastPaymentDate: paid > 0 ? paymentDay : null,
    lastPaymentAmount: paid > 0 ? paid : null,
    // The household always pays its statement in full on the due date.
    isOverdue: false,
  };
}

export interface LoanPayment {
  day: Day;
  interest: number;
  principal: number;
  /** Principal left after this payment. */
  balance: number;
}

export interface LoanTerms {
  key: LoanAccountKey;
  originationDay: Day;
  principal: number;
  ratePercent: number;
  months: number;
  paymentDayOfMonth: number;
  /** Months between origination and the first payment (a student loan's grace period). */
  deferMonths: number;
  payment: number;
  /** Mortgage escrow added to each monthly payment. */
  escrowMonthly: number;
}

export interface LoanStatus {
  balance: number;
  paymentsMade: number;
  lastPayment: LoanPayment | null;
  nextDueDate: Day | null;
  ytdInterest: number;
  ytdPrincipal: number;
  accruedInterest: number;
  inGrace: boolean;
}

export class Loan {
  readonly terms: LoanTerms;
  readonly schedule: LoanPayment[];

  constructor(seed: number, institutionId: string, key: LoanAccountKey) {
    const rng = rngFor(seed, institutionId, 'loan', key);
    const student = key === 'student';
    const originMonth = monthIndex(dayFromIso(student ? '2019-08-01' : '2020-06-01')) + rng.int(0, 14);
    const principal = student ? rng.int(240, 420) * 100 : rng.int(280, 520) * 1000;
    const ratePercent = student ? rng.int(425, 680) / 100 : rng.int(275, 450) / 100;
    const months = student ? 120 : 360;
    const r = ratePercent / 100 / 12;
    const payment = roundCents((principal * r) / (1 - (1 + r) ** -months));
    this.terms = {
      key,
      originationDay: firstDayOfMonthIndex(originMonth) + rng.int(0, 20),
      principal,
      ratePercent,
      months,
      paymentDayOfMonth: student ? 5 : 1,
      deferMonths: student ? 6 : 2,
      payment,
      escrowMonthly: student ? 0 : roundCents(rng.amount(280, 520)),
    };
    this.schedule = [];
    let balance = principal;
    const firstMonth = monthIndex(this.terms.originationDay) + this.terms.deferMonths;
    for (let k = 0; k < months && balance > 0; k++) {
      const interest = roundCents(balance * r);
      const principalPart = roundCents(Math.min(balance, payment - interest));
      balance = roundCents(balance - principalPart);
      this.schedule.push({
        day: firstDayOfMonthIndex(firstMonth + k) + this.terms.paymentDayOfMonth - 1,
        interest,
        principal: principalPart,
        balance,
      });
    }
  }

  statusAt(day: Day): LoanStatus {
    let made = 0;
    while (made < this.schedule.length && this.schedule[made]!.day <= day) made++;
    const last = made > 0 ? this.schedule[made - 1]! : null;
    const balance = last ? last.balance : this.terms.principal;
    const year = calendar(day).year;
    let ytdInterest = 0;
    let ytdPrincipal = 0;
    for (let i = 0; i < made; i++) {
      const p = this.schedule[i]!;
      if (calendar(p.day).year !== year) continue;
      ytdInterest += p.interest;
      ytdPrincipal += p.principal;
    }
    const since = last ? last.day : this.terms.originationDay;
    return {
      balance,
      paymentsMade: made,
      lastPayment: last,
      nextDueDate: this.schedule[made]?.day ?? null,
      ytdInterest: roundCents(ytdInterest),
      ytdPrincipal: roundCents(ytdPrincipal),
      accruedInterest: roundCents((balance * this.terms.ratePercent * Math.max(0, day - since)) / 100 / 365),
      inGrace: made === 0,
    };
  }

  get maturityDay(): Day {
    return this.schedule.at(-1)?.day ?? this.terms.originationDay;
  }
}

const loans = new Map<string, Loan>();

export function loanFor(seed: number, institutionId: string, key: LoanAccountKey): Loan {
  const id = `${seed}|${institutionId}|${key}`;
  let loan = loans.get(id);
  if (!loan) {
    if (loans.size > 128) loans.clear();
    loan = new Loan(seed, institutionId, key);
    loans.set(id, loan);
  }
  return loan;
}
