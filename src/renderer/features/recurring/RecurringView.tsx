import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { RecurringStream } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { formatDay } from '../../ui/format/display';
import { updatedAgo } from '../../ui/format/relative-time';
import { frequencyLabel, groupStreams } from './recurring';
import { useShell } from '../../app/shell-context';
import { recurringSlice } from './slice';
import { useNow } from '../../ui/use-now';

function StreamTable({
  title,
  streams,
  testId,
}: {
  title: string;
  streams: RecurringStream[];
  testId: string;
}) {
  const { accounts } = useShell();
  const allAccounts = useStore(accounts, (s) => s.accounts);
  const accountName = (id: string) => allAccounts.find((a) => a.id === id)?.name ?? '';
  return (
    <section className="recurring-group" aria-label={title}>
      <h3>{title}</h3>
      {streams.length === 0 ? (
        <p className="muted">None found yet.</p>
      ) : (
        <table className="data-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Frequency</th>
              <th scope="col" className="num">
                Average
              </th>
              <th scope="col">Next expected</th>
              <th scope="col">Account</th>
            </tr>
          </thead>
          <tbody>
            {streams.map((s) => (
              <tr key={s.id} data-testid="recurring-row" className={s.isActive ? '' : 'inactive'}>
                <td>
                  <span className="stream-name">{s.merchantName ?? s.description}</span>
                  {s.categoryName && <span className="muted small"> · {s.categoryName}</span>}
                  {!s.isActive && <span className="badge badge-pending">Ended</span>}
                </td>
                <td>{frequencyLabel(s.frequency)}</td>
                <td className="num">{formatMoney(Math.abs(s.averageAmountMinor), s.currency)}</td>
                <td>{s.predictedNextDate ? formatDay(s.predictedNextDate) : '—'}</td>
                <td className="muted">{accountName(s.accountId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function RecurringView() {
  const { recurring } = recurringSlice.useSlice();
  const streams = useStore(recurring, (s) => s.streams);
  const loaded = useStore(recurring, (s) => s.loaded);
  const updatedAt = useStore(recurring, (s) => s.updatedAt);
  const now = useNow(30_000);
  useEffect(() => {
    void recurring.getState().load();
  }, [recurring]);
  const { subscriptions, income } = groupStreams(streams);
  return (
    // Focusable: the list scrolls, and its rows have no control of their own to reach it by keyboard.
    <section className="panel view-panel" aria-labelledby="recurring-title" tabIndex={0}>
      <div className="panel-heading">
        <h2 id="recurring-title">Recurring</h2>
        <span className="muted small">
          {loaded ? `From your bank’s recurring streams, ${updatedAgo(updatedAt, now)}` : 'Loading…'}
        </span>
      </div>
      <div className="view-body">
        <StreamTable title="Subscriptions and bills" streams={subscriptions} testId="subscriptions" />
        <StreamTable title="Income" streams={income} testId="income-streams" />
      </div>
    </section>
  );
}
