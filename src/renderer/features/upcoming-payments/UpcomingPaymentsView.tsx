import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { PaymentState, Reminder } from '../../../shared/contract/liabilities';
import { formatMoney } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import { formatDay } from '../../ui/format/display';
import { upcomingSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';
import { whenDue } from './when-due';

const STATE_LABEL: Record<PaymentState, string> = {
  paid: 'Paid',
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  upcoming: 'Upcoming',
};

const money = (minor: number | null, currency: string) =>
  minor === null ? '—' : formatMoney(minor, currency);

function ReminderLine({ r }: { r: Reminder }) {
  return (
    <li data-testid="reminder" data-account={r.accountId}>
      <strong>
        {r.institutionName} {r.accountName}
      </strong>{' '}
      {whenDue(r.daysUntilDue)} ({formatDay(r.dueDate)}): {money(r.amountDueMinor, r.currency)}
    </li>
  );
}

export function UpcomingPaymentsView() {
  const { upcoming } = upcomingSlice.useSlice();
  const shell = useShell();
  const payments = useStore(upcoming, (s) => s.payments);
  const reminders = useStore(upcoming, (s) => s.reminders);
  const loaded = useStore(upcoming, (s) => s.loaded);
  useViewReady('upcoming-payments', loaded);
  useEffect(() => {
    void upcoming.getState().load();
  }, [upcoming]);
  return (
    <section className="panel view-panel" aria-labelledby="upcoming-title">
      <div className="panel-heading">
        <h2 id="upcoming-title">Upcoming payments</h2>
        <span className="muted small">{loaded ? 'Every due date, soonest first' : 'Loading…'}</span>
      </div>
      <div className="view-body">
        <section aria-label="Reminders">
          <h3>Reminders</h3>
          {reminders.length === 0 ? (
            <p className="muted" data-testid="no-reminders">
              Nothing due in the next days.
            </p>
          ) : (
            <ul className="reminders">
              {reminders.map((r) => (
                <ReminderLine key={r.id} r={r} />
              ))}
            </ul>
          )}
        </section>
        <table className="data-table" data-testid="upcoming-payments">
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Account</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Amount due
              </th>
              <th scope="col" className="num">
                Statement balance
              </th>
              <th scope="col" className="num">
                Paid since statement
              </th>
              <th scope="col" className="num">
                Left of statement
              </th>
            </tr>
          </thead>
          <tbody>
            {payments.map((p) => (
              <tr key={p.accountId} data-testid="upcoming-payment" data-state={p.state} data-kind={p.kind}>
                <td>
                  {formatDay(p.dueDate)} <span className="muted small">{whenDue(p.daysUntilDue)}</span>
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => shell.intents.showTransactions({ accountIds: [p.accountId] })}
                  >
                    {p.institutionName} {p.accountName}
                  </button>
                </td>
                <td>
                  <span className={`badge badge-${p.state}`}>{STATE_LABEL[p.state]}</span>
                </td>
                <td className="num">{money(p.amountDueMinor, p.currency)}</td>
                <td className="num">{money(p.statementBalanceMinor, p.currency)}</td>
                <td className="num">{money(p.paidSinceStatementMinor, p.currency)}</td>
                <td className="num">{money(p.remainingStatementMinor, p.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
