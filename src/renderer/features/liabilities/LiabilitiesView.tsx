import { useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Liability } from '../../../shared/contract/liabilities';
import { formatMoney } from '../../../shared/money';
import { formatDay } from '../../ui/format/display';
import { liabilitiesSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const KIND_LABEL: Record<Liability['kind'], string> = {
  credit: 'Credit card',
  student: 'Student loan',
  mortgage: 'Mortgage',
};

const money = (minor: number | null, currency: string) =>
  minor === null ? '—' : formatMoney(minor, currency);
const day = (iso: string | null) => (iso ? formatDay(iso) : '—');

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Details({ l }: { l: Liability }) {
  const d = l.detail;
  const m = (minor: number | null) => money(minor, l.currency);
  if (d.kind === 'credit')
    return (
      <table className="data-table" aria-label={`APRs of ${l.accountName}`}>
        <thead>
          <tr>
            <th scope="col">APR type</th>
            <th scope="col" className="num">
              APR
            </th>
            <th scope="col" className="num">
              Balance subject to it
            </th>
            <th scope="col" className="num">
              Interest charged
            </th>
          </tr>
        </thead>
        <tbody>
          {d.aprs.map((a) => (
            <tr key={a.type}>
              <td>{a.type.replace(/_/g, ' ')}</td>
              <td className="num">{a.percentage}%</td>
              <td className="num">{m(a.balanceSubjectMinor)}</td>
              <td className="num">{m(a.interestChargeMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  if (d.kind === 'student')
    return (
      <Facts
        rows={[
          ['Loan', d.loanName ?? '—'],
          ['Guarantor', d.guarantor ?? '—'],
          ['Servicer address', d.servicerAddress ?? '—'],
          ['Repayment plan', d.repaymentPlan ?? '—'],
          ['Status', d.repaymentStatus ?? '—'],
          ['Interest rate', `${d.interestRatePercentage}%`],
          ['Outstanding interest', m(d.outstandingInterestMinor)],
          ['Expected payoff', day(d.expectedPayoffDate)],
          ['Interest paid this year', m(d.ytdInterestMinor)],
          ['Principal paid this year', m(d.ytdPrincipalMinor)],
        ]}
      />
    );
  return (
    <Facts
      rows={[
        ['Rate', d.ratePercentage === null ? '—' : `${d.ratePercentage}% ${d.rateType ?? ''}`.trim()],
        ['Next monthly payment', m(d.nextMonthlyPaymentMinor)],
        ['Escrow balance', m(d.escrowBalanceMinor)],
        ['Past due', m(d.pastDueMinor)],
        ['Interest paid this year', m(d.ytdInterestMinor)],
        ['Principal paid this year', m(d.ytdPrincipalMinor)],
        ['Maturity', day(d.maturityDate)],
        ['Property', d.propertyAddress ?? '—'],
      ]}
    />
  );
}

function LiabilityCard({ l }: { l: Liability }) {
  return (
    <section
      className="liability"
      aria-label={`${l.institutionName} ${l.accountName}`}
      data-testid="liability"
      data-kind={l.kind}
    >
      <h3>
        {l.accountName}{' '}
        <span className="muted small">
          · {KIND_LABEL[l.kind]} · {l.institutionName}
        </span>
        {l.isOverdue && <span className="badge badge-error">Overdue</span>}
      </h3>
      <Facts
        rows={[
          ['Balance', <span data-testid="liability-balance">{money(l.balanceMinor, l.currency)}</span>],
          ['Next payment due', day(l.nextPaymentDueDate)],
          [l.kind === 'mortgage' ? 'Payment due' : 'Minimum payment', money(l.amountDueMinor, l.currency)],
          ...(l.kind === 'mortgage'
            ? []
            : ([
                [
                  'Last statement',
                  `${money(l.lastStatementBalanceMinor, l.currency)} on ${day(l.lastStatementIssueDate)}`,
                ],
              ] as [string, ReactNode][])),
          [
            'Last payment',
            l.lastPaymentDate ? `${money(l.lastPaymentMinor, l.currency)} on ${day(l.lastPaymentDate)}` : '—',
          ],
        ]}
      />
      <Details l={l} />
    </section>
  );
}

export function LiabilitiesView() {
  const { liabilities } = liabilitiesSlice.useSlice();
  const list = useStore(liabilities, (s) => s.liabilities);
  const loaded = useStore(liabilities, (s) => s.loaded);
  useViewReady('liabilities', loaded);
  useEffect(() => {
    void liabilities.getState().load();
  }, [liabilities]);
  return (
    <section className="panel view-panel" aria-labelledby="liabilities-title">
      <div className="panel-heading">
        <h2 id="liabilities-title">Liabilities</h2>
        <span className="muted small">{loaded ? 'As your banks last reported them' : 'Loading…'}</span>
      </div>
      <div className="view-body">
        {loaded && list.length === 0 && (
          <p className="muted">
            No credit cards or loans with liabilities data yet: link a bank with Liabilities.
          </p>
        )}
        {list.map((l) => (
          <LiabilityCard key={l.accountId} l={l} />
        ))}
      </div>
    </section>
  );
}
