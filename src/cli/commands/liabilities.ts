import type { Liability, UpcomingPayment } from '../../shared/contract/liabilities';
import { commonFlags } from '../args';
import type { Command } from '../command';
import { call, withCore } from '../core-session';
import { formatMajor, tsv } from '../format';

const major = (minor: number | null, currency: string) =>
  minor === null ? null : formatMajor(minor, currency);

function liabilityLine(l: Liability, p: UpcomingPayment | undefined): string {
  return tsv([
    l.accountId,
    l.institutionName,
    l.accountName,
    l.kind,
    major(l.balanceMinor, l.currency),
    l.currency,
    l.nextPaymentDueDate,
    major(l.amountDueMinor, l.currency),
    major(l.lastStatementBalanceMinor, l.currency),
    l.lastStatementIssueDate,
    p ? major(p.remainingStatementMinor, l.currency) : null,
    p?.state ?? null,
  ]);
}

/** The contract's liability (amounts in minor units) with its payment's state today. */
function liabilityJson(l: Liability, p: UpcomingPayment | undefined): string {
  return JSON.stringify({
    ...l,
    paymentState: p?.state ?? null,
    daysUntilDue: p?.daysUntilDue ?? null,
    remainingStatementMinor: p?.remainingStatementMinor ?? null,
  });
}

export const liabilitiesCommand: Command = {
  name: 'liabilities',
  summary: 'list credit cards and loans with what is due and when, one tab-separated line each',
  usage: 'coffer liabilities [--json]',
  optionsHelp: [
    '  --json                  one JSON object per line (amounts in minor units) instead of columns',
    '',
    'Columns: account_id, institution, account name, kind (credit, student, mortgage), balance, currency,',
    'next due date, amount due, last statement balance, statement date, statement balance left after',
    'payments since, state (paid, due-soon, overdue, upcoming).',
  ],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    const format = values.json === true ? liabilityJson : liabilityLine;
    await withCore(commonFlags(values), 'cli', async (core) => {
      const { liabilities } = await call(core, 'liabilities.list', {});
      const { payments } = await call(core, 'liabilities.upcoming', {});
      const byAccount = new Map(payments.map((p) => [p.accountId, p]));
      for (const l of liabilities) io.out(format(l, byAccount.get(l.accountId)));
    });
  },
};
