import { useEffect } from 'react';
import { useStore } from 'zustand';
import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { ViewHeading } from '../../ui/ViewHeading';
import { AddProductButton } from '../accounts/AddProductButton';
import { incomeSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

const FREQUENCY: Record<string, string> = {
  WEEKLY: 'Weekly',
  BIWEEKLY: 'Every two weeks',
  SEMI_MONTHLY: 'Twice a month',
  MONTHLY: 'Monthly',
  UNKNOWN: 'Irregular',
};

const words = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');

export function IncomeView() {
  const { income } = incomeSlice.useSlice();
  const shell = useShell();
  const { report, itemIds, loaded } = useStore(income);
  useViewReady('income', loaded);
  const items = useStore(shell.items, (s) => s.items).filter((i) => !i.removedAt && !itemIds.includes(i.id));
  useEffect(() => {
    void income.getState().load();
    void shell.items.getState().load();
  }, [income, shell.items]);

  return (
    <section className="panel" aria-labelledby="income-heading">
      <ViewHeading id="income-heading" title="Income" />
      {!report && <p>No bank shares income with Coffer yet.</p>}
      {items.map((i) => (
        <AddProductButton key={i.id} item={i} product="income" label="Income" />
      ))}
      {report && (
        <>
          <p>
            {report.startDate} to {report.endDate}:{' '}
            {report.totals.map((t) => formatMoney(t.amountMinor, t.currency)).join(' + ')} from{' '}
            {report.sources.length} sources.
          </p>
          <table className="data-table" aria-label="Income sources">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Bank</th>
                <th scope="col">Category</th>
                <th scope="col">Pay frequency</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col" className="num">
                  Deposits
                </th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {report.sources.map((s) => (
                <tr key={s.sourceId}>
                  <td>{s.description}</td>
                  <td>{s.institutionName}</td>
                  <td>{words(s.category)}</td>
                  <td>{FREQUENCY[s.payFrequency] ?? words(s.payFrequency)}</td>
                  <td className="num">{formatMoney(s.totalMinor, s.currency)}</td>
                  <td className="num">{s.transactionCount}</td>
                  <td>{s.startDate}</td>
                  <td>{s.endDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.sources.map((s) => (
            <table key={s.sourceId} className="data-table" aria-label={`Monthly history of ${s.description}`}>
              <caption>{s.description}, by month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">
                    Income
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.history.map((m) => (
                  <tr key={m.startDate}>
                    <td>
                      {m.startDate} – {m.endDate}
                    </td>
                    <td className="num">{formatMoney(m.amountMinor, m.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
    </section>
  );
}
