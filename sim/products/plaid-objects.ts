/**
 * The simulator's models turned into Plaid's objects, field for field as the OpenAPI spec names
 * them: securities, holdings, investment transactions, liabilities, owners.
 */
import { isoFromDay, type Day } from '../dates';
import { deriveId } from '../ids';
import { roundCents } from '../prng';
import type { PlaidAccount } from '../view';
import type { AccountKey } from './account-keys';
import { loanAccountNumber } from './identity';
import {
  closePrice,
  securityIdOf,
  tradingDay,
  SECURITIES,
  type HoldingRow,
  type InvestmentEvent,
  type SecurityDef,
} from './investments';
import type { CardStatus } from '../card-cycle';
import { CARD_APRS, type Loan } from './liabilities';

export function securityObject(seed: number, security: SecurityDef, day: Day): Record<string, unknown> {
  const listed = security.type === 'equity' || security.type === 'etf';
  const fi = security.fixedIncome;
  return {
    security_id: securityIdOf(security.key),
    isin: null,
    cusip: security.cusip,
    sedol: null,
    figi: null,
    institution_security_id: null,
    institution_id: null,
    proxy_security_id: null,
    name: security.name,
    ticker_symbol: security.ticker,
    is_cash_equivalent: security.type === 'cash',
    type: security.type,
    subtype: security.subtype,
    close_price: closePrice(seed, security, day),
    close_price_as_of: isoFromDay(tradingDay(day)),
    update_datetime: null,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    market_identifier_code: listed ? 'XNAS' : null,
    sector: security.sector,
    industry: security.industry,
    cfi_code: null,
    option_contract: null,
    fixed_income: fi
      ? {
          yield_rate: { percentage: fi.coupon, type: 'coupon' },
          maturity_date: fi.maturityDate,
          issue_date: fi.issueDate,
          face_value: fi.faceValue,
        }
      : null,
  };
}

export function holdingObject(accountId: string, row: HoldingRow, vested: boolean): Record<string, unknown> {
  return {
    account_id: accountId,
    security_id: securityIdOf(row.security.key),
    institution_price: row.price,
    institution_price_as_of: isoFromDay(row.priceDay),
    institution_price_datetime: null,
    institution_value: row.value,
    cost_basis: roundCents(row.costBasis),
    quantity: row.quantity,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    ...(vested ? { vested_quantity: row.quantity, vested_value: row.value } : {}),
  };
}

/** The uninvested cash of an account, a holding of Plaid's cash security. */
export function cashHoldingRow(cash: number, day: Day): HoldingRow | null {
  const security = SECURITIES.cash;
  if (!security || cash === 0) return null;
  return { security, quantity: cash, price: 1, priceDay: day, value: roundCents(cash), costBasis: cash };
}

export function investmentTransactionObject(
  itemId: string,
  key: AccountKey,
  accountId: string,
  event: InvestmentEvent,
): Record<string, unknown> {
  return {
    investment_transaction_id: deriveId(itemId, `investment:${key}:${event.slot}`),
    cancel_transaction_id: null,
    account_id: accountId,
    security_id: securityIdOf(event.security),
    date: isoFromDay(event.day),
    transaction_datetime: null,
    name: event.name,
    quantity: event.milliQuantity / 1000,
    amount: event.amountCents / 100,
    price: event.price,
    fees: event.feesCents === null ? null : event.feesCents / 100,
    type: event.type,
    subtype: event.subtype,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
  };
}

/** Investment accounts' balances carry a margin loan amount the other account kinds lack. */
export function investmentAccountObject(account: PlaidAccount): PlaidAccount {
  return {
    ...account,
    balances: { ...account.balances, margin_loan_amount: null } as PlaidAccount['balances'],
  };
}

export function creditLiability(accountId: string, card: CardStatus) {
  return {
    account_id: accountId,
    // Purchases are all the card carries: the other APRs apply to nothing.
    aprs: CARD_APRS.map((apr) =>
      apr.apr_type === 'purchase_apr'
        ? {
            ...apr,
            balance_subject_to_apr: card.balanceSubjectToApr,
            interest_charge_amount: card.interestCharged,
          }
        : { ...apr, balance_subject_to_apr: 0, interest_charge_amount: 0 },
    ),
    is_overdue: card.isOverdue,
    last_payment_amount: card.lastPayment?.amount ?? null,
    last_payment_date: card.lastPayment ? isoFromDay(card.lastPayment.day) : null,
    last_statement_issue_date: isoFromDay(card.lastStatementIssueDate),
    last_statement_balance: card.lastStatementBalance,
    minimum_payment_amount: card.minimumPayment,
    next_payment_due_date: isoFromDay(card.nextPaymentDueDate),
  };
}

const SERVICER_ADDRESS = {
  city: 'San Matias',
  country: 'US',
  postal_code: '99415',
  region: 'CA',
  street: '123 Relaxation Road',
};

export function studentLiability(
  seed: number,
  institutionId: string,
  accountId: string,
  mask: string,
  loan: Loan,
  day: Day,
) {
  const status = loan.statusAt(day);
  const t = loan.terms;
  const statementDay = status.nextDueDate === null ? null : status.nextDueDate - 21;
  const issued =
    statementDay !== null && statementDay <= day ? statementDay : (status.lastPayment?.day ?? null);
  const issuedBalance = issued === null ? null : loan.statusAt(issued).balance;
  return {
    account_id: accountId,
    account_number: loanAccountNumber(seed, institutionId, 'student', mask),
    disbursement_dates: [isoFromDay(t.originationDay)],
    expected_payoff_date: isoFromDay(loan.maturityDay),
    guarantor: 'DEPT OF ED',
    interest_rate_percentage: t.ratePercent,
    is_overdue: false,
    last_payment_amount: status.lastPayment ? t.payment : null,
    last_payment_date: status.lastPayment ? isoFromDay(status.lastPayment.paidDay) : null,
    last_statement_balance: issuedBalance,
    last_statement_issue_date: issued === null ? null : isoFromDay(issued),
    loan_name: 'Consolidation',
    loan_status: {
      end_date: isoFromDay(status.inGrace ? (loan.schedule[0]?.day ?? t.originationDay) : loan.maturityDay),
      type: status.inGrace ? 'in grace' : 'repayment',
    },
    minimum_payment_amount: status.nextDueDate === null ? 0 : t.payment,
    next_payment_due_date: status.nextDueDate === null ? null : isoFromDay(status.nextDueDate),
    origination_date: isoFromDay(t.originationDay),
    origination_principal_amount: t.principal,
    outstanding_interest_amount: status.accruedInterest,
    payment_reference_number: loanAccountNumber(seed, institutionId, 'student-reference', mask),
    pslf_status: { estimated_eligibility_date: null, payments_made: null, payments_remaining: null },
    repayment_plan: { description: 'Standard Repayment', type: 'standard' },
    sequence_number: '1',
    servicer_address: SERVICER_ADDRESS,
    ytd_interest_paid: status.ytdInterest,
    ytd_principal_paid: status.ytdPrincipal,
  };
}

export function mortgageLiability(
  seed: number,
  institutionId: string,
  accountId: string,
  mask: string,
  loan: Loan,
  day: Day,
  property: { street: string; city: string | null; region: string | null; postal_code: string | null },
) {
  const status = loan.statusAt(day);
  const t = loan.terms;
  const monthly = roundCents(t.payment + t.escrowMonthly);
  return {
    account_id: accountId,
    account_number: loanAccountNumber(seed, institutionId, 'mortgage', mask),
    current_late_fee: 0,
    // Escrow fills monthly and pays property tax and insurance twice a year.
    escrow_balance: roundCents(t.escrowMonthly * ((status.paymentsMade % 6) + 1)),
    has_pmi: false,
    has_prepayment_penalty: false,
    interest_rate: { percentage: t.ratePercent, type: 'fixed' },
    last_payment_amount: status.lastPayment ? monthly : null,
    last_payment_date: status.lastPayment ? isoFromDay(status.lastPayment.paidDay) : null,
    loan_type_description: 'conventional',
    loan_term: '30 year',
    maturity_date: isoFromDay(loan.maturityDay),
    next_monthly_payment: status.nextDueDate === null ? 0 : monthly,
    next_payment_due_date: status.nextDueDate === null ? null : isoFromDay(status.nextDueDate),
    origination_date: isoFromDay(t.originationDay),
    origination_principal_amount: t.principal,
    past_due_amount: status.pastDue,
    property_address: { ...property, country: 'US' },
    ytd_interest_paid: status.ytdInterest,
    ytd_principal_paid: status.ytdPrincipal,
  };
}
