/**
 * The household's debts as Plaid's Liabilities product reports them: the credit card's
 * statements (its cycle, card-cycle.ts, also makes the card's and checking's transactions, so the
 * two agree), and two amortizing loans, a student loan and a mortgage, whose schedules are fixed
 * at origination by the seed. A mortgage that runs a payment behind (the `past_due` scenario)
 * pays each payment from the scenario's month on a month after it was due.
 */
import { PURCHASE_APR_PERCENT, type CardStatus } from '../card-cycle';
import { calendar, dayFromIso, firstDayOfMonthIndex, monthIndex, type Day } from '../dates';
import { householdFor } from '../generator';
import { findInstitution } from '../institutions';
import { rngFor, roundCents } from '../prng';
import type { ItemRecord } from '../state';
import {
  PAYS_ON_TIME,
  scenarioFromBehaviour,
  scenarioFromRecord,
  scenarioKey,
  type LiabilityScenario,
} from './liability-scenario';

export type LoanAccountKey = 'student' | 'mortgage';

export const CARD_APRS = [
  { apr_type: 'purchase_apr', apr_percentage: PURCHASE_APR_PERCENT },
  { apr_type: 'cash_apr', apr_percentage: 27.99 },
  { apr_type: 'balance_transfer_apr', apr_percentage: 19.99 },
  { apr_type: 'special', apr_percentage: 0 },
] as const;

/** How the Item's household handles its debts: set on the Item by the admin API, else by its institution. */
export function liabilityScenarioOf(item: ItemRecord): LiabilityScenario {
  return item.liability_scenario
    ? scenarioFromRecord(item.liability_scenario)
    : scenarioFromBehaviour(findInstitution(item.institution_id)?.liabilities);
}

/** The card's statement figures on a day, from the same cycle that makes its transactions. */
export function cardStatusAt(
  seed: number,
  institutionId: string,
  volume: number,
  scenario: LiabilityScenario,
  day: Day,
): CardStatus {
  return householdFor(seed, institutionId, volume, scenario).card.statusAt(day);
}

export interface LoanPayment {
  /** The due date. */
  day: Day;
  /** When it was paid: the due date, or a month later for a mortgage running a payment behind. */
  paidDay: Day;
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
  /** Payments due by the day and not yet paid, escrow included. */
  pastDue: number;
}

export class Loan {
  readonly terms: LoanTerms;
  readonly schedule: LoanPayment[];

  constructor(seed: number, institutionId: string, key: LoanAccountKey, scenario: LiabilityScenario) {
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
    const behindFrom = key === 'mortgage' && scenario.mortgage === 'past_due' ? scenario.fromMonth : Infinity;
    const dueIn = (month: number) => firstDayOfMonthIndex(month) + this.terms.paymentDayOfMonth - 1;
    for (let k = 0; k < months && balance > 0; k++) {
      const interest = roundCents(balance * r);
      const principalPart = roundCents(Math.min(balance, payment - interest));
      balance = roundCents(balance - principalPart);
      const month = firstMonth + k;
      this.schedule.push({
        day: dueIn(month),
        paidDay: month >= behindFrom ? dueIn(month + 1) : dueIn(month),
        interest,
        principal: principalPart,
        balance,
      });
    }
  }

  statusAt(day: Day): LoanStatus {
    let made = 0;
    while (made < this.schedule.length && this.schedule[made]!.paidDay <= day) made++;
    let due = made;
    while (due < this.schedule.length && this.schedule[due]!.day <= day) due++;
    const last = made > 0 ? this.schedule[made - 1]! : null;
    const balance = last ? last.balance : this.terms.principal;
    const year = calendar(day).year;
    let ytdInterest = 0;
    let ytdPrincipal = 0;
    for (let i = 0; i < made; i++) {
      const p = this.schedule[i]!;
      if (calendar(p.paidDay).year !== year) continue;
      ytdInterest += p.interest;
      ytdPrincipal += p.principal;
    }
    const since = last ? last.paidDay : this.terms.originationDay;
    return {
      balance,
      paymentsMade: made,
      lastPayment: last,
      nextDueDate: this.schedule[made]?.day ?? null,
      ytdInterest: roundCents(ytdInterest),
      ytdPrincipal: roundCents(ytdPrincipal),
      accruedInterest: roundCents((balance * this.terms.ratePercent * Math.max(0, day - since)) / 100 / 365),
      inGrace: made === 0 && due === 0,
      pastDue: roundCents((due - made) * (this.terms.payment + this.terms.escrowMonthly)),
    };
  }

  get maturityDay(): Day {
    return this.schedule.at(-1)?.day ?? this.terms.originationDay;
  }
}

const loans = new Map<string, Loan>();

export function loanFor(
  seed: number,
  institutionId: string,
  key: LoanAccountKey,
  scenario: LiabilityScenario = PAYS_ON_TIME,
): Loan {
  const id = `${seed}|${institutionId}|${key}|${scenarioKey(scenario)}`;
  let loan = loans.get(id);
  if (!loan) {
    if (loans.size > 128) loans.clear();
    loan = new Loan(seed, institutionId, key, scenario);
    loans.set(id, loan);
  }
  return loan;
}
