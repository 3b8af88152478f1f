import { useEffect, useState, type FormEvent } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from 'zustand';
import type { BreakdownAccount, ManualAsset } from '../../../shared/contract/net-worth';
import { formatMoney, fromMinor } from '../../../shared/money';
import { useShell } from '../../app/shell-context';
import type { ViewProps } from '../../app/view-entry';
import { parseAmountInput } from '../../ui/amount-input';
import { chartMoney, formatDay } from '../../ui/format/display';
import { updatedAgo } from '../../ui/format/relative-time';
import { useNow } from '../../ui/use-now';
import { ViewHeading } from '../../ui/ViewHeading';
import { byCurrency, RANGES, type CurrencySeries } from './net-worth';
import { netWorthSlice } from './slice';
import { useViewReady } from '../../ui/view-ready';

function SeriesChart({ series }: { series: CurrencySeries }) {
  const { currency, days, changeMinor, changeFrom } = series;
  const rows = days.map((d) => ({ date: d.date, value: fromMinor(d.netWorthMinor, currency) }));
  const last = days[days.length - 1]!;
  const lastEstimated = days.findLast((d) => d.estimated)?.date;
  return (
    <section className="net-worth-series" data-testid="net-worth-series" data-currency={currency}>
      <p className="net-worth-total">
        <span data-testid="net-worth-today">{formatMoney(last.netWorthMinor, currency)}</span>{' '}
        {changeMinor !== null && changeFrom !== null ? (
          <span
            className={changeMinor < 0 ? 'amount-negative' : 'amount-positive'}
            data-testid="net-worth-change"
          >
            {changeMinor >= 0 ? '+' : ''}
            {formatMoney(changeMinor, currency)} since {formatDay(changeFrom)}
          </span>
        ) : (
          <span className="muted" data-testid="net-worth-change">
            no change to show yet: some accounts have no values before today
          </span>
        )}
      </p>
      {lastEstimated && (
        <p className="muted small" data-testid="net-worth-estimated">
          Up to {formatDay(lastEstimated)} some balances are estimated (a loan from its rate and payments, an
          investment account from its holdings and trades): no balance had been fetched for them yet.
        </p>
      )}
      {/* Hidden from assistive technology (the table below has the numbers), so nothing in it takes the focus. */}
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" minTickGap={40} />
            <YAxis tickFormatter={chartMoney(currency)} width={96} />
            <Tooltip formatter={chartMoney(currency)} />
            <Line
              type="monotone"
              dataKey="value"
              name={`Net worth (${currency})`}
              stroke="var(--cat-2)"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>Numbers as a table ({days.length} days)</summary>
        <table className="data-table" data-testid="net-worth-table">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Assets
              </th>
              <th scope="col" className="num">
                Liabilities
              </th>
              <th scope="col" className="num">
                Net worth
              </th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td className="num">{formatMoney(d.assetsMinor, currency)}</td>
                <td className="num">{formatMoney(d.liabilitiesMinor, currency)}</td>
                <td className="num">{formatMoney(d.netWorthMinor, currency)}</td>
                <td>{d.estimated ? 'Estimated' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function historyNote(a: BreakdownAccount): string | null {
  if (a.historyFrom === null) return 'no balance yet';
  if (a.estimatedUntil)
    return a.type === 'loan'
      ? `estimated from its rate and payments until ${formatDay(a.estimatedUntil)} (first balance fetched after)`
      : `estimated from holdings and trades until ${formatDay(a.estimatedUntil)} (first balance fetched after)`;
  return a.snapshotsOnly ? `no history before ${formatDay(a.historyFrom)} (first balance fetched)` : null;
}

function Breakdown({ accounts, onOpen }: { accounts: BreakdownAccount[]; onOpen(id: string): void }) {
  const now = useNow(30_000);
  return (
    <table className="data-table" data-testid="net-worth-breakdown">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Side</th>
          <th scope="col" className="num">
            Balance
          </th>
          <th scope="col">Fetched</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={a.accountId} data-testid="net-worth-account" data-account-id={a.accountId}>
            <td>
              <button type="button" className="link-button" onClick={() => onOpen(a.accountId)}>
                {a.name}
              </button>
              <span className="muted small"> · {a.institutionName}</span>
              {historyNote(a) && <span className="muted small"> · {historyNote(a)}</span>}
            </td>
            <td>{a.side === 'asset' ? 'Asset' : 'Owed'}</td>
            <td className="num" data-testid="net-worth-account-balance">
              {a.balanceMinor === null ? '—' : formatMoney(a.balanceMinor, a.currency)}
            </td>
            <td className="muted small" title={a.fetchedAt ?? undefined}>
              {a.fetchedAt ? updatedAgo(a.fetchedAt, now) : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ManualForm({ today, onDone }: { today: string; onDone(): void }) {
  const { api, errors } = useShell();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'asset' | 'liability'>('asset');
  const [currency, setCurrency] = useState('USD');
  const [date, setDate] = useState(today);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minor = parseAmountInput(value, currency);
    if (minor === null || minor < 0) {
      setProblem('Enter the value as a positive amount, e.g. 350000 or 1,250.50.');
      return;
    }
    try {
      await api['manualAssets.create']({ name, kind, currency, date, valueMinor: minor });
      setProblem(null);
      setName('');
      setValue('');
      onDone();
    } catch (error) {
      errors.getState().report(error);
    }
  };
  return (
    <form
      className="manual-asset-form"
      aria-label="Add an asset or liability"
      onSubmit={(e) => void submit(e)}
    >
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
      </label>
      <label>
        Kind{' '}
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value === 'liability' ? 'liability' : 'asset')}
        >
          <option value="asset">Asset (a house, a car)</option>
          <option value="liability">Liability (a private loan)</option>
        </select>
      </label>
      <label>
        Currency{' '}
        <input
          value={currency}
          onChange={(e) => setCurrency(e.target.value.toUpperCase())}
          size={4}
          maxLength={12}
        />
      </label>
      <label>
        Value on <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <label>
        Value <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" required />
      </label>
      <button type="submit" className="button">
        Add
      </button>
      {problem && <p className="form-error">{problem}</p>}
    </form>
  );
}

function ManualList({ assets, today, onDone }: { assets: ManualAsset[]; today: string; onDone(): void }) {
  const { api, errors } = useShell();
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onDone();
    } catch (error) {
      errors.getState().report(error);
    }
  };
  if (assets.length === 0) return <p className="muted">None yet: add a house, a car or a loan below.</p>;
  return (
    <ul className="manual-assets">
      {assets.map((a) => {
        const latest = a.values[a.values.length - 1];
        return (
          <li key={a.id} data-testid="manual-asset">
            <span>{a.name}</span>{' '}
            <span className="muted small">
              {a.kind === 'asset' ? 'asset' : 'liability'}
              {latest && ` · ${formatMoney(latest.valueMinor, a.currency)} since ${formatDay(latest.date)}`}
            </span>{' '}
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                const text = window.prompt(`${a.name}: its value today (${a.currency})`);
                const minor = text === null ? null : parseAmountInput(text, a.currency);
                if (minor !== null && minor >= 0)
                  void run(() =>
                    api['manualAssets.setValue']({ assetId: a.id, date: today, valueMinor: minor }),
                  );
              }}
            >
              New value
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => void run(() => api['manualAssets.remove']({ assetId: a.id }))}
            >
              Remove
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function NetWorthView({ onBack }: ViewProps) {
  const { netWorth } = netWorthSlice.useSlice();
  const shell = useShell();
  const state = useStore(netWorth);
  useViewReady('net-worth', state.loaded);
  useEffect(() => {
    void netWorth.getState().load();
  }, [netWorth]);
  const series = byCurrency(state.days, state.accounts);
  const reload = () => void netWorth.getState().load();
  return (
    <section className="panel net-worth" data-testid="net-worth" aria-labelledby="net-worth-title">
      <ViewHeading id="net-worth-title" title="Net worth" onBack={onBack} />
      <div className="range-picker" role="group" aria-label="Period">
        {RANGES.map((r) => (
          <button
            key={r.id}
            type="button"
            className={`button button-quiet${state.range === r.id ? ' selected' : ''}`}
            aria-pressed={state.range === r.id}
            onClick={() => void state.setRange(r.id)}
          >
            {r.label}
          </button>
        ))}
      </div>
      {state.loaded && series.length === 0 && <p className="muted">No balances yet: link an account.</p>}
      {series.map((s) => (
        <SeriesChart key={s.currency} series={s} />
      ))}
      <h3>Accounts</h3>
      <Breakdown
        accounts={state.accounts}
        onOpen={(id) => shell.intents.showTransactions({ accountIds: [id] })}
      />
      <h3>Your own assets and liabilities</h3>
      <ManualList assets={state.assets} today={state.today ?? ''} onDone={reload} />
      {state.today && <ManualForm today={state.today} onDone={reload} />}
    </section>
  );
}
