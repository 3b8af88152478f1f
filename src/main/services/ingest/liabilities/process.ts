/**
 * A /liabilities/get answer into the ledger's `liabilities` rows: one per account, replaced
 * whole, and rows of accounts the answer no longer lists removed. Idempotent.
 */
import type { LiabilityDetail } from '../../../../shared/contract/liabilities';
import { toMinor } from '../../../../shared/money';
import type { Ledger } from '../../ledger/ledger';
import { nowIso, stmt } from '../../ledger/statements';
import type { SyncRunCounts } from '../state';
import type { PlaidCredit, PlaidLiabilitiesAnswer, PlaidMortgage, PlaidStudent } from './plaid-liabilities';

interface Row {
  accountId: string;
  kind: LiabilityDetail['kind'];
  nextPaymentDueDate: string | null;
  amountDue: number | null | undefined;
  lastStatementBalance: number | null | undefined;
  lastStatementIssueDate: string | null;
  lastPaymentDate: string | null;
  lastPayment: number | null | undefined;
  isOverdue: boolean | null;
  detail: (minor: (amount: number | null | undefined) => number | null) => LiabilityDetail;
}

function joinAddress(
  a:
    | { street?: string | null; city?: string | null; region?: string | null; postal_code?: string | null }
    | null
    | undefined,
) {
  if (!a) return null;
  const text = [a.street, a.city, [a.region, a.postal_code].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return text || null;
}

/** The fields Plaid's card and student-loan objects share, read alike. */
function statementFields(x: PlaidCredit | PlaidStudent) {
  return {
    nextPaymentDueDate: x.next_payment_due_date ?? null,
    amountDue: x.minimum_payment_amount,
    lastStatementBalance: x.last_statement_balance,
    lastStatementIssueDate: x.last_statement_issue_date ?? null,
    lastPaymentDate: x.last_payment_date ?? null,
    lastPayment: x.last_payment_amount,
    isOverdue: x.is_overdue ?? null,
  };
}

function creditRow(c: PlaidCredit & { account_id: string }): Row {
  return {
    accountId: c.account_id,
    kind: 'credit',
    ...statementFields(c),
    detail: (minor) => ({
      kind: 'credit',
      aprs: c.aprs.map((apr) => ({
        type: apr.apr_type,
        percentage: apr.apr_percentage,
        balanceSubjectMinor: minor(apr.balance_subject_to_apr),
        interestChargeMinor: minor(apr.interest_charge_amount),
      })),
    }),
  };
}

function studentRow(s: PlaidStudent & { account_id: string }): Row {
  return {
    accountId: s.account_id,
    kind: 'student',
    ...statementFields(s),
    detail: (minor) => ({
      kind: 'student',
      loanName: s.loan_name ?? null,
      guarantor: s.guarantor ?? null,
      servicerAddress: joinAddress(s.servicer_address),
      repaymentPlan: s.repayment_plan?.description ?? s.repayment_plan?.type ?? null,
      repaymentStatus: s.loan_status?.type ?? null,
      repaymentStatusEndDate: s.loan_status?.end_date ?? null,
      interestRatePercentage: s.interest_rate_percentage,
      outstandingInterestMinor: minor(s.outstanding_interest_amount),
      expectedPayoffDate: s.expected_payoff_date ?? null,
      ytdInterestMinor: minor(s.ytd_interest_paid),
      ytdPrincipalMinor: minor(s.ytd_principal_paid),
      originationDate: s.origination_date ?? null,
      originationPrincipalMinor: minor(s.origination_principal_amount),
    }),
  };
}

function mortgageRow(m: PlaidMortgage): Row {
  return {
    accountId: m.account_id,
    kind: 'mortgage',
    nextPaymentDueDate: m.next_payment_due_date ?? null,
    amountDue: m.next_monthly_payment,
    lastStatementBalance: null,
    lastStatementIssueDate: null,
    lastPaymentDate: m.last_payment_date ?? null,
    lastPayment: m.last_payment_amount,
    // Plaid's mortgage object has no overdue flag: an amount past due is one.
    isOverdue: m.past_due_amount == null ? null : m.past_due_amount > 0,
    detail: (minor) => ({
      kind: 'mortgage',
      rateType: m.interest_rate.type ?? null,
      ratePercentage: m.interest_rate.percentage ?? null,
      nextMonthlyPaymentMinor: minor(m.next_monthly_payment),
      escrowBalanceMinor: minor(m.escrow_balance),
      ytdInterestMinor: minor(m.ytd_interest_paid),
      ytdPrincipalMinor: minor(m.ytd_principal_paid),
      maturityDate: m.maturity_date ?? null,
      pastDueMinor: minor(m.past_due_amount),
      currentLateFeeMinor: minor(m.current_late_fee),
      loanTerm: m.loan_term ?? null,
      loanTypeDescription: m.loan_type_description ?? null,
      originationDate: m.origination_date ?? null,
      originationPrincipalMinor: minor(m.origination_principal_amount),
      propertyAddress: joinAddress(m.property_address),
      hasPmi: m.has_pmi ?? null,
      hasPrepaymentPenalty: m.has_prepayment_penalty ?? null,
    }),
  };
}

const withAccount = <T extends { account_id?: string | null }>(x: T): x is T & { account_id: string } =>
  typeof x.account_id === 'string' && x.account_id.length > 0;

export function processLiabilities(
  ledger: Ledger,
  itemId: string,
  answer: PlaidLiabilitiesAnswer,
): SyncRunCounts {
  const { credit, student, mortgage } = answer.liabilities;
  const rows: Row[] = [
    ...(credit ?? []).filter(withAccount).map(creditRow),
    ...(student ?? []).filter(withAccount).map(studentRow),
    ...(mortgage ?? []).map(mortgageRow),
  ];
  const currencyOf = new Map(
    answer.accounts.map((a) => [
      a.account_id,
      a.balances.iso_currency_code ?? a.balances.unofficial_currency_code ?? null,
    ]),
  );
  const known = stmt(ledger.db, `SELECT account_id, currency FROM accounts WHERE item_id = ?`).all(
    itemId,
  ) as {
    account_id: string;
    currency: string;
  }[];
  const ledgerCurrency = new Map(known.map((a) => [a.account_id, a.currency]));
  const existing = new Set(
    stmt(ledger.db, `SELECT account_id FROM liabilities WHERE item_id = ?`).pluck().all(itemId) as string[],
  );
  const upsert = stmt(
    ledger.db,
    `INSERT INTO liabilities (account_id, item_id, kind, currency, next_payment_due_date, amount_due_minor,
       last_statement_balance_minor, last_statement_issue_date, last_payment_date, last_payment_minor,
       is_overdue, detail_json, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET item_id = excluded.item_id, kind = excluded.kind,
       currency = excluded.currency, next_payment_due_date = excluded.next_payment_due_date,
       amount_due_minor = excluded.amount_due_minor,
       last_statement_balance_minor = excluded.last_statement_balance_minor,
       last_statement_issue_date = excluded.last_statement_issue_date,
       last_payment_date = excluded.last_payment_date, last_payment_minor = excluded.last_payment_minor,
       is_overdue = excluded.is_overdue, detail_json = excluded.detail_json, updated_at = excluded.updated_at`,
  );
  const now = nowIso();
  const seen = new Set<string>();
  let added = 0;
  let modified = 0;
  for (const row of rows) {
    // The accounts come from the transactions sync; a liability of an account not kept is skipped.
    const accountCurrency = ledgerCurrency.get(row.accountId);
    if (accountCurrency === undefined) continue;
    const currency = currencyOf.get(row.accountId) ?? accountCurrency;
    const minor = (amount: number | null | undefined) => (amount == null ? null : toMinor(amount, currency));
    upsert.run(
      row.accountId,
      itemId,
      row.kind,
      currency,
      row.nextPaymentDueDate,
      minor(row.amountDue),
      minor(row.lastStatementBalance),
      row.lastStatementIssueDate,
      row.lastPaymentDate,
      minor(row.lastPayment),
      row.isOverdue === null ? null : row.isOverdue ? 1 : 0,
      JSON.stringify(row.detail(minor)),
      now,
    );
    seen.add(row.accountId);
    if (existing.has(row.accountId)) modified++;
    else added++;
  }
  let removed = 0;
  const remove = stmt(ledger.db, `DELETE FROM liabilities WHERE account_id = ?`);
  for (const id of existing) if (!seen.has(id)) removed += remove.run(id).changes;
  return { pages: 1, added, modified, removed };
}
