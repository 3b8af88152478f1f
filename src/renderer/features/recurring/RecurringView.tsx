import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { RecurringStream } from '../../../shared/api';
import { formatMoney } from '../../../shared/money';
import { formatDay } from '../../ui/format/display';
import { updatedAgo } from '../../ui/format/relative-time';
import { frequencyLabel, groupStreams, isLate, streamTransactionsFilter } from './recurring';
import { useShell } from '../../app/shell-context';
import { recurringSlice } from './slice';
import { useNow } from '../../ui/use-now';
import { useViewReady } from '../../ui/view-ready';

function StreamTable({
  title,
  streams,
  testId,
  today,
  help,
}: {
  title: string;
  streams: RecurringStream[];
  testId: string;
  today: string;
  help?: string;
}) {
  const { accounts, intents } = useShell();
  const allAccounts = useStore(accounts, (s) => s.accounts);
  const accountName = (id: string) => allAccounts.find((a) => a.id === id)?.name ?? '';
  return (
    <section className="recurring-group" aria-label={title}>
      <h3>{title}</h3>
      {help && <p className="muted small">{help}</p>}
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
                  <button
                    type="button"
                    className="link-button stream-name"
                    onClick={() => intents.showTransactions(streamTransactionsFilter(s))}
                    aria-label={`${s.merchantName ?? s.description}: show its transactions`}
                  >
                    {s.merchantName ?? s.description}
                  </button>
                  {s.categoryName && <span className="muted small"> · {s.categoryName}</span>}
                  {!s.isActive && <span className="badge badge-pending">Ended</span>}
                </td>
                <td>{frequencyLabel(s.frequency)}</td>
                <td className="num">{formatMoney(Math.abs(s.averageAmountMinor), s.currency)}</td>
                <td>
                  {s.predictedNextDate ? formatDay(s.predictedNextDate) : '—'}
                  {isLate(s, today) && (
                    <span className="badge badge-warning" data-testid="recurring-late">
                      Late: not seen yet
                    </span>
                  )}
                </td>
                <td className="muted">{accountName(s.accountId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function localIsoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function RecurringView() {
  const { recurring } = recurringSlice.useSlice();
  const streams = useStore(recurring, (s) => s.streams);
  const loaded = useStore(recurring, (s) => s.loaded);
  useViewReady('recurring', loaded);
  const updatedAt = useStore(recurring, (s) => s.updatedAt);
  const now = useNow(30_000);
  useEffect(() => {
    void recurring.getState().load();
  }, [recurring]);
  const { subscriptions, income, transfers } = groupStreams(streams);
  const today = localIsoDate(now);
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
        <StreamTable
          title="Subscriptions and bills"
          streams={subscriptions}
          testId="subscriptions"
          today={today}
        />
        <StreamTable title="Income" streams={income} testId="income-streams" today={today} />
        <StreamTable
          title="Between your accounts"
          help="Card payments and transfers between your own accounts: neither income nor spending."
          streams={transfers}
          testId="transfer-streams"
          today={today}
        />
      </div>
    </section>
  );
}
